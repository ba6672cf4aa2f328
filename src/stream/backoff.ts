// Reconnect delays (CONTRACT.md): 1 s doubling to 30 s, reset after a good frame. Deterministic on purpose: one
// widget per page reconnects to one order, so there is no herd to spread with jitter, and tests can measure it.

export const DEFAULT_BASE_DELAY_MS = 1000;
export const DEFAULT_MAX_DELAY_MS = 30_000;

/** The wait before reconnect attempt number `failures` (1 after the first failure): base · 2^(failures−1), capped. */
export function reconnectDelay(failures: number, baseMs = DEFAULT_BASE_DELAY_MS, maxMs = DEFAULT_MAX_DELAY_MS): number {
  const n = Math.max(1, Math.floor(failures));
  // 2 ** 60 would still be finite, but capping the exponent keeps the arithmetic obviously safe.
  return Math.min(maxMs, baseMs * 2 ** Math.min(n - 1, 30));
}
