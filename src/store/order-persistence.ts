// The current order of each store, kept in sessionStorage so a reload of the tab resumes its payment screen
// instead of starting over (and never creates a second order). Only the order id and the order as validated by zod
// are stored; what is read back is validated again, and the caller re-fetches it from GET /v5/orders/{id} before it
// shows anything. sessionStorage is per tab, so two tabs never share a current order through it (see
// order-guard.ts for the cross-tab "creating" marker).
import * as z from 'zod/mini';
import {Order, type Order as OrderT} from '../api/schemas.js';
import {ORDER_ID} from '../upstream/endpoints.js';

const VERSION = 1;

const Persisted = z.object({
  v: z.literal(VERSION),
  order_id: z.string().check(z.regex(ORDER_ID)),
  order: Order,
  saved_at: z.number(),
});

/** The sessionStorage key of a store's current order. */
export function orderStorageKey(storeName: string): string {
  return `cr-checkout:${storeName}:order`;
}

function storage(): Storage | undefined {
  try {
    // Throws in sandboxed iframes and some private modes; the checkout then works without persistence.
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remembers `order` as the store's current order (replaces any other). */
export function saveOrder(storeName: string, order: OrderT): void {
  try {
    storage()?.setItem(orderStorageKey(storeName), JSON.stringify({v: VERSION, order_id: order.order_id, order, saved_at: Date.now()}));
  } catch {
    // Quota or access errors: the order is still shown, it just will not survive a reload.
  }
}

/** The store's persisted order, validated again; undefined (and removed) when missing, stale in shape or tampered. */
export function loadOrder(storeName: string): {orderId: string; order: OrderT} | undefined {
  const store = storage();
  let raw: string | null | undefined;
  try {
    raw = store?.getItem(orderStorageKey(storeName));
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    data = undefined;
  }
  const parsed = z.safeParse(Persisted, data);
  // The id must be the order's own: never show one order's address under another's id.
  if (!parsed.success || parsed.data.order.order_id !== parsed.data.order_id) {
    clearOrder(storeName);
    return undefined;
  }
  return {orderId: parsed.data.order_id, order: parsed.data.order as OrderT};
}

/** Forgets the store's current order ("new purchase"). */
export function clearOrder(storeName: string): void {
  try {
    storage()?.removeItem(orderStorageKey(storeName));
  } catch {
    // Nothing to do: there is nothing we could read back either.
  }
}
