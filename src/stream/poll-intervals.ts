// How often an order is asked for when no stream brings it: often while the buyer watches for their payment to show
// up, else at upstream's published pace. `awaitsPayment` also tells the checkout to keep its countdown running.
import type {Order} from '../api/schemas.js';
import {phaseOf} from '../upstream/states.js';

/** Poll interval while the order awaits payment: the user is watching for their payment to show up. */
export const DEFAULT_PAYMENT_POLL_MS = 5000;
/** Poll interval otherwise: upstream's published advice. */
export const DEFAULT_POLL_MS = 30_000;

/**
 * True while the buyer still has something to send: the order awaits payment, or was paid in part (its phase is
 * `awaiting-delivery`, UPSTREAM.md counting it among the paid states, but the rest is still to come).
 */
export function awaitsPayment(order: Pick<Order, 'order_state'>): boolean {
  return phaseOf(order.order_state) === 'awaiting-payment' || order.order_state === 'PartialPaymentStarted';
}
