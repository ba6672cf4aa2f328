// Numbers, money, coin amounts, dates and relative times through Intl (country names: names.ts), with formatters
// cached per locale and options: building an Intl formatter costs far more than using one, and a list of 2,000
// brands or a ticking countdown would otherwise build thousands.
const cache = new Map<string, unknown>();

/** One Intl object per kind, locale and options, made the first time it is asked for (also names.ts's). */
export function cached<T>(kind: string, locale: string, options: object | undefined, make: () => T): T {
  const key = `${kind}|${locale}|${options ? JSON.stringify(options) : ''}`;
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

export function numberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached('number', locale, options, () => new Intl.NumberFormat(locale, options));
}

export function formatNumber(locale: string, value: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, options).format(value);
}

/**
 * A fiat amount: `formatMoney('de', '10', 'EUR')` → `10,00 €`. The amount may be a decimal string (kept exact:
 * Intl formats strings without going through a float), a number, or undefined (→ empty string). Without a currency
 * code, the number alone in the locale's notation (`formatMoney('de', '50.5', '')` → `50,5`).
 */
export function formatMoney(locale: string, amount: string | number | null | undefined, currency: string, options?: Intl.NumberFormatOptions): string {
  if (amount === null || amount === undefined || amount === '') return '';
  // No currency (a range without one): the number alone, not a RangeError from Intl on every render.
  if (!currency) return formatDecimalString(locale, String(amount));
  try {
    const format = numberFormat(locale, {style: 'currency', currency, ...options});
    // Intl.NumberFormat.format accepts decimal strings (ES2023); the lib typing says number.
    return format.format(amount as unknown as number);
  } catch {
    // An unknown currency code: the number and the code side by side.
    return `${formatDecimalString(locale, String(amount))} ${currency}`;
  }
}

/** The locale's decimal and group separators and its minus sign, from formatToParts. */
function separators(locale: string): {decimal: string; minus: string} {
  return cached('separators', locale, undefined, () => {
    const parts = numberFormat(locale).formatToParts(-1.5);
    return {
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      minus: parts.find((p) => p.type === 'minusSign')?.value ?? '-',
    };
  });
}

/**
 * A decimal string in the locale's notation WITHOUT float rounding: every digit of `"0.00032833"` survives
 * (a Number would keep them here, but not for 18-decimal tokens or 17+ significant digits). The integer part is
 * grouped through BigInt (exact at any size), the fraction is kept digit for digit.
 */
export function formatDecimalString(locale: string, decimal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) return decimal;
  const [, sign, int = '0', frac] = match;
  const {decimal: point, minus} = separators(locale);
  const grouped = numberFormat(locale, {maximumFractionDigits: 0}).format(BigInt(int) as unknown as number);
  return `${sign ? minus : ''}${grouped}${frac ? point + frac : ''}`;
}

/** A coin amount with its symbol: `formatCoin('fr', '1234.00032833', 'BTC')` → `1 234,00032833 BTC`. */
export function formatCoin(locale: string, decimal: string, coin?: string): string {
  const number = formatDecimalString(locale, decimal);
  return coin ? `${number}\u00a0${coin}` : number;
}

export function dateFormat(locale: string, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

/** A date from epoch seconds (upstream's `created_at`) or a Date. */
export function formatDate(
  locale: string,
  when: number | Date,
  options: Intl.DateTimeFormatOptions = {dateStyle: 'medium', timeStyle: 'short'},
): string {
  const date = typeof when === 'number' ? new Date(when * 1000) : when;
  return Number.isNaN(date.getTime()) ? '' : dateFormat(locale, options).format(date);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * "in 5 minutes" / "3 hours ago" for a time `seconds` from now (negative = past), in the largest unit that fits.
 */
export function formatRelative(locale: string, seconds: number, options: Intl.RelativeTimeFormatOptions = {numeric: 'auto'}): string {
  const format = cached('relative', locale, options, () => new Intl.RelativeTimeFormat(locale, options));
  const size = Math.abs(seconds);
  for (const [unit, length] of UNITS) {
    if (size >= length || unit === 'second') return format.format(Math.round(seconds / length), unit);
  }
  return '';
}

/** The plural category of `count` (for messages that pick among forms). */
export function pluralCategory(locale: string, count: number, options?: Intl.PluralRulesOptions): Intl.LDMLPluralRule {
  return cached('plural', locale, options, () => new Intl.PluralRules(locale, options)).select(count);
}
