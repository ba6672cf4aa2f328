// The payment window, shared by the checkout's countdown and the order status's "pay before": upstream has no
// expiry field, so it is 30 minutes from `created_at` (PAYMENT_WINDOW_SECONDS), or less for a Lightning invoice that
// expires sooner.
import type {Order} from '../../api/schemas.js';
import {PAYMENT_WINDOW_SECONDS, phaseOf} from '../../upstream/states.js';
import {stillMissing} from './amounts.js';
import {invoiceTimes} from './bolt11.js';

/** An invoice timestamp further than this from the order's `created_at` is not trusted (clock or parse trouble). */
const INVOICE_CLOCK_SLACK_SECONDS = 24 * 3600;

/** Epoch seconds when the order can no longer be paid; undefined when `created_at` is unreadable. */
export function paymentDeadline(order: Pick<Order, 'created_at' | 'network' | 'wallet_address' | 'qr_text' | 'payment_method_protocol'>): number | undefined {
  const created = order.created_at;
  if (created === undefined) return undefined;
  let deadline = created + PAYMENT_WINDOW_SECONDS;
  const lightning = order.network === 'Lightning' || order.payment_method_protocol === 'LIGHTNING_LIKE';
  if (lightning) {
    const times = invoiceTimes(order.wallet_address) ?? (order.qr_text ? invoiceTimes(order.qr_text) : undefined);
    if (times && Math.abs(times.timestamp - created) <= INVOICE_CLOCK_SLACK_SECONDS) {
      deadline = Math.min(deadline, times.timestamp + times.expiry);
    }
  }
  return deadline;
}

/** `mm:ss` (or `h:mm:ss` past an hour) for a number of seconds left, never negative. */
export function formatTimeLeft(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

/** Minutes left at which the countdown is announced to screen readers (never every second). */
export const ANNOUNCE_AT_MINUTES = [10, 5, 1] as const;

/**
 * Whether the order still asks for money: awaiting its payment, or paid in part. Not a state counted among the paid
 * ones with all of it there (PartialPaymentStarted once the rest came), which is only waiting for its delivery.
 */
export function asksForPayment(order: Pick<Order, 'order_state' | 'coin_amount' | 'sent_coin_amount'>): boolean {
  return phaseOf(order.order_state) === 'awaiting-payment' || stillMissing(order) !== undefined;
}

/** Whether the order still asks for money and its window is over at `nowSeconds` (upstream's clock). */
export function paymentWindowOver(order: Order, nowSeconds: number): boolean {
  const deadline = paymentDeadline(order);
  return deadline !== undefined && asksForPayment(order) && nowSeconds >= deadline;
}
