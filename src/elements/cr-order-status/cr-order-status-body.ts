import {html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import {state} from 'lit/decorators.js';
import type {ApiError} from '../../api/errors.js';
import type {Delivery, Order} from '../../api/schemas.js';
import {serverClockOffset, serverNow} from '../../api/server-clock.js';
import {statusChangeEvent} from '../../events.js';
import {formatCoin, formatDate} from '../../i18n/format.js';
import {richText} from '../../html/rich-text.js';
import {drawnQr} from '../../qr/qr-matrix.js';
import {qrSvg} from '../../qr/qr-svg.js';
import {beingDelivered, isFinal} from '../../stream/accept.js';
import {OrderTrackerController} from '../../stream/order-tracker-controller.js';
import type {OrderUpdate, TrackerConnection, TrackerCounts} from '../../stream/order-tracker.js';
import {shareTracker} from '../../stream/shared-trackers.js';
import {clearOrder, keepStoreOrders, loadOrder} from '../../store/order-persistence.js';
import type {StoreController} from '../../store/store-controller.js';
import {isTerminalPhase, phaseOf, type Phase} from '../../upstream/states.js';
import {CrElement} from '../cr-element.js';
import {missingAmount, overpaidBy, paidSomething, stillMissing} from '../shared/amounts.js';
import {CopyController} from '../shared/copy-controller.js';
import {deliveryTitle, purchaseLines} from '../shared/delivery-title.js';
import {missingProxyUrl} from '../shared/missing-proxy.js';
import {Following} from '../shared/order-followers.js';
import {asksForPayment, paymentDeadline, paymentWindowOver} from '../shared/payment-deadline.js';
import {statusStyles} from './cr-order-status.styles.js';
import {deliveryView, newlyArrived, supportUrl, type DeliveryView} from './delivery-view.js';

type Messages = CrElement['messages']['status'];

/** The three steps shown; the third is whichever final phase was reached (completed by default). */
const FIRST_STEPS: Phase[] = ['awaiting-payment', 'awaiting-delivery'];

/**
 * What `<cr-order-status>` does (its public class, attributes and doc block are in cr-order-status.ts): loaded as
 * a lazy chunk when the first one is connected (lazy-body.ts).
 */
export default class OrderStatusBody extends CrElement {
  static bodyStyles = [statusStyles];

  // The public attributes, declared by the public class.
  declare orderId?: string;
  declare reconnectDelay: number;
  declare paymentPollInterval: number;
  declare pollInterval: number;
  declare hiddenPause: number;
  declare eventSource: typeof EventSource | null | undefined;

  /** The order shown (the latest accepted update). */
  @state() private _order: Order | undefined;
  @state() private _announcement!: string;
  @state() private _fatal: ApiError | undefined;
  /** The tab's saved copy while it is shown: its codes were not kept (order-persistence.ts), so they are read again. */
  @state() private _withheld: Order | undefined;
  /** Reading those codes failed: said in place of them, with "try again". */
  @state() private _codesError: ApiError | undefined;
  /**
   * The order could not be read yet (network, 5xx, 429) while nothing of it is shown: said; the tracker keeps trying.
   * With the order it is about, so that following another order does not show it.
   */
  @state() private _readError: {orderId: string; error: ApiError} | undefined;

  private _copier!: CopyController;
  private _storeOrder!: StoreController<Order | undefined>;
  /**
   * The store's order as this tab kept it before the page (re)loaded, read once at the first update: what the host
   * page last heard about. Tracking resumes from it even with no <cr-checkout> on the page, and a change made while
   * the page was away is reported against it. Dropped as soon as the store's order changes (a fresh copy, another
   * order, or none after "new purchase").
   */
  private _persisted: {order: Order; storeOrder: Order | undefined; withheld: boolean} | undefined;
  private _persistedRead!: boolean;
  private _windowTimer: ReturnType<typeof setTimeout> | undefined;
  /** The order id willUpdate last followed, or whose failure is shown (any case): a failure to follow one is not another's. */
  private _followedId: string | undefined;
  /** The connection state last seen by willUpdate (the stream's loss is announced once). */
  private _connectionSaid: TrackerConnection | undefined;
  /** What the store is told this element keeps current (order-followers.ts). */
  private _following!: Following;
  private _tracker!: OrderTrackerController;
  /** Waiting for some element of the store to bring a proxy-url (missing-proxy.ts). */
  private _proxyWait: AbortController | undefined;

  /** The fields (lazy-body.ts: set here, not by initialisers, as an instance may predate this class). */
  initBody(): void {
    this._announcement = '';
    this._copier = new CopyController(this);
    this._storeOrder = this.useStore((s) => s.order);
    this._persistedRead = false;
    keepStoreOrders();
    this._following = new Following(this, true);
    this._tracker = new OrderTrackerController(
      this,
      () => {
        const orderId = this._trackedId();
        const stored = this._storeOrder.value;
        const known = [this._order, stored].find((o) => o && orderId && o.order_id.toLowerCase() === orderId.toLowerCase());
        return {
          proxyUrl: this.state.proxyUrl,
          orderId,
          // Moved to another store, it shares the tracker of that store's statuses, never the old one's.
          scope: this.storeInstance.name,
          knownOrder: known,
          options: {
            // The tab's saved copy of a delivered order has no codes (order-persistence.ts): read them.
            readFinal: !!known && known === this._withheld,
            baseDelayMs: this.reconnectDelay,
            paymentPollMs: this.paymentPollInterval,
            pollMs: this.pollInterval,
            hiddenPauseMs: this.hiddenPause,
            ...(this.eventSource !== undefined ? {eventSource: this.eventSource} : {}),
          },
        };
      },
      {
        onUpdate: (update) => this._onUpdate(update),
        onError: (error, fatal) => {
          if (this._order && this._order === this._withheld) {
            this._codesError = error;
            if (!fatal) this.fireError(error);
          }
          if (fatal) this._onFatal(error);
          else if (!this._order) {
            const orderId = this._trackedId()!;
            // Said once (an alert, and cr-error), not at every retry of the tracker's backoff.
            if (this._readError?.orderId !== orderId) this.fireError(error);
            this._readError = {orderId, error};
          }
        },
      },
      // The statuses of one order in one store share its tracker: one stream, however often the page shows it.
      (options) => shareTracker(this.storeInstance.name, options),
    );
  }

  /** The order cannot be followed (not known upstream, an invalid id, no proxy-url): said, announced and fired. */
  private _onFatal(error: ApiError): void {
    this._fatal = error;
    // This order's failure: the next update keeps it (a tracker hostConnected opened may fail before the first one).
    this._followedId = this._trackedId()?.toLowerCase();
    // Not known upstream: the copy this tab kept of the store's order goes too, so a reload does not show it.
    const saved = loadOrder(this.storeInstance.name);
    if (error.code === 'not-found' && !this.orderId?.trim() && saved?.orderId.toLowerCase() === this._trackedId()?.toLowerCase()) {
      clearOrder(this.storeInstance.name);
    }
    // With nothing of the order shown, the message is an alert and is read out as it appears; over a shown order
    // (the "lost" box) the live region says it.
    if (this._order) this._announce(this.messages.common.sentences(this.messages.status.loadFailed, this.errorText(error)));
    this.fireError(error);
  }

  /**
   * An order to follow and no proxy-url in the store: after a moment, "not set up"; one arriving meanwhile ends the
   * wait (and the error). With nothing to follow there is nothing to load yet, so nothing to complain about.
   */
  private _awaitProxyUrl(): void {
    if (this.state.proxyUrl !== undefined || !this.isConnected || !this._trackedId()) {
      this._proxyWait?.abort();
      this._proxyWait = undefined;
      if (this._fatal?.code === 'config') this._fatal = undefined;
      return;
    }
    if (this._proxyWait || this._fatal) return;
    const wait = (this._proxyWait = new AbortController());
    missingProxyUrl(wait.signal).catch((error: ApiError) => {
      if (!wait.signal.aborted) this._onFatal(error);
    });
  }

  /** The order being shown, if any. */
  get order(): Order | undefined {
    return this._order;
  }

  /** Where tracking stands (`live`, `polling`, `paused`, `done`, …). */
  get connection(): TrackerConnection {
    return this._tracker.connection;
  }

  /** Frames and polls seen, accepted and ignored (malformed, foreign, backwards, older, duplicate). */
  get counts(): TrackerCounts | undefined {
    return this._tracker.counts;
  }

  private _trackedId(): string | undefined {
    return this.orderId?.trim() || this._storeOrder.value?.order_id || this._persisted?.order.order_id || undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Moved to another store: that store's saved copy, not the old one's (which would be written into it).
    if (!this._persistedRead || changed.has('store')) {
      this._persistedRead = true;
      const saved = loadOrder(this.storeInstance.name);
      this._persisted = saved && {order: saved.order, storeOrder: this._storeOrder.value, withheld: saved.withheld};
    }
    // The store moved on (a fresh copy, another order, "new purchase"): from now on it says what to follow.
    if (this._persisted && this._storeOrder.value !== this._persisted.storeOrder) this._persisted = undefined;
    // The buyer left it ("new purchase" on a checkout of the store, which had no copy of it to clear).
    if (this._persisted?.order.order_id.toLowerCase() === this.state.left?.toLowerCase()) this._persisted = undefined;
    const id = this._trackedId();
    // Another order to follow: the failure to follow the last one (an unknown id, "undefined" from a page's script)
    // is not this one's. Not "not set up" (no proxy-url): that is no order's, and only a proxy-url ends it.
    if (id?.toLowerCase() !== this._followedId) {
      this._followedId = id?.toLowerCase();
      if (this._fatal?.code !== 'config') this._fatal = undefined;
    }
    // Another order than the one shown: forget the old one's view.
    if (this._order && id && this._order.order_id.toLowerCase() !== id.toLowerCase()) {
      this._order = undefined;
      this._fatal = undefined;
    }
    // Show what this tab last knew at once (e.g. after a reload) while the stream catches up: the persisted copy
    // first, so that the first update read is reported as the change it is, else the store's copy.
    const stored = this._storeOrder.value;
    const same = (o: Order | undefined): o is Order => !!o && !!id && o.order_id.toLowerCase() === id.toLowerCase();
    if (!this._order) {
      // …but not a copy without its codes when this page's store has the order as read.
      const persisted = this._persisted?.withheld && same(stored) ? undefined : this._persisted;
      this._order = [persisted?.order, stored].find(same);
      if (persisted?.withheld && this._order === persisted.order) this._withheld = this._order;
    }
    // Nothing to follow any more ("new purchase" cleared the store's order): nothing of the old order stays shown.
    if (!id) {
      this._order = undefined;
      this._fatal = undefined;
    }
    // The order to follow, or where to reach it, may have changed (attribute, store, proxy-url arriving late). Here
    // rather than in updated(): a tracker that starts says so at once ("connecting"), and in this update, not in a
    // second one scheduled after it. The first update finds the tracker hostConnected opened (the same store, order
    // and proxy URL) and keeps it: one stream on load, and one failure said for an id upstream refuses.
    this._tracker.sync();
    this._awaitProxyUrl();
    // The stream lost, with an order shown: said in the live region too (a status message), once each time. Not back
    // on a page that was hidden for long (paused) while the stream was down: that loss was said before it was hidden.
    const connection = this._tracker.connection;
    const before = this._connectionSaid;
    this._connectionSaid = connection;
    // Only a loss: not polling for good (after upstream's `stop` for a Done order still to be delivered).
    if (this._tracker.reconnecting && before !== 'polling' && before !== 'paused' && this._order) this._announce(this.messages.status.reconnecting);
    // The store is told which order this element keeps current, so a <cr-checkout> of it need not follow it too. An
    // update may still run once the element is removed (an announcement, a store change): it follows nothing then;
    // nor once it cannot (an order upstream does not know): a checkout showing that order then finds out itself.
    this._following.set(this.storeInstance, this.isConnected && !this._fatal ? id : undefined);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Rendered again when the payment window ends, so the address is not left up past it.
    clearTimeout(this._windowTimer);
    const order = this._order;
    const deadline = order && asksForPayment(order) ? paymentDeadline(order) : undefined;
    const ms = deadline === undefined ? undefined : deadline * 1000 - serverNow();
    // Not once removed (an update still pending then): disconnectedCallback has cleared it for good.
    if (this.isConnected && ms !== undefined && ms > 0 && ms < 2 ** 31 - 1) this._windowTimer = setTimeout(() => this.requestUpdate(), ms + 50);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._windowTimer);
    this._following.clear();
    this._proxyWait?.abort();
    this._proxyWait = undefined;
  }

  private _onUpdate(update: OrderUpdate): void {
    const {order, previous} = update;
    this._order = order;
    this._fatal = undefined;
    this._codesError = undefined;
    this._readError = undefined;
    // The checkout of the same store shows the payment arriving from this. Following the store's order (not an
    // `order-id` of the page's choosing) after a reload, when the store has none yet, it gives the store this order:
    // a checkout whose own resume failed then shows it too. The store's order is what is kept for a reload
    // (keepStoreOrders), so a reload reports only what changed since, even with no <cr-checkout> on the page.
    const store = this.storeInstance;
    const stored = store.get().order;
    const ours = stored ? stored.order_id.toLowerCase() === order.order_id.toLowerCase() : !this.orderId?.trim();
    if (ours && stored !== order) store.update({order});
    const sentChanged = previous?.sent_coin_amount !== order.sent_coin_amount;
    if (update.stateChanged || previous?.payment_state !== order.payment_state || sentChanged) {
      this._announce(this._nowText(order));
    } else if (previous && previous !== this._withheld && update.phase === 'completed') {
      // A delivery that came after the order's Done: said once, through the live region like any change (nothing
      // else on screen says it: no alert). Not the codes of the tab's saved copy read again: those had come before.
      const said = newlyArrived(previous, order).map((delivery) => {
        const {name, amount} = deliveryTitle(delivery);
        return this.messages.status.delivered([name, amount].filter(Boolean).join(' '));
      });
      // The last one in: the order is complete now, which the screen says too.
      if (said.length && isFinal(order)) said.push(this.messages.status.now.completed);
      if (said.length) this._announce(said.reduce((all, one) => this.messages.common.sentences(all, one)));
    }
    if (update.stateChanged) {
      this.dispatchEvent(
        statusChangeEvent({
          orderId: order.order_id,
          state: order.order_state,
          previousState: update.previousState,
          paymentState: order.payment_state,
          phase: update.phase,
          order,
        }),
      );
    }
  }

  private _announce(text: string): void {
    // The same words twice would not be read again by some screen readers: clear, then set on the next frame.
    this._announcement = '';
    requestAnimationFrame(() => {
      this._announcement = text;
    });
  }

  // ---- words ------------------------------------------------------------------------------------------------

  /**
   * Done, but a delivery is still on its way (no code yet): the order is being delivered, not complete. Not the tab's
   * saved copy whose codes are being read again: its deliveries had come.
   */
  private _delivering(order: Order): boolean {
    return order !== this._withheld && beingDelivered(order);
  }

  /** What a Done order's screen and announcement say: complete, or "payment confirmed" while a delivery is to come. */
  private _completedText(order: Order): string {
    const now = this.messages.status.now;
    return this._delivering(order) ? now.confirmed : now.completed;
  }

  private _nowText(order: Order): string {
    const m = this.messages.status;
    // Never "waiting for payment" once the window is over: the screen's alert says it is, and nothing more to send.
    if (this._payTimeOver(order)) return '';
    const phase = phaseOf(order.order_state);
    if (phase === 'completed') return this._completedText(order);
    if (phase === 'failed') return this.messages.common.sentences(m.now.failed, this._failedReason(order));
    if (phase === 'review') return m.now.review;
    const missing = stillMissing(order);
    if (missing) return this.messages.common.sentences(this._partialText(order, missing), this._partialHint(order));
    switch (order.order_state) {
      case 'Created':
      case 'WaitingForPayment':
        return m.now.waiting;
      case 'PaymentStarted':
      case 'PartialPaymentStarted':
        return order.payment_state === 'PaymentReceived' ? m.now.confirming : m.now.seen;
      case 'PaymentReceived':
        return m.now.confirming;
      default:
        return m.now.confirmed;
    }
  }

  /**
   * When the order can no longer be paid: the same deadline as the checkout's countdown (Lightning may be sooner), on
   * upstream's clock, written in this device's time (api/server-clock.ts), since the reader compares it with theirs.
   */
  private _deadline(order: Order): string | undefined {
    const deadline = paymentDeadline(order);
    return deadline === undefined ? undefined : formatDate(this.locale, deadline - serverClockOffset() / 1000, {timeStyle: 'short'});
  }

  /** Whether the payment window is over (upstream's clock) while upstream has not said so yet. */
  private _payTimeOver(order: Order): boolean {
    return paymentWindowOver(order, serverNow() / 1000);
  }

  /** "Partial payment received: … is still missing." */
  private _partialText(order: Order, missing: string): string {
    return this.messages.common.partial(formatCoin(this.locale, missing, order.coin));
  }

  private _partialHint(order: Order): string {
    const deadline = this._deadline(order);
    const m = this.messages.status;
    return deadline ? m.partialHint(deadline) : m.partialHintNoDeadline;
  }

  private _failedReason(order: Order): string {
    const reasons = this.messages.status.failedReason;
    const state = order.order_state === 'Cancelled' ? 'Canceled' : order.order_state;
    // Part of it came in time, the rest did not: not "a payment arrived after the time ran out".
    if (state === 'Expired' && paidSomething(order) && missingAmount(order.coin_amount, order.sent_coin_amount)) return reasons.ExpiredPartly;
    if (state === 'Expired' && order.payment_state === 'ExpiredAfterPaymentDetection') return reasons.ExpiredAfterPaymentDetection;
    return Object.hasOwn(reasons, state) ? reasons[state as keyof typeof reasons] : reasons.other;
  }

  // ---- rendering --------------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const m = this.messages.status;
    return html`
      <section part="base" lang=${this.messages.lang} aria-labelledby="title">
        <h2 id="title" part="title" tabindex="-1" data-takes-focus>${m.title}</h2>
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this._announcement}</div>
        ${this._renderBody(m)}
      </section>
    `;
  }

  private _renderBody(m: Messages): TemplateResult {
    const order = this._order;
    if (this._fatal && !order) {
      return html`<p class="error" part="error" role="alert" tabindex="-1" data-takes-focus>${this.messages.common.sentences(m.loadFailed, this.errorText(this._fatal))}</p>`;
    }
    if (!order) {
      const id = this._trackedId();
      const unread = this._readError;
      if (id && unread?.orderId === id) {
        return html`<div part="error" role="alert" tabindex="-1" data-takes-focus>
          <p class="error">${this.messages.common.sentences(m.loadFailed, this.errorText(unread.error))}</p>
          <p class="muted">${m.reconnecting}</p>
        </div>`;
      }
      return html`<p class="muted" part="status">${id ? m.loading : m.noOrder}</p>`;
    }
    const phase = phaseOf(order.order_state);
    // Upstream says the order does not exist (any more): nothing of it may still ask for money.
    if (this._fatal && !isTerminalPhase(phase)) return this._renderLost(order, this._fatal, m);
    // Paid in part, the payment is what is still to do: the progress says so, though the phase has moved on. Done with
    // a delivery still on its way, the delivery is: "complete" only once every delivery is in.
    const step = stillMissing(order) ? 'awaiting-payment' : this._delivering(order) ? 'awaiting-delivery' : phase;
    return html`
      ${this._renderProgress(step, m)}
      ${phase === 'completed'
        ? this._renderDeliveries(order, m)
        : phase === 'failed'
          ? this._renderFailure(order, m)
          : phase === 'review'
            ? this._renderReview(order, m)
            : this._renderPayment(order, m)}
    `;
  }

  private _renderProgress(phase: Phase, m: Messages): TemplateResult {
    const last: Phase = phase === 'failed' || phase === 'review' ? phase : 'completed';
    const steps = [...FIRST_STEPS, last];
    // A failure or review happens after whatever came before: the earlier steps read as passed only when the
    // order got that far, which the phase alone cannot tell, so they are simply not marked done then.
    const at = steps.indexOf(phase);
    const finished = phase === 'completed';
    return html`<ol class="progress" part="progress" aria-label=${m.label}>
      ${steps.map((step, i) => {
        const current = i === at && !finished;
        const done = finished || (i < at && last === 'completed');
        const parts = ['step', done ? 'step-done' : '', current || (finished && i === 2) ? 'step-current' : ''].filter(Boolean).join(' ');
        return html`<li
          part=${parts}
          class=${done ? 'done' : ''}
          aria-current=${i === at ? 'step' : nothing}
        >
          <span class="dot" aria-hidden="true">${done ? '✓' : i + 1}</span>
          <span class="step-name">${m.steps[step]}</span>${done ? html`<span class="visually-hidden"> ${m.stepDone}</span>` : nothing}
        </li>`;
      })}
    </ol>`;
  }

  private _renderConnection(m: Messages): TemplateResult | typeof nothing {
    if (this._tracker.reconnecting) return html`<p class="muted note" part="connection">${m.reconnecting}</p>`;
    if (this._tracker.connection === 'paused') return html`<p class="muted note" part="connection">${m.paused}</p>`;
    return nothing;
  }

  private _renderPayment(order: Order, m: Messages): TemplateResult {
    const missing = stillMissing(order);
    // As the checkout says at the same moment: nothing more to send; where part was sent, support sorts it out. An
    // alert, so that it is said when the window ends (a checkout showing the order leaves it to this one).
    if (this._payTimeOver(order)) {
      return html`
        <div part="payment-status" role="alert" tabindex="-1" data-takes-focus>
          <p class="strong error" part="payment-over">${this.messages.common.expired}</p>
          ${missing ? html`<p>${this.messages.common.failedHelp}</p>` : nothing}
        </div>
        ${this._renderPurchase(order)} ${this._renderConnection(m)} ${this._renderOrderId(order, m)}
      `;
    }
    const deadline = this._deadline(order);
    const awaiting = phaseOf(order.order_state) === 'awaiting-payment';
    return html`
      <div part="payment-status" tabindex="-1" data-takes-focus>
        ${missing
          ? html`<p class="strong" part="missing-amount">${this._partialText(order, missing)}</p>
              <p>${this._partialHint(order)}</p>
              ${this._renderWhereToPay(order, m)}`
          : html`<p class="strong">${this._nowText(order)}</p>
              ${awaiting && deadline ? html`<p class="muted">${m.payBefore(deadline)}</p>` : nothing} ${this._renderOverpaid(order)}`}
      </div>
      ${this._renderPurchase(order)} ${this._renderConnection(m)} ${this._renderOrderId(order, m)}
    `;
  }

  /** The order as this tab knew it could not be followed (upstream does not know it): no address, no amount. */
  private _renderLost(order: Order, error: ApiError, m: Messages): TemplateResult {
    return html`
      <div class="box failure" part="failure">
        <h3>${m.loadFailed}</h3>
        <p part="error">${this.errorText(error)}</p>
        <p>${this.messages.common.failedHelp}</p>
        ${this._renderSupport(order, m)}
      </div>
      ${this._renderOrderId(order, m)}
    `;
  }

  private _renderFailure(order: Order, m: Messages): TemplateResult {
    return html`
      <div class="box failure" part="failure">
        <h3>${m.failedTitle}</h3>
        <p>${this._failedReason(order)}</p>
        <p>${this.messages.common.failedHelp}</p>
        ${paidSomething(order) ? nothing : html`<p class="muted">${m.failedRetry}</p>`}
        ${this._renderSupport(order, m)}
      </div>
      ${this._renderPurchase(order)} ${this._renderOrderId(order, m)}
    `;
  }

  private _renderReview(order: Order, m: Messages): TemplateResult {
    return html`
      <div class="box" part="review">
        <h3>${m.reviewTitle}</h3>
        <p>${m.reviewText}</p>
        <p>${m.reviewHelp}</p>
        ${this._renderSupport(order, m)}
      </div>
      ${this._renderPurchase(order)} ${this._renderConnection(m)} ${this._renderOrderId(order, m)}
    `;
  }

  private _renderSupport(order: Order, m: Messages): TemplateResult {
    return html`<p>
      <a part="support-link" href=${supportUrl(order.order_id)} target="_blank" rel="noopener noreferrer"
        >${m.support}<span class="visually-hidden"> ${m.newTab}</span></a
      >
    </p>`;
  }

  /** What the order buys and for whom, until it is delivered (the delivered view names each delivery itself). */
  private _renderPurchase(order: Order): TemplateResult | typeof nothing {
    const common = this.messages.common;
    const lines = purchaseLines(order, common);
    if (!lines.length) return nothing;
    return html`<div class="row" part="order-summary">
      <span class="label">${common.buying}</span>
      <span class="lines">${lines.map((line) => html`<span>${line}</span>`)}</span>
    </div>`;
  }

  /** The order's own network and address, for the rest of a partial payment: a page with no checkout shows them too. */
  private _renderWhereToPay(order: Order, m: Messages): TemplateResult {
    const common = this.messages.common;
    return html`<div class="row" part="network">
        <span class="label">${common.onNetwork}</span>
        <span>${order.network}</span>
      </div>
      <div class="row" role="group" aria-labelledby="address-label">
        <span class="label" id="address-label">${common.toAddress}</span>
        <code part="address">${order.wallet_address}</code>
        ${this._copyButton('address', order.wallet_address, common.copyAddress, m)}
      </div>`;
  }

  private _renderOrderId(order: Order, m: Messages): TemplateResult {
    // Named as a group: a name on <code> itself is not announced (ARIA gives the code role no name).
    return html`<div class="row" part="order-id" role="group" aria-labelledby="order-id-label">
      <span class="label" id="order-id-label">${m.orderId}</span>
      <code part="code">${order.order_id}</code>
      ${this._copyButton('order-id', order.order_id, m.copyOrderId, m)}
    </div>`;
  }

  private _copyButton(key: string, text: string, label: string, m: Messages): TemplateResult {
    const copied = this._copier.copied === key;
    const failed = this._copier.failed === key;
    // The name is the visible text ("Copy the code", then "Copied"), never a separate aria-label: a label that kept
    // saying "Copy…" while the button shows "Copied" would not contain what is seen (WCAG 2.5.3, Label in Name).
    return html`<button type="button" class="button copy" part="copy-button" data-copy=${key} @click=${() => this._copy(key, text)}>
        ${copied ? m.copied : label}
      </button>
      ${failed ? html`<span class="error small">${m.copyFailed}</span>` : nothing}`;
  }

  private async _copy(key: string, text: string): Promise<void> {
    const ok = await this._copier.copy(key, text);
    this._announce(ok ? this.messages.status.copiedAnnouncement : this.messages.status.copyFailed);
  }

  private _renderDeliveries(order: Order, m: Messages): TemplateResult {
    return html`
      <p class="strong success">${this._completedText(order)}</p>
      ${this._renderOverpaid(order)}
      <h3 class="visually-hidden">${m.deliveries}</h3>
      ${order === this._withheld
        ? this._renderWithheld(m)
        : html`<ul class="deliveries" part="deliveries">
            ${order.deliveries.map((delivery, i) => this._renderDelivery(delivery, i, m))}
          </ul>`}
      ${this._delivering(order) ? this._renderConnection(m) : nothing} ${this._renderOrderId(order, m)}
    `;
  }

  /** More than the price arrived: how much, and where to turn for the difference. */
  private _renderOverpaid(order: Order): TemplateResult | typeof nothing {
    const extra = overpaidBy(order);
    return extra ? html`<p part="overpaid">${this.messages.common.overpaid(formatCoin(this.locale, extra, order.coin))}</p>` : nothing;
  }

  /** In place of the deliveries while their codes are read again (the tab's saved copy has none). */
  private _renderWithheld(m: Messages): TemplateResult {
    const error = this._codesError;
    if (!error) return html`<p class="muted" part="status" role="status">${m.loading}</p>`;
    const retry = () => {
      this._codesError = undefined;
      this._tracker.refresh();
    };
    return html`<p class="error" part="error" role="alert">${this.messages.common.sentences(m.loadFailed, this.errorText(error))}</p>
      <button type="button" class="button" part="retry-button" @click=${retry}>${this.messages.common.retry}</button>`;
  }

  private _renderDelivery(delivery: Delivery, index: number, m: Messages): TemplateResult {
    const view: DeliveryView = deliveryView(delivery);
    const d = delivery.deliverable;
    const {name, amount} = deliveryTitle(delivery);
    const key = `d${index}`;
    const headingId = `delivery-${index}`;
    return html`<li class="delivery" part="delivery" aria-labelledby=${headingId}>
      <h4 id=${headingId}>${name}${amount ? html` <span class="muted">${amount}</span>` : nothing}</h4>
      ${view.kind === 'pending'
        ? html`<p class="muted">${m.deliveryPending}</p>`
        : view.kind === 'topup' || view.kind === 'sent'
          ? html`<p part=${view.kind}>${this._sentText(view, m)}</p>`
          : view.kind === 'esim'
            ? this._renderEsim(view, key, m)
            : html`
                ${view.link
                  ? html`<p>
                      <a part="redeem-link" class="button primary" href=${view.link} target="_blank" rel="noopener noreferrer"
                        >${m.redeemLink}<span class="visually-hidden"> ${m.newTab}</span></a
                      >
                    </p>`
                  : nothing}
                ${view.code
                  ? html`<div class="row" role="group" aria-labelledby=${`${key}-code`}>
                      <span class="label" id=${`${key}-code`}>${m.code}</span>
                      <code part="code" class="code">${view.code}</code>
                      ${this._copyButton(`${key}-code`, view.code, m.copyCode, m)}
                    </div>`
                  : nothing}
                ${view.serial || view.securityCode
                  ? html`<dl class="facts">
                      ${view.serial
                        ? html`<dt>${m.serial}</dt>
                            <dd><span part="serial">${view.serial}</span> ${this._copyButton(`${key}-serial`, view.serial, m.copySerial, m)}</dd>`
                        : nothing}
                      ${view.securityCode
                        ? html`<dt>${m.securityCode}</dt>
                            <dd>
                              <span part="security-code">${view.securityCode}</span>
                              ${this._copyButton(`${key}-security`, view.securityCode, m.copySecurityCode, m)}
                            </dd>`
                        : nothing}
                    </dl>`
                  : nothing}
                ${view.barcode ? html`<img part="barcode" class="barcode" src=${view.barcode} alt=${m.barcodeAlt(name)} />` : nothing}
                ${view.qrImage ? html`<img part="qr-image" class="qr-image" src=${view.qrImage} alt=${m.qrAlt(name)} />` : nothing}
              `}
      ${view.kind !== 'pending' && d.redeem_instructions
        ? html`<div class="instructions" part="instructions">
            <h5>${m.instructions}</h5>
            ${richText(d.redeem_instructions)}
          </div>`
        : nothing}
    </li>`;
  }

  /** Where a delivery with nothing to show here went: a top-up to its phone, anything else where upstream sent it. */
  private _sentText(view: Extract<DeliveryView, {kind: 'topup' | 'sent'}>, m: Messages): string {
    const account = view.account;
    if (view.kind === 'topup') return account ? m.topup(account) : m.topupNoAccount;
    if (view.byEmail) return account ? m.sentByEmail(account) : m.sentByEmailNoAccount;
    return account ? m.sentTo(account) : m.sentNoAccount;
  }

  private _renderEsim(view: Extract<DeliveryView, {kind: 'esim'}>, key: string, m: Messages): TemplateResult {
    let qr: TemplateResult | typeof nothing = nothing;
    if (view.qrImage) qr = html`<img part="qr-image" class="qr-image" src=${view.qrImage} alt=${m.esimQrAlt} />`;
    else if (view.activation) {
      const matrix = drawnQr(view.activation, () => this.requestUpdate());
      if (matrix) qr = html`<div class="qr">${qrSvg(matrix, m.esimQrAlt)}</div>`;
    }
    return html`<div part="esim">
      <h5>${m.esimTitle}</h5>
      <p>${m.esimHint}</p>
      ${qr}
      ${view.activation
        ? html`<div class="row" role="group" aria-labelledby=${`${key}-lpa`}>
            <span class="label" id=${`${key}-lpa`}>${m.activationCode}</span>
            <code part="code lpa" class="code">${view.activation}</code>
            ${this._copyButton(`${key}-lpa`, view.activation, m.copyActivationCode, m)}
          </div>`
        : nothing}
    </div>`;
  }
}
