// Identifiers and deterministic randomness. Catalogue ids must be stable across restarts (a demo page or a test may
// keep a product_id), so they are derived from names by hashing; order ids are random UUID v4, as upstream's are.
import {createHash, randomUUID} from 'node:crypto';

/** Digest of a string or bytes, for stable ids and pseudo-random bytes. */
export function digest(text: string | Uint8Array, algorithm: 'sha1' | 'sha256' = 'sha256'): Buffer {
  return createHash(algorithm).update(text).digest();
}

/** A UUID-shaped id (version nibble 4, RFC 4122 variant) derived from `seed`, so the same seed always gives the same id. */
export function stableUuid(seed: string): string {
  const b = digest(seed);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Upstream's short brand ids ("d18e3e04"): not every brand_id is a UUID, and clients must not assume it is. */
export function shortId(seed: string): string {
  return digest(seed).subarray(0, 4).toString('hex');
}

export function newOrderId(): string {
  return randomUUID();
}

/** mulberry32: a tiny seeded PRNG, so the generated big catalogues are the same on every machine and every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A URL-safe slug for logo paths: "Amazon.com" → "amazon-com". */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'brand';
}
