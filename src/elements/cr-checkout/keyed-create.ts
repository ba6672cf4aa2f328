// Sending `POST /v5/orders` so that sending it again can never make a second order. Each purchase gets an
// `Idempotency-Key` (sent where the proxy supports it), recorded with the body in sessionStorage before the request
// leaves. When the answer is lost (a dropped connection, a timeout, a 5xx on the way back, a reload mid-request),
// the same body goes out again with the same key and the proxy answers with the first create's order, or says it
// cannot tell (`outcome-unknown`). A definite refusal forgets the key: no order exists, and the next submit is new.
import {noteCreatedAt} from '../../api/server-clock.js';
import {createOrder} from '../../api/client.js';
import {supportsIdempotencyKeys} from '../../api/http.js';
import {isApiError} from '../../api/errors.js';
import type {Order, OrderBody} from '../../api/schemas.js';
import {
  clearPendingCreate,
  loadPendingCreate,
  PENDING_CREATE_TTL_MS,
  saveOrder,
  savePendingCreate,
  type PendingCreate,
} from '../../store/order-persistence.js';
import {randomId} from './random-id.js';

/**
 * Failures after which the order may exist (the POST may have reached upstream): the user is told the outcome is
 * unknown, and the pending create is kept, to be sent again with its key. Any other failure is a refusal (problems,
 * a 4xx, a 429 from the proxy's rate limit, which answers before upstream): no order exists, the key is forgotten.
 */
export const UNKNOWN_OUTCOME_CODES: ReadonlySet<string> = new Set(['network', 'timeout', 'http-5xx', 'bad-response', 'outcome-unknown']);

/** After `error`, the order may exist: an unknown outcome, or a send cancelled by the page (it is going away). */
export const mayHaveCreated = (error: unknown) => isApiError(error) && (UNKNOWN_OUTCOME_CODES.has(error.code) || error.code === 'aborted');

/** Sends `pending`; `resend` when its key went out before (the proxy then never forwards a key it does not know). */
async function send(storeName: string, proxyUrl: string | undefined, pending: Omit<PendingCreate, 'v'>, resend: boolean): Promise<Order> {
  try {
    // The key goes out only if the proxy took keys when this purchase was first sent (a reloaded page may not have
    // heard from the proxy yet, but the pending record remembers).
    const order = await createOrder(proxyUrl, pending.body as unknown as OrderBody, pending.keyed ? {idempotencyKey: pending.key, resend} : {});
    // Just created: its created_at says how far this device's clock is off, if no answer's Date header did.
    noteCreatedAt(order.created_at);
    // The order first, then the pending record: at no moment is neither in storage.
    saveOrder(storeName, order);
    clearPendingCreate(storeName);
    return order;
  } catch (error) {
    if (!mayHaveCreated(error)) clearPendingCreate(storeName);
    throw error;
  }
}

/** This store's pending create of the same purchase (fingerprint `fp`), if its key is still the one to send. */
function samePending(storeName: string, proxyUrl: string | undefined, fp: string, now = Date.now()): PendingCreate | undefined {
  const previous = loadPendingCreate(storeName, now);
  // The same purchase sent with a key before keeps it, even if this page has not yet heard that the proxy takes keys
  // (a reload): a new unkeyed record in its place would send it without one.
  return previous && previous.fp === fp && (previous.keyed || !supportsIdempotencyKeys(proxyUrl)) ? previous : undefined;
}

/** The key the purchase `fp` goes out with: the one it went out with before, while that is pending, else a new one. */
export function purchaseKey(storeName: string, proxyUrl: string | undefined, fp: string): string {
  return samePending(storeName, proxyUrl, fp)?.key ?? randomId();
}

/**
 * Creates the order for `body` (fingerprint `fp`), with `key` (`purchaseKey`, or another tab's for the same
 * purchase). The same purchase still pending (same fingerprint, unanswered) keeps its key, so this is also "send it
 * again".
 */
export function createKeyed(storeName: string, proxyUrl: string | undefined, body: OrderBody, fp: string, key: string): Promise<Order> {
  const now = Date.now();
  const again = samePending(storeName, proxyUrl, fp, now);
  const pending = again ?? {key, fp, keyed: supportsIdempotencyKeys(proxyUrl), body: body as unknown as Record<string, unknown>, at: now};
  savePendingCreate(storeName, pending);
  return send(storeName, proxyUrl, pending, again !== undefined);
}

/** Whether `pending` may be sent again: the proxy took its key, and still remembers it. */
export function canResend(pending: PendingCreate, now = Date.now()): boolean {
  return pending.keyed && now - pending.at <= PENDING_CREATE_TTL_MS;
}

/** Sends a pending create again, with its key and its body exactly as first sent. */
export function resendPending(storeName: string, proxyUrl: string | undefined, pending: PendingCreate): Promise<Order> {
  return send(storeName, proxyUrl, pending, true);
}
