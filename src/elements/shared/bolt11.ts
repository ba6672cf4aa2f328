// The expiry of a Lightning (BOLT11) invoice, so the countdown is never longer than the invoice can be paid.
// Only what we need is read: the timestamp (35 bits after the human-readable part) and the `x` tagged field
// (expiry in seconds; 3600 when absent). Anything that does not read as a well-formed invoice gives undefined and
// the caller keeps the ordinary 30-minute window.
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
/** Words of the signature (520 bits) and of the checksum at the end of the data part. */
const SIGNATURE_WORDS = 104;
const CHECKSUM_WORDS = 6;
const TIMESTAMP_WORDS = 7;
const TAG_EXPIRY = CHARSET.indexOf('x');
const DEFAULT_EXPIRY_SECONDS = 3600;

export interface InvoiceTimes {
  /** Invoice creation, epoch seconds. */
  timestamp: number;
  /** Seconds after `timestamp` that the invoice can be paid. */
  expiry: number;
}

function toNumber(words: number[]): number {
  return words.reduce((n, w) => n * 32 + w, 0);
}

/** Reads timestamp and expiry from `lnbc…` (with or without `lightning:`); undefined when it is not readable. */
export function invoiceTimes(invoice: string): InvoiceTimes | undefined {
  const text = invoice.trim().toLowerCase().replace(/^lightning:/, '');
  const sep = text.lastIndexOf('1');
  if (!text.startsWith('ln') || sep < 3) return undefined;
  const words: number[] = [];
  for (const ch of text.slice(sep + 1)) {
    const w = CHARSET.indexOf(ch);
    if (w < 0) return undefined;
    words.push(w);
  }
  const end = words.length - SIGNATURE_WORDS - CHECKSUM_WORDS;
  if (end < TIMESTAMP_WORDS) return undefined;
  const timestamp = toNumber(words.slice(0, TIMESTAMP_WORDS));
  let expiry = DEFAULT_EXPIRY_SECONDS;
  let at = TIMESTAMP_WORDS;
  // Walk the tagged fields; they must end exactly where the signature starts, else this is not an invoice.
  while (at < end) {
    if (at + 3 > end) return undefined;
    const tag = words[at]!;
    const length = words[at + 1]! * 32 + words[at + 2]!;
    const data = words.slice(at + 3, at + 3 + length);
    if (at + 3 + length > end) return undefined;
    if (tag === TAG_EXPIRY && length > 0 && length <= 7) expiry = toNumber(data);
    at += 3 + length;
  }
  return {timestamp, expiry};
}
