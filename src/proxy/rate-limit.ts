// A token bucket per client (an IPv4 address or an IPv6 /64: client-key.ts), so a script cannot use the partner's
// credentials as an open relay for order creation. In memory, per process: enough for one proxy instance; several
// instances behind a balancer each allow their own budget (put a shared limiter in front for more).
import type {RateLimitConfig} from './config.js';

/** Buckets kept at most; when full, the least recently used ones are forgotten (a flood of addresses cannot grow memory). */
export const MAX_BUCKETS = 10_000;

export interface RateLimiter {
  /** Takes a token for `key`: 0 when allowed, else the seconds to wait before the next token. */
  take(key: string): number;
}

export function createRateLimiter(config: RateLimitConfig, now: () => number = Date.now): RateLimiter {
  const perMs = config.refillPerMinute / 60_000;
  // A Map keeps insertion order: re-inserting on use makes the first key the least recently used.
  const buckets = new Map<string, {tokens: number; at: number}>();
  return {
    take(key) {
      const t = now();
      const previous = buckets.get(key);
      let tokens = config.capacity;
      if (previous) {
        tokens = Math.min(config.capacity, previous.tokens + (t - previous.at) * perMs);
        buckets.delete(key);
      } else if (buckets.size >= MAX_BUCKETS) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      if (tokens >= 1) {
        buckets.set(key, {tokens: tokens - 1, at: t});
        return 0;
      }
      buckets.set(key, {tokens, at: t});
      if (perMs <= 0) return 3600;
      return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
    },
  };
}
