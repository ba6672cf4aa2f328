// <cr-checkout> on a page without a <cr-order-status> of its store still sees its payment arrive: while its order is
// not final, it asks upstream for it (every few seconds while the buyer still has to pay, at upstream's pace once it
// is paid) and puts what moves the order forward into the store, which the payment screen shows. Where a
// <cr-order-status> follows that order (order-followers.ts), its stream does this and the checkout asks nothing.
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {getOrder} from '../../api/client.js';
import {isApiError} from '../../api/errors.js';
import type {Order} from '../../api/schemas.js';
import type {Store} from '../../store/store.js';
import {judge} from '../../stream/accept.js';
import {awaitsPayment} from '../../stream/poll-intervals.js';
import {isTerminalPhase, phaseOf} from '../../upstream/states.js';
import {isFollowed} from '../shared/order-followers.js';

export interface FollowTarget {
  proxyUrl: string | undefined;
  /** The order shown; nothing is asked for without one. */
  order: Order | undefined;
  store: Store;
  /** Poll intervals in ms: while the buyer still has to pay, and after. */
  paymentPollMs: number;
  pollMs: number;
}

export class PaymentFollower implements ReactiveController {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request: AbortController | undefined;
  /** Orders upstream does not know (any more): never asked for again. */
  readonly #lost = new Set<string>();

  constructor(
    host: ReactiveControllerHost,
    private readonly target: () => FollowTarget,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#wake();
  }

  /** After every update of the host: the order shown may have changed, or become final. */
  hostUpdated(): void {
    this.#wake();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#request?.abort();
    this.#request = undefined;
  }

  /**
   * Shown again (on a phone: back from the wallet app the buyer paid in): asked at once, not at the next interval,
   * so the payment shows up as the buyer comes back to look for it.
   */
  readonly #onVisibility = (): void => {
    if (document.hidden || !this.#timer) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    void this.#poll();
  };

  #wake(): void {
    if (!this.#timer && !this.#request) this.#schedule();
  }

  /** The order still to follow now, if any: not final (under review is not: support may release it), known upstream. */
  #followable(): Order | undefined {
    const {order, proxyUrl} = this.target();
    if (!order || proxyUrl === undefined || this.#lost.has(order.order_id)) return undefined;
    return isTerminalPhase(phaseOf(order.order_state)) ? undefined : order;
  }

  #schedule(): void {
    const order = this.#followable();
    if (!order) return;
    const {paymentPollMs, pollMs} = this.target();
    this.#timer = setTimeout(() => void this.#poll(), awaitsPayment(order) ? paymentPollMs : pollMs);
  }

  async #poll(): Promise<void> {
    this.#timer = undefined;
    const order = this.#followable();
    if (!order) return;
    const {proxyUrl, store} = this.target();
    // A hidden page asks for nothing (the next poll after it is shown again catches up), and a <cr-order-status>
    // of the store that follows the order keeps it current already.
    if (!document.hidden && !isFollowed(store, order.order_id)) {
      const request = (this.#request = new AbortController());
      try {
        const fresh = await getOrder(proxyUrl, order.order_id, {signal: request.signal});
        // Only into the store's order as it is now: not after "new purchase", nor over another order.
        const current = store.get().order;
        if (current && current.order_id === order.order_id && judge(order.order_id, current, fresh).accept) store.update({order: fresh});
      } catch (error) {
        if (isApiError(error) && error.code === 'not-found') this.#lost.add(order.order_id);
        // Anything else (network, 5xx, a malformed answer) is asked again at the next interval, silently: the screen
        // still shows what is known, and nothing of it is wrong.
      } finally {
        if (this.#request === request) this.#request = undefined;
      }
      if (request.signal.aborted) return;
    }
    this.#schedule();
  }
}
