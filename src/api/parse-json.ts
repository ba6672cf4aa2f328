// JSON.parse rounds every number to a double before zod sees it: an 18-decimal ETH amount sent as the number
// 0.123456789012345678 comes out 0.12345678901234568, and a 20-digit PIN loses its last digits. Where the browser
// hands a reviver each value's source text (Chromium 114+, Firefox 135+, Safari 18.4+), a number with 16 or more
// characters of digits and point in a row is kept as that text, which the schemas take as they take
// "0.123456789012345678" (amounts and codes accept both). Any other number has at most 15 significant digits, which a
// double always gives back as written; and no field that must be a number (a token's decimals, a chain id, a time)
// is that long, so it stays one (a few exact numbers such as 0.12345678901234 become text: text is always exact).
// Without source text a number stays a double, as before, and decimal.ts refuses an amount that may have lost
// digits. Used for every answer (http.ts) and stream frame (order-tracker.ts).

// Anchored: a number's text starts with its digits (after a sign), a string's with its quote, so strings never match.
const LONG_NUMBER = /^-?[\d.]{16}/;
const LONG_RUN = /[\d.]{16}/;

/**
 * A JSON.parse reviver: a long number as its source text, where the browser gives it (the third argument; an object's
 * or array's has no source, and test(undefined) reads "undefined", which never matches).
 */
export const keepLongNumbers = (_key: string, value: unknown, context?: {source?: string}) =>
  context && LONG_NUMBER.test(context.source!) ? context.source : value;

/** JSON.parse(text), with every number a double may not hold as written kept as its source text (above). */
export const parseJson = (text: string): unknown =>
  // A text without such a run holds no long number, and the reviver makes a 12 MB brand list five times slower to
  // parse (13 → 64 ms in Chromium): it runs only where it may change something.
  JSON.parse(text, LONG_RUN.test(text) ? keepLongNumbers : undefined);
