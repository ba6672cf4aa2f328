// Money and coin amounts travel as decimal STRINGS. Upstream sends `"1.5"` or `1.5` alike; a float that went
// through arithmetic could round a satoshi away, so we only ever rewrite the text (no Number maths on amounts).

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * The canonical decimal string for `"1.5"`, `1.5`, `"+1.50"`, `1e-7`, `".5"`: plain digits, optional leading `-`,
 * optional fraction, no exponent. Trailing fraction zeros are kept (`"500.0"` stays), as upstream may mean them.
 * Returns undefined for anything that is not a finite decimal.
 */
export function toDecimalString(value: unknown): string | undefined {
  let text: string;
  if (typeof value === 'number') {
    // 16 or more significant digits: the double may have been rounded from longer text, where the browser could not
    // keep the number's source (parse-json.ts), so it is no amount we can be sure of (refused, never shown).
    if (!Number.isFinite(value) || /\.\d{15}/.test(value.toExponential())) return undefined;
    // Else String(n) is the shortest text that round-trips the double: what the JSON said (up to 15 significant
    // digits always come back as written), unless in exponent form.
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign = '', intDigits = '', fracDigits = '', exponent] = match;
  if (intDigits === '' && fracDigits === '') return undefined;
  let int = intDigits;
  let frac = fracDigits;
  if (exponent !== undefined) {
    // Move the decimal point by the exponent, as text.
    const shift = Number(exponent);
    if (!Number.isSafeInteger(shift) || Math.abs(shift) > 400) return undefined;
    const digits = int + frac;
    const point = int.length + shift;
    if (point < 0) {
      int = '0';
      frac = '0'.repeat(-point) + digits;
    } else if (point > digits.length) {
      int = digits + '0'.repeat(point - digits.length);
      frac = '';
    } else {
      int = digits.slice(0, point);
      frac = digits.slice(point);
    }
  }
  int = int.replace(/^0+(?=\d)/, '');
  if (int === '') int = '0';
  const isZero = /^0*$/.test(int + frac);
  const negative = sign === '-' && !isZero;
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** True for a canonical decimal string greater than zero. */
export function isPositiveDecimal(decimal: string): boolean {
  return !decimal.startsWith('-') && /[1-9]/.test(decimal);
}
