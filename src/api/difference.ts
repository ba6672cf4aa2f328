// Exact differences of decimal STRINGS, through BigInt, so an 18-decimal token or a satoshi is never rounded away
// (a float would turn 0.3 − 0.1 into 0.19999999999999998): what is still missing of a payment, and whether a read
// says less arrived than before. Beside decimal.ts rather than in it: only the tracking needs them, so they come with
// it, not with every page's API client.
import {toDecimalString} from './decimal.js';

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

/**
 * Compares two canonical decimal strings exactly (-1, 0, 1), for limits such as a network's `threshold`,
 * without turning them into floats: the sign of their difference.
 */
export function compareDecimals(a: string, b: string): number {
  const difference = subtractDecimals(a, b) ?? '0';
  return difference === '0' ? 0 : difference.startsWith('-') ? -1 : 1;
}
