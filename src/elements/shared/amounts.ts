// What is still missing of a partial payment: coin_amount − sent_coin_amount, exact on decimal STRINGS
// (api/difference.ts). The checkout asks for it and the tracking shows it.
import {isPositiveDecimal} from '../../api/decimal.js';
import {subtractDecimals} from '../../api/difference.js';
import type {Order} from '../../api/schemas.js';
import {isPaidInPart} from '../../upstream/states.js';

/** How much of the order is still to be paid; undefined when nothing is (or it cannot be told). */
export function missingAmount(coinAmount: string, sent: string | null | undefined): string | undefined {
  if (sent === null || sent === undefined || sent === '') return undefined;
  const missing = subtractDecimals(coinAmount, sent);
  return missing !== undefined && isPositiveDecimal(missing) ? missing : undefined;
}

/** What is still to pay of an order paid in part; undefined for any other order, and when nothing is missing after all. */
export function stillMissing(order: Pick<Order, 'order_state' | 'coin_amount' | 'sent_coin_amount'>): string | undefined {
  return isPaidInPart(order.order_state) ? missingAmount(order.coin_amount, order.sent_coin_amount) : undefined;
}

/** Whether any of the order's payment arrived (upstream's `sent_coin_amount` above zero). */
export function paidSomething(order: Pick<Order, 'sent_coin_amount'>): boolean {
  // A decimal string (schemas.ts): above zero when any digit is not 0.
  return /[1-9]/.test(order.sent_coin_amount ?? '');
}

/** How much more than the price arrived; undefined when not more (or it cannot be told). */
export function overpaidBy(order: Pick<Order, 'coin_amount' | 'sent_coin_amount'>): string | undefined {
  // What the price is "missing" to reach what was sent.
  return order.sent_coin_amount ? missingAmount(order.sent_coin_amount, order.coin_amount) : undefined;
}
