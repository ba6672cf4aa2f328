// No double orders. Three guards, from the narrowest to the widest:
// 1. the element locks its button while a request is in flight (cr-checkout-body.ts);
// 2. one in-flight create per STORE (a module map, so two elements of the same store, or a re-render that made a
//    new element, share it): a second create while one runs gets the same promise instead of a new POST;
// 3. across tabs of the same browser (sessionStorage is per tab): a short-lived "creating" marker in localStorage
//    with the store name, a fingerprint of the form and a timestamp. A second tab that submits the same form within
//    MARKER_TTL_MS waits for the first tab's order id (storage event, or polling) and adopts that order.
// Not covered (documented in the README): other browsers or devices, storage that is blocked, two tabs writing
// their marker within the same few milliseconds (the settle delay makes this unlikely, not impossible).
import type {Order} from '../../api/schemas.js';
import {mayHaveCreated} from './keyed-create.js';
import {currentTabId} from './tab-id.js';

export const MARKER_TTL_MS = 60_000;
/**
 * How long after its order came another tab may still take that order as its own: a second click within seconds
 * is the same purchase, but a buyer who buys the same thing again a minute later in a new tab means a second one
 * (and must never be shown an order that is already paid, or delivered, as theirs).
 */
export const ADOPT_MS = 10_000;
const POLL_MS = 400;
/** Time for another tab's simultaneous marker write to become visible before we read ours back. */
const SETTLE_MS = 60;

interface Marker {
  tab: string;
  fp: string;
  at: number;
  /**
   * The Idempotency-Key the tab sends this purchase with: another tab whose wait for it ends without an order (the
   * marker's time over, the answer lost) sends the same purchase with the same key, so the proxy answers with the
   * order this tab made, if it made one, rather than make a second.
   */
  key?: string;
  orderId?: string;
  /** When `orderId` was written. */
  doneAt?: number;
}

export function markerKey(storeName: string): string {
  return `cr-checkout:${storeName}:creating`;
}

function local(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The store's marker. One whose time is over is removed as it is read: it guards nothing any more, and the order id
 * it may carry (enough to read the order, and its codes, through the proxy) must not stay in localStorage for good.
 */
export function readMarker(storeName: string, now = Date.now()): Marker | undefined {
  try {
    const raw = local()?.getItem(markerKey(storeName));
    const data = raw ? (JSON.parse(raw) as Partial<Marker>) : undefined;
    if (!data || typeof data.tab !== 'string' || typeof data.fp !== 'string' || typeof data.at !== 'number') return undefined;
    const done = typeof data.orderId === 'string' ? {orderId: data.orderId, doneAt: typeof data.doneAt === 'number' ? data.doneAt : data.at} : {};
    const marker: Marker = {tab: data.tab, fp: data.fp, at: data.at, ...(typeof data.key === 'string' ? {key: data.key} : {}), ...done};
    if (fresh(marker, now)) return marker;
    local()?.removeItem(markerKey(storeName));
    return undefined;
  } catch {
    return undefined;
  }
}

/** Reads every store's marker once, which removes those whose time is over (a tab closed before it could). */
export function pruneMarkers(now = Date.now()): void {
  try {
    const storage = local();
    const names: string[] = [];
    for (let i = 0; storage && i < storage.length; i++) {
      const key = storage.key(i);
      const name = key?.match(/^cr-checkout:(.*):creating$/)?.[1];
      if (name !== undefined) names.push(name);
    }
    for (const name of names) readMarker(name, now);
  } catch {
    // See writeMarker.
  }
}

function writeMarker(storeName: string, marker: Marker): void {
  try {
    local()?.setItem(markerKey(storeName), JSON.stringify(marker));
  } catch {
    // No localStorage: guards 1 and 2 still hold.
  }
}

/**
 * Removes the store's marker if it is ours, or, with `force`, another tab's whose order has come (never one still
 * creating: a tab that submits the same form meanwhile must still wait for it).
 */
export function clearMarker(storeName: string, tab: string, force = false): void {
  const marker = readMarker(storeName);
  if (marker && (marker.tab === tab || (force && marker.orderId))) {
    try {
      local()?.removeItem(markerKey(storeName));
    } catch {
      /* see writeMarker */
    }
  }
}

/** A short, non-reversible fingerprint of the order body (cyrb53): no e-mail or phone lands in localStorage. */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

function fresh(marker: Marker | undefined, now: number): marker is Marker {
  return !!marker && now - marker.at >= 0 && now - marker.at < MARKER_TTL_MS;
}

/**
 * Another tab's fresh marker for the same form, if any: one still creating, or one whose order came less than
 * ADOPT_MS ago (`waiting`: this tab has been waiting on it since before, so any order it gets is the one awaited).
 */
export function otherTabMarker(storeName: string, fp: string, tab: string, now = Date.now(), waiting = false): Marker | undefined {
  const marker = readMarker(storeName, now);
  if (!marker || marker.tab === tab || marker.fp !== fp) return undefined;
  if (marker.orderId && !waiting && now - (marker.doneAt ?? marker.at) >= ADOPT_MS) return undefined;
  return marker;
}

/**
 * Waits until another tab's marker for this form carries an order id (resolves it), or goes away / goes stale /
 * changes form (resolves undefined: we may create). Bounded by the marker's lifetime.
 */
export function waitForOtherTab(storeName: string, fp: string, tab: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const check = () => {
      const marker = otherTabMarker(storeName, fp, tab, Date.now(), true);
      if (!marker) return finish(undefined);
      if (marker.orderId) return finish(marker.orderId);
    };
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key === markerKey(storeName)) check();
    };
    const timer = setInterval(check, POLL_MS);
    const cleanup = () => {
      clearInterval(timer);
      window.removeEventListener('storage', onStorage);
    };
    const finish = (value: string | undefined) => {
      cleanup();
      resolve(value);
    };
    window.addEventListener('storage', onStorage);
    check();
  });
}

const inFlight = new Map<string, Promise<CreateOutcome>>();

export type CreateOutcome = {kind: 'created'; order: Order} | {kind: 'adopted'; order: Order} | {kind: 'adopt-id'; orderId: string};

/**
 * Creates the order at most once per store and per form across tabs. `create` is called only when no create for
 * this store is running in this page and no other tab is creating the same form; otherwise the other's result is
 * returned (`adopted`, or `adopt-id` for another tab's order, which the caller fetches). `key`: the Idempotency-Key
 * this purchase goes out with, written into the marker. Where the wait for another tab ends without its order,
 * `create` is given that tab's key to send the purchase with.
 */
export async function createOnce(
  storeName: string,
  fp: string,
  create: (theirKey?: string) => Promise<Order>,
  options: {tab?: string; key?: string; onWaiting?: () => void} = {},
): Promise<CreateOutcome> {
  // Another element of this store is creating: its outcome is this one's too (its order, or the other tab's id).
  const running = inFlight.get(storeName);
  if (running) {
    const outcome = await running;
    return outcome.kind === 'created' ? {kind: 'adopted', order: outcome.order} : outcome;
  }
  const tab = options.tab ?? currentTabId();
  const key = options.key;
  let theirKey: string | undefined;
  const wait = async (other: Marker) => {
    options.onWaiting?.();
    theirKey = other.key;
    return waitForOtherTab(storeName, fp, tab);
  };
  const work = (async (): Promise<CreateOutcome> => {
    const other = otherTabMarker(storeName, fp, tab);
    if (other) {
      const orderId = await wait(other);
      if (orderId) return {kind: 'adopt-id', orderId};
    }
    writeMarker(storeName, {tab, fp, at: Date.now(), ...(key ? {key: theirKey ?? key} : {})});
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const mine = readMarker(storeName);
    if (mine && mine.tab !== tab && mine.fp === fp) {
      // Another tab wrote over ours at the same moment: it creates, we adopt.
      const orderId = await wait(mine);
      if (orderId) return {kind: 'adopt-id', orderId};
    }
    try {
      const order = await create(theirKey);
      const marker = {tab, fp, at: readMarker(storeName)?.at ?? Date.now(), orderId: order.order_id, doneAt: Date.now()};
      writeMarker(storeName, marker);
      // Read (so removed) once its time is over, while this page stays open; else the next page's read removes it.
      setTimeout(() => readMarker(storeName), Math.max(0, marker.at + MARKER_TTL_MS - Date.now()) + 50);
      return {kind: 'created', order};
    } catch (error) {
      // A definite refusal: no order, so another tab may create. An answer lost on the way back keeps the marker: the
      // order may exist, and another tab submitting this purchase waits for this one's "check again" (which writes
      // the order id) rather than create a second order. "Start over" or "new purchase" here removes it.
      if (!mayHaveCreated(error)) clearMarker(storeName, tab);
      throw error;
    }
  })();
  // Other elements of this store take its outcome while it is being created.
  work.catch(() => undefined);
  inFlight.set(storeName, work);
  try {
    return await work;
  } finally {
    if (inFlight.get(storeName) === work) inFlight.delete(storeName);
  }
}
