// <cr-checkout>: the tag's public class (attributes, the documented API). What it does is the body,
// cr-checkout-body.ts, a lazy chunk fetched when the first one is connected (lazy-body.ts), with the tag's styles.
import {property} from 'lit/decorators.js';
import {lazyBody} from '../lazy-body.js';

/**
 * Takes the order for the brand chosen in its store (or its own `brand` attribute) and shows what to pay.
 *
 * The form: amount (listed denominations, or a range with a live non-binding quote), the beneficiary (e-mail or an
 * E.164 phone by the product's delivery type), the buyer's e-mail, an optional promo code, coin and network
 * (USER_WALLET, USDC on Solana first). It is checked in the browser, then validated upstream, then the order is
 * created once (see order-guard.ts), kept per store in sessionStorage and resumed on reload.
 *
 * @fires cr-order-created - the order was created: `detail.order` (once per order, by one element of the store:
 *   also when a create whose answer was lost is sent again and answered; not when a saved order is resumed)
 * @fires cr-error - a failure the user was told about: `detail.code`, `detail.message` (one per upstream problem)
 * @csspart base - the whole checkout
 * @csspart form - the form
 * @csspart amount - the amount group (denominations or the amount input)
 * @csspart denomination - each listed denomination; also `denomination-selected`, `denomination-out-of-stock`
 * @csspart amount-input - the amount input of range products
 * @csspart quote - the live price ("≈ 101.48 USDC")
 * @csspart beneficiary-input - the recipient input (e-mail or phone)
 * @csspart email-input - the buyer's e-mail input
 * @csspart promo-input - the promo code input
 * @csspart coin-select - the coin `<select>`
 * @csspart network-select - the network `<select>`
 * @csspart field-error - a message under a field
 * @csspart form-error - a message about the whole form
 * @csspart pay-button - the submit button
 * @csspart details - the brand details (`<details>` elements)
 * @csspart payment - the payment screen
 * @csspart order-summary - what the order buys and for whom, on the payment screen (one per delivery)
 * @csspart amount-to-pay - the exact amount on the payment screen
 * @csspart network-name - the network on the payment screen
 * @csspart address - the deposit address
 * @csspart copy-button - the copy buttons
 * @csspart qr - the QR code
 * @csspart wallet-link - the "open in wallet" link
 * @csspart countdown - the time left
 * @csspart warning - the "send exactly" warning
 * @csspart missing-amount - what is still missing after a partial payment
 * @csspart payment-status - "payment received", "expired", …
 * @csspart overpaid - how much more than the price arrived, and where to turn for the difference
 * @csspart new-purchase-button - the "new purchase" button
 * @csspart leave-order - the question asked before leaving an order that may still be paid
 * @csspart keep-order-button - "keep this order", beside it
 * @csspart retry-button - "try again" / "check again"
 * @csspart status - loading messages
 * @csspart error - the message when the element itself could not be loaded (with `retry-button`)
 * @cssprop --cr-checkout-max-width - widest the checkout grows (default 36rem)
 * @cssprop --cr-qr-size - QR code size (default 14rem)
 */
export class CrCheckout extends lazyBody(() => import('./cr-checkout-body.js')) {
  /** A brand's `brand` or `family` name; overrides the store's brand. */
  @property() brand?: string;
  /** The clock (milliseconds since the epoch). Replace it to drive the countdown in tests or demos. */
  @property({attribute: false}) now: () => number = () => Date.now();
  /**
   * With no `<cr-order-status>` of the store following the order, the checkout follows it itself (stream, or polling
   * while the stream is down): the poll interval in ms while the buyer still has to pay.
   */
  @property({type: Number, attribute: 'payment-poll-interval'}) paymentPollInterval = 5000;
  /** The poll interval in ms otherwise (upstream's advice: 30 s). */
  @property({type: Number, attribute: 'poll-interval'}) pollInterval = 30_000;
  /** The EventSource class for that following; `null`: none (polling only). Default: the global one. */
  @property({attribute: false}) eventSource: typeof EventSource | null | undefined = undefined;
}

/** What the body adds (present once the element is connected and `updateComplete` has resolved). */
export interface CrCheckout {
  /** Loads products and coins again (what "try again" does after a loading failure). */
  reload(): Promise<void>;
  /**
   * Forgets the current order (sessionStorage, the store, the cross-tab marker) and shows the form again with what
   * the user typed. What the "new purchase" button does; the only way to a second order.
   */
  newPurchase(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'cr-checkout': CrCheckout;
  }
}
