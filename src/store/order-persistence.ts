// The current order of each store, kept in sessionStorage so a reload of the tab resumes its payment screen
// instead of starting over (and never creates a second order). Only the order id and the order as validated by zod
// are stored, without what it delivered: gift card codes, links, serials and the buyer's e-mail never reach storage,
// where any script of the page could read them long after the widget is gone. What is read back is validated again,
// and the caller re-fetches the order from GET /v5/orders/{id} (for its payment screen, or for the codes). sessionStorage
// is per tab, so two tabs never share a current order through it (see order-guard.ts for the cross-tab marker).
import * as z from 'zod/mini';
import * as json from '../api/json.js';
import {matching, Order, type Order as OrderT} from '../api/schemas.js';
import {ORDER_ID} from '../upstream/endpoints.js';
import {judge} from '../stream/accept.js';
import {onStoreCreated} from './store.js';

const VERSION = 1;
// The format version, checked with refine rather than z.literal, and the body below as a loose object rather than
// z.record: the same checks, without two more zod parts in the bundle (about 0.6 KiB gzipped).
const version = json.number.check(z.refine((v) => v === VERSION));

const Persisted = z.object({
  v: version,
  order_id: matching(ORDER_ID),
  order: Order,
  /** Whether something the order delivered was left out (the caller reads the order again for it). */
  withheld: z.optional(json.boolean),
  saved_at: json.number,
});

/** What a delivery's deliverable says of the purchase (brand, amount, for whom): kept. Anything else is not. */
const DESCRIBES: ReadonlySet<string> = new Set(['denomination', 'localized_denomination', 'brand_name', 'family', 'beneficiary_account', 'delivery_type', 'country_code']);
/**
 * What the status shows of a delivery and is left out: only these make a copy "withheld" (read again for them after
 * a reload). Other fields left out (upstream's `points`, `original_price`, one added later) are not shown anyway, and
 * counting them would have every copy read again, every failed read said, and an order not yet delivered shown done.
 */
const SHOWN: ReadonlySet<string> = new Set(['pin_code', 'pin_serial', 'security_code', 'barcode_image_url', 'qr_image_url', 'redeem_instructions']);

/** The order without its deliveries' codes (an allow-list: a field upstream adds later is left out too) nor its buyer. */
function withoutSecrets(order: OrderT): {order: OrderT; withheld: boolean} {
  let withheld = false;
  const deliveries = order.deliveries.map(({id, delivery_state, kind, deliverable}) => {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(deliverable)) {
      if (DESCRIBES.has(key)) kept[key] = value;
      else if (SHOWN.has(key) && value !== undefined && value !== null && value !== '') withheld = true;
    }
    return {id, delivery_state, kind, deliverable: kept};
  });
  const {user: _buyer, ...rest} = order;
  return {order: {...rest, deliveries} as OrderT, withheld};
}

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

/** Whether this tab can keep orders at all (sessionStorage may be blocked, or full). */
export function canKeepOrders(): boolean {
  try {
    const store = storage();
    if (!store) return false;
    store.setItem('cr-checkout:probe', '1');
    store.removeItem('cr-checkout:probe');
    return true;
  } catch {
    return false;
  }
}

/** What sessionStorage holds under `key`; undefined when nothing, or when it cannot be read. */
function readStored(key: string): string | undefined {
  try {
    return storage()?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stored text as JSON; undefined when it is not (the schema check then refuses it). Plain JSON.parse, not
 * api/parse-json.ts: what is stored is our own JSON.stringify of values zod already read (amounts as decimal strings,
 * codes left out), and a pending create's body must come back byte for byte, its numbers as numbers.
 */
function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * Remembers `order` as the store's current order (replaces any other). Over a saved copy of the same order, only
 * when it moves that order forward (the tracker's accepting rules): the checkout, the status, a resumed order and a
 * create all write here, and a late or stale answer from any of them must not take a reload back in time.
 */
export function saveOrder(storeName: string, order: OrderT): void {
  const saved = loadOrder(storeName);
  const kept = withoutSecrets(order);
  const same = saved?.orderId.toLowerCase() === order.order_id.toLowerCase();
  // Also when only the codes came (the copy then says that it left them out).
  if (same && !judge(order.order_id, saved.order, kept.order).accept && (saved.withheld || !kept.withheld)) return;
  try {
    const record = {v: VERSION, order_id: order.order_id, order: kept.order, withheld: kept.withheld, saved_at: Date.now()};
    storage()?.setItem(orderStorageKey(storeName), JSON.stringify(record));
    // The order first, then the adopted id it replaces: at no moment is neither kept.
    storage()?.removeItem(adoptedKey(storeName));
  } catch {
    // Quota or access errors: the order is still shown, it just will not survive a reload.
  }
}

let keeping = false;

/**
 * From now on, every store's current order is saved whenever it changes: the one place the elements' orders are
 * written from (a create writes its order a moment before it reaches the store, keyed-create.ts, so that at no moment
 * neither it nor its pending create is kept). Called by each element that shows an order; once is enough.
 */
export function keepStoreOrders(): void {
  if (keeping) return;
  keeping = true;
  onStoreCreated((store) =>
    store.subscribe((state, previous) => {
      if (state.order && state.order !== previous.order) saveOrder(store.name, state.order);
    }),
  );
}

/**
 * The store's persisted order, validated again; undefined (and removed) when missing, stale in shape or tampered.
 * `withheld`: its deliveries carried codes that were not kept (read the order again to show them).
 */
export function loadOrder(storeName: string): {orderId: string; order: OrderT; withheld: boolean} | undefined {
  const raw = readStored(orderStorageKey(storeName));
  if (!raw) return undefined;
  const parsed = z.safeParse(Persisted, parseJson(raw));
  // The id must be the order's own: never show one order's address under another's id.
  if (!parsed.success || parsed.data.order.order_id !== parsed.data.order_id) {
    clearOrder(storeName);
    return undefined;
  }
  return {orderId: parsed.data.order_id, order: parsed.data.order as OrderT, withheld: parsed.data.withheld === true};
}

/** Forgets the store's current order ("new purchase"), or the order id it adopted. */
export function clearOrder(storeName: string): void {
  try {
    storage()?.removeItem(orderStorageKey(storeName));
    storage()?.removeItem(adoptedKey(storeName));
  } catch {
    // Nothing to do: there is nothing we could read back either.
  }
}

// ---- an order another tab created for this purchase, not read yet --------------------------------------------
// Its id alone (the order itself was never seen here), kept until the order is saved: a reload of this tab reads it
// again rather than show the form, from which the same purchase would be a second order.

function adoptedKey(storeName: string): string {
  return `cr-checkout:${storeName}:adopted`;
}

/** Remembers that this tab's current order is `orderId`, created by another tab, until it is read and saved. */
export function saveAdopted(storeName: string, orderId: string): void {
  try {
    storage()?.setItem(adoptedKey(storeName), orderId);
  } catch {
    // As for saveOrder.
  }
}

/**
 * The order this tab has for the store, to read before anything is shown: the saved one, else the id adopted from
 * another tab (`order` absent). Undefined: none, and only then may the store's form make an order.
 */
export function loadOrderToResume(storeName: string): {orderId: string; order?: OrderT} | undefined {
  const saved = loadOrder(storeName);
  if (saved) return saved;
  const adopted = readStored(adoptedKey(storeName));
  return adopted && ORDER_ID.test(adopted) ? {orderId: adopted} : undefined;
}

// ---- a create sent but not answered (yet) -------------------------------------------------------------------
// Written just before `POST /v5/orders` leaves and removed once its answer is in (or upstream refused it), so a
// reload or a lost answer finds it: with the key the proxy took, the very same create is sent again and the proxy
// answers it with the first one's order instead of making a second (README, "No double orders").

/** How long a pending create may be sent again: the reference proxy keeps a key's answer 15 minutes. */
export const PENDING_CREATE_TTL_MS = 15 * 60_000;
/** After this, a pending create is forgotten (its order, if any, has expired unpaid long ago). */
const PENDING_CREATE_FORGET_MS = 2 * 60 * 60_000;

const PendingCreate = z.object({
  v: version,
  /** The `Idempotency-Key` (a UUID). */
  key: matching(/^[A-Za-z0-9_-]{16,128}$/),
  /** The order body's fingerprint (order-guard.ts), to tell "the same purchase" from another. */
  fp: json.string,
  /** Whether the proxy took the key: only then is a resend safe. */
  keyed: json.boolean,
  /** The body as sent, to send it again byte for byte (the proxy compares a hash of it). */
  body: z.looseObject({}),
  at: json.number,
});
export type PendingCreate = z.infer<typeof PendingCreate>;

export function pendingCreateKey(storeName: string): string {
  return `cr-checkout:${storeName}:pending`;
}

/**
 * The page's own copy of each pending create: where sessionStorage is blocked or full, "check again" in this page
 * can still send it again (only a reload cannot).
 */
const inPage = new Map<string, string>();

export function savePendingCreate(storeName: string, pending: Omit<PendingCreate, 'v'>): void {
  const text = JSON.stringify({v: VERSION, ...pending});
  inPage.set(storeName, text);
  try {
    storage()?.setItem(pendingCreateKey(storeName), text);
  } catch {
    // Quota or access errors: the page's copy above still serves "check again".
  }
}

/** The store's pending create, validated; undefined (and removed) when missing, tampered or hours old. */
export function loadPendingCreate(storeName: string, now = Date.now()): PendingCreate | undefined {
  const raw = readStored(pendingCreateKey(storeName)) ?? inPage.get(storeName);
  if (!raw) return undefined;
  const parsed = z.safeParse(PendingCreate, parseJson(raw));
  if (!parsed.success || now - parsed.data.at > PENDING_CREATE_FORGET_MS || parsed.data.at > now + 60_000) {
    clearPendingCreate(storeName);
    return undefined;
  }
  return parsed.data;
}

export function clearPendingCreate(storeName: string): void {
  inPage.delete(storeName);
  try {
    storage()?.removeItem(pendingCreateKey(storeName));
  } catch {
    // See clearOrder.
  }
}
