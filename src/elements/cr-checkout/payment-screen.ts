// The payment screen: what to send, where, on which network, before when. Everything shown comes from ONE order
// object (zod-validated, the store's current order), so data of two orders can never be mixed; the QR code is
// keyed by the text it encodes, so an old order's code can never show beside a new order's address. After a partial
// payment it stays, asking for what is still missing.
import {html, nothing, type TemplateResult} from 'lit';
import type {Currency, Order} from '../../api/schemas.js';
import type {CheckoutMessages} from '../../i18n/locales/en/checkout.js';
import type {CommonMessages} from '../../i18n/locales/en/common.js';
import {formatCoin} from '../../i18n/format.js';
import {drawnQr} from '../../qr/qr-matrix.js';
import {qrSvg} from '../../qr/qr-svg.js';
import {shownPhase} from '../../stream/accept.js';
import type {Phase} from '../../upstream/states.js';
import {overpaidBy, paidSomething, stillMissing} from '../shared/amounts.js';
import type {CopyController} from '../shared/copy-controller.js';
import {purchaseLines} from '../shared/delivery-title.js';
import {formatTimeLeft, paymentDeadline} from '../shared/payment-deadline.js';
import {paymentUri, walletHref} from './payment-uri.js';

export interface PaymentView {
  order: Order;
  currencies: readonly Currency[];
  nowMs: number;
  locale: string;
  messages: CheckoutMessages;
  common: CommonMessages;
  copier: CopyController;
  onNewPurchase: () => void;
  /** Whether "New purchase" was pressed while the order may still be paid: the screen asks first. */
  leaving: boolean;
  onLeaving: (leaving: boolean) => void;
  /** Another element says this order's news (a <cr-order-status>): the end of its window is then said there. */
  saidElsewhere: boolean;
  /** Called on each render while the order waits for payment, with the minutes left (fractional). */
  onMinutesLeft: (minutes: number | undefined) => void;
  /** Called once the QR code, not drawn yet when the screen was rendered, is: render again. */
  onQrDrawn: () => void;
}

function qrCode(view: PaymentView, text: string, label: string): TemplateResult {
  const matrix = drawnQr(text, view.onQrDrawn);
  return matrix ? qrSvg(matrix, label) : html`<div class="qr-placeholder skeleton" aria-hidden="true"></div>`;
}

function newPurchaseButton(view: PaymentView): TemplateResult {
  return html`<button class="button primary" part="new-purchase-button" type="button" @click=${view.onNewPurchase}>
    ${view.messages.newPurchase}
  </button>`;
}

/** More than the price arrived: said with how much, and where to turn for the difference. */
function overpaidNote(view: PaymentView): TemplateResult | typeof nothing {
  const extra = overpaidBy(view.order);
  return extra ? html`<p part="overpaid">${view.common.overpaid(formatCoin(view.locale, extra, view.order.coin))}</p>` : nothing;
}

function statusScreen(view: PaymentView, phase: AfterPayment): TemplateResult {
  const tone = TONE[phase];
  return html`<div class="payment" part="payment" data-phase=${phase}>
    <p class="payment-status ${tone}" part="payment-status" tabindex="-1" data-takes-focus>${view.messages[newsOf(phase)]}</p>
    ${tone === 'error' && paidSomething(view.order) ? html`<p>${view.common.failedHelp}</p>` : nothing}
    ${tone !== 'error' ? overpaidNote(view) : nothing}
    <p class="muted small">${view.messages.orderId}<span class="mono">${view.order.order_id}</span></p>
    ${phase !== 'awaiting-delivery' ? newPurchaseButton(view) : nothing}
  </div>`;
}

type AfterPayment = Exclude<Phase, 'awaiting-payment'>;
const TONE: Record<AfterPayment, 'success' | 'error' | 'muted'> = {'awaiting-delivery': 'success', completed: 'success', failed: 'error', review: 'muted'};
/** The words of a phase after the payment: each phase's own message, "payment received" while it is being delivered. */
const newsOf = (phase: AfterPayment) => (phase === 'awaiting-delivery' ? 'paymentReceived' : phase);

/**
 * What the screen says of where the payment stands: what is missing of a partial payment, "payment received",
 * "delivered", …; undefined while the order simply awaits its payment (the screen then says what to send).
 */
export function paymentNews(order: Order, m: CheckoutMessages, common: CommonMessages, locale: string): string | undefined {
  const missing = stillMissing(order);
  if (missing) return common.partial(formatCoin(locale, missing, order.coin));
  const phase = shownPhase(order);
  return phase === 'awaiting-payment' ? undefined : m[newsOf(phase)];
}

export function renderPayment(view: PaymentView): TemplateResult {
  const {order, messages: m, locale, copier} = view;
  const phase = shownPhase(order);
  const missing = stillMissing(order);
  // Nothing is left to do once it is paid but wait: "new purchase" is offered only when the order has ended, every
  // delivery in (a new purchase clears the store's order, and a <cr-order-status> following it would lose the codes
  // still to come).
  if (phase !== 'awaiting-payment' && !missing) return statusScreen(view, phase);

  const deadline = paymentDeadline(order);
  // Never more than the whole window, whatever the clock says (a device behind, with no server time to correct it).
  const secondsLeft = deadline === undefined ? undefined : Math.min(deadline - view.nowMs / 1000, deadline - order.created_at!);
  view.onMinutesLeft(secondsLeft === undefined ? undefined : secondsLeft / 60);
  if (secondsLeft !== undefined && secondsLeft <= 0) {
    // Expired here even if upstream has not said so yet: the address and QR code are hidden, never to be paid.
    return html`<div class="payment" part="payment" data-phase="expired">
      <p class="payment-status error" part="payment-status" role=${view.saidElsewhere ? nothing : 'alert'} tabindex="-1" data-takes-focus>
        ${view.common.expired}
      </p>
      ${missing ? html`<p>${view.common.failedHelp}</p>` : nothing}
      <p class="muted small">${m.orderId}<span class="mono">${order.order_id}</span></p>
      ${newPurchaseButton(view)}
    </div>`;
  }

  // Paid in part: the rest is what to send. Upstream's qr_text carries the whole amount, so the code is built for the
  // rest; a Lightning invoice can only be paid whole, so it gets no code or link then.
  const toPay = missing ?? order.coin_amount;
  const amount = formatCoin(locale, toPay, order.coin);
  const via = view.currencies.find((c) => c.name === order.coin)?.networks.find((n) => n.name === order.network);
  const built = missing ? paymentUri({...order, qr_text: undefined, coin_amount: missing}, via) : paymentUri(order, via);
  const uri = missing && built.startsWith('lightning:') ? undefined : built;
  const href = walletHref(uri);
  const copiedAmount = copier.copied === 'amount';
  const copiedAddress = copier.copied === 'address';
  const purchase = purchaseLines(order, view.common);
  return html`<div class="payment" part="payment" data-phase=${missing ? 'partial-payment' : 'awaiting-payment'} data-order-id=${order.order_id}>
    <h2 class="title" tabindex="-1" data-takes-focus>${m.paymentTitle}</h2>
    ${missing ? html`<p class="payment-status" part="missing-amount">${view.common.partial(amount)}</p>` : nothing}
    <p class="warning" part="warning">${m.warning(amount, order.network)}</p>
    <dl class="pay-facts">
      ${purchase.length
        ? html`<div class="fact">
            <dt>${view.common.buying}</dt>
            ${purchase.map((line) => html`<dd part="order-summary">${line}</dd>`)}
          </div>`
        : nothing}
      <div class="fact">
        <dt>${m.sendExactly}</dt>
        <dd>
          <span class="amount mono" part="amount-to-pay">${amount}</span>
          <button class="button small-button" part="copy-button" type="button" data-copy="amount" @click=${() => void copier.copy('amount', toPay)}>
            ${copiedAmount ? m.copied : m.copyAmount}
          </button>
        </dd>
      </div>
      <div class="fact">
        <dt>${view.common.onNetwork}</dt>
        <dd part="network-name">${order.network}</dd>
      </div>
      <div class="fact">
        <dt>${view.common.toAddress}</dt>
        <dd>
          <code class="address mono" part="address">${order.wallet_address}</code>
          <button class="button small-button" part="copy-button" type="button" data-copy="address" @click=${() => void copier.copy('address', order.wallet_address)}>
            ${copiedAddress ? m.copied : view.common.copyAddress}
          </button>
        </dd>
      </div>
    </dl>
    ${uri ? html`<div class="qr">${qrCode(view, uri, m.qrLabel(amount))}</div>` : nothing}
    ${href ? html`<a class="button" part="wallet-link" href=${href}>${m.openInWallet}</a>` : nothing}
    ${secondsLeft !== undefined
      ? html`<p class="countdown" part="countdown">
          ${m.timeLeft}<span role="timer" aria-live="off" class="mono">${formatTimeLeft(secondsLeft)}</span>
        </p>`
      : nothing}
    <p class="muted small">${m.orderId}<span class="mono">${order.order_id}</span></p>
    ${leaveButton(view)}
  </div>`;
}

/**
 * "New purchase" while the order may still be paid (also where it could not be read): one press asks, the second
 * leaves. A buyer who leaves by
 * mistake would otherwise lose sight of an order they may be paying (or have paid in part) right now.
 */
export function leaveButton(view: Pick<PaymentView, 'messages' | 'leaving' | 'onLeaving' | 'onNewPurchase'>): TemplateResult {
  const m = view.messages;
  if (!view.leaving) {
    return html`<button class="button" part="new-purchase-button" type="button" @click=${() => view.onLeaving(true)}>${m.newPurchase}</button>`;
  }
  return html`<div class="message" part="leave-order" role="group" aria-labelledby="leave-order">
    <p id="leave-order" tabindex="-1" data-takes-focus>${m.leaveOrder}</p>
    <div class="actions">
      <button class="button primary" part="keep-order-button" type="button" @click=${() => view.onLeaving(false)}>${m.keepOrder}</button>
      <button class="button" part="new-purchase-button" type="button" @click=${view.onNewPurchase}>${m.leaveOrderYes}</button>
    </div>
  </div>`;
}
