// What is still missing of a partial payment: coin_amount − sent_coin_amount, on decimal STRINGS through BigInt, so
// an 18-decimal token or a satoshi is never rounded away (a float would turn 0.3 − 0.1 into 0.19999999999999998).
// The checkout asks for it and the tracking shows it.
import {toDecimalString} from '../../api/decimal.js';
import type {Order} from '../../api/schemas.js';
import {isPaidInPart} from '../../upstream/states.js';

function toScaled(decimal: string, scale: number): bigint {
  const negative = decimal.startsWith('-');
  const [int = '0', frac = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const value = BigInt((int || '0') + frac.padEnd(scale, '0'));
  return negative ? -value : value;
}

function fromScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** `a − b` exactly, for decimal strings or numbers; undefined when either is not a decimal. */
export function subtractDecimals(a: string | number, b: string | number): string | undefined {
  const x = toDecimalString(a);
  const y = toDecimalString(b);
  if (x === undefined || y === undefined) return undefined;
  const scale = Math.max(x.split('.')[1]?.length ?? 0, y.split('.')[1]?.length ?? 0);
  return fromScaled(toScaled(x, scale) - toScaled(y, scale), scale);
}

/** How much of the order is still to be paid; undefined when nothing is (or it cannot be told). */
export function missingAmount(coinAmount: string, sent: string | null | undefined): string | undefined {
  if (sent === null || sent === undefined || sent === '') return undefined;
  const missing = subtractDecimals(coinAmount, sent);
  return missing !== undefined && !missing.startsWith('-') && /[1-9]/.test(missing) ? missing : undefined;
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
