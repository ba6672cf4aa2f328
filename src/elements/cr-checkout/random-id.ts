/**
 * A random id: a UUID where the browser makes one, else (outside a secure context) the same 128 random bits in hex.
 * The idempotency key of a purchase and this tab's id, which only need to be unique.
 */
export function randomId(): string {
  return crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
