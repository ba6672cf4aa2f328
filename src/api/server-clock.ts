// The server's time as this page sees it. The payment window runs on upstream's clock (30 minutes from `created_at`),
// but a phone's own clock may be minutes off: ahead, a new order would look expired and hide its address; behind,
// the countdown would promise time that is not there. The `Date` header of the order calls (the proxy exposes it)
// says how far off this device is; a fresh order's `created_at` does where the header cannot be read.

/** Below this the device is taken as right: a `Date` header has whole seconds, and the answer took time to come. */
const NOISE_MS = 2000;

let offsetMs = 0;
let fromHeader = false;

function note(serverMs: number, localMs: number, header: boolean): void {
  if (!Number.isFinite(serverMs)) return;
  // A header is always preferred over a guess from an order's creation time.
  if (!header && fromHeader) return;
  const offset = serverMs - localMs;
  offsetMs = Math.abs(offset) < NOISE_MS ? 0 : offset;
  fromHeader ||= header;
}

/** An answer's `Date` header, read when it arrived. */
export function noteServerDate(header: string | null, receivedAtMs = Date.now()): void {
  if (header) note(Date.parse(header) + 500, receivedAtMs, true);
}

/** The `created_at` (epoch seconds) of an order created just now. */
export function noteCreatedAt(createdAtSeconds: number | undefined, receivedAtMs = Date.now()): void {
  if (createdAtSeconds !== undefined) note(createdAtSeconds * 1000 + 500, receivedAtMs, false);
}

/** The server's time now, in epoch milliseconds, from this device's (`localMs`). */
export function serverNow(localMs = Date.now()): number {
  return localMs + offsetMs;
}

/** How far the server's clock is ahead of this device's, in milliseconds (0 when within the noise). */
export function serverClockOffset(): number {
  return offsetMs;
}

/** Forgets what was learnt (tests). */
export function resetServerClock(): void {
  offsetMs = 0;
  fromHeader = false;
}
