// <cr-order-status>: the tag's public class (attributes, the documented API). What it does is the body,
// cr-order-status-body.ts, a lazy chunk fetched when the first one is connected (lazy-body.ts), with the tag's styles.
import {property} from 'lit/decorators.js';
import type {Order} from '../../api/schemas.js';
import type {TrackerConnection, TrackerCounts} from '../../stream/order-tracker.js';
import {lazyBody} from '../lazy-body.js';

/**
 * Follows an order until it is delivered: a real EventSource on `${proxy-url}/v5/orders/{order_id}/subscribe`,
 * reconnecting with exponential backoff (1 s doubling to 30 s) and polling `${proxy-url}/v5/orders/{order_id}`
 * while the stream is down. Shows the progress, the payment state, and on completion every delivery (code, link,
 * barcode, eSIM, top-up); on failure or review, what to do and the order id to quote.
 *
 * Tracks `order-id`, or else the current order of its store (the one `<cr-checkout>` created), so a reload resumes.
 * Updates the store's `order` with every accepted update of that same order.
 *
 * @fires cr-status-change - once per change of `order_state`: `detail: {orderId, state, previousState, paymentState,
 *   phase, order}`
 * @fires cr-error - the order cannot be followed (unknown order): `detail.code`, `detail.message`
 * @csspart base - the whole element
 * @csspart title - the heading
 * @csspart progress - the `<ol>` of steps
 * @csspart step - each step; also `step-done`, `step-current`
 * @csspart payment-status - the sentence that says where the payment stands
 * @csspart payment-over - "the time to pay this order is over", once the payment window has ended
 * @csspart missing-amount - what is still missing of a partial payment
 * @csspart overpaid - how much more than the price arrived, and where to turn for the difference
 * @csspart network - the order's network, shown with the address after a partial payment
 * @csspart address - the order's address, to send the rest of a partial payment to
 * @csspart connection - the "reconnecting" / "paused" note
 * @csspart order-summary - what the order buys and for whom, until it is delivered
 * @csspart deliveries - the list of delivered products
 * @csspart delivery - one delivered product
 * @csspart code - a gift card code, an activation code or the order id
 * @csspart copy-button - every copy button
 * @csspart redeem-link - a redemption link (a pin code that is an http(s) URL)
 * @csspart serial - the serial number
 * @csspart security-code - the security code
 * @csspart barcode - the barcode image
 * @csspart qr-image - a QR image sent by upstream (gift card or eSIM)
 * @csspart qr - a QR code drawn from an eSIM's activation string
 * @csspart instructions - the (sanitized) redeem instructions
 * @csspart esim - the eSIM installation block
 * @csspart topup - the top-up confirmation
 * @csspart sent - where a delivered product with nothing to show here was sent (by e-mail to its beneficiary)
 * @csspart failure - the failure explanation
 * @csspart review - the "under review" explanation
 * @csspart support-link - the link to Cryptorefills support
 * @csspart order-id - the order id row
 * @csspart error - the "could not be loaded" message
 * @csspart retry-button - "try again" after a failed read of the codes, or when the element could not be loaded
 * @csspart lpa - an eSIM's activation code (with `code`)
 * @csspart status - the loading / no-order message
 */
export class CrOrderStatus extends lazyBody(() => import('./cr-order-status-body.js')) {
  /** The order to follow; default: the current order of the store. */
  @property({attribute: 'order-id'}) orderId?: string;
  /** First reconnect delay in ms, doubling per failure up to 30 s (CONTRACT.md: 1000). */
  @property({type: Number, attribute: 'reconnect-delay'}) reconnectDelay = 1000;
  /** Poll interval in ms while the stream is down and the order awaits payment. */
  @property({type: Number, attribute: 'payment-poll-interval'}) paymentPollInterval = 5000;
  /** Poll interval in ms while the stream is down, otherwise (upstream's advice: 30 s). */
  @property({type: Number, attribute: 'poll-interval'}) pollInterval = 30_000;
  /** After the page has been hidden this long (ms), connections close until it is shown again. */
  @property({type: Number, attribute: 'hidden-pause'}) hiddenPause = 60_000;
  /** The EventSource class to use; `null` = none (polling only). For tests and unusual hosts; not an attribute. */
  @property({attribute: false}) eventSource: typeof EventSource | null | undefined = undefined;

  protected override get wantsTrackingWords(): boolean {
    return true;
  }
}

/** What the body adds (present once the element is connected and `updateComplete` has resolved). */
export interface CrOrderStatus {
  /** The order being shown, if any. */
  readonly order: Order | undefined;
  /** Where tracking stands (`live`, `polling`, `paused`, `done`, …). */
  readonly connection: TrackerConnection;
  /** Frames and polls seen, accepted and ignored (malformed, foreign, backwards, older, duplicate). */
  readonly counts: TrackerCounts | undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-order-status': CrOrderStatus;
  }
}
