// Which elements keep an order current in their store, so that each order is followed once. A <cr-order-status>
// always leads; a <cr-checkout> follows its own order only where nothing else does (a status, or another checkout
// of the store that began first), so a page with both elements, or with two checkouts, opens one stream per order.
import type {Store} from '../../store/store.js';

interface Entry {
  orderId: string;
  /** A status: the others defer to it, whenever it began. */
  leads: boolean;
}

/** Per store, in the order the followers began (a Map keeps insertion order). */
const followed = new WeakMap<Store, Map<object, Entry>>();
const listeners = new Set<() => void>();

function setFollowing(store: Store, follower: object, orderId: string | undefined, leads: boolean): void {
  let followers = followed.get(store);
  if (!followers) followed.set(store, (followers = new Map()));
  const id = orderId?.toLowerCase();
  if (followers.get(follower)?.orderId === id) return;
  // A follower that moves to another order begins again: it goes behind the others.
  followers.delete(follower);
  if (id) followers.set(follower, {orderId: id, leads});
  // Told after the caller's update, not inside it: a listener may start or stop its own following.
  queueMicrotask(() => listeners.forEach((listener) => listener()));
}

/**
 * True when another element keeps the order `orderId` current in `store`: a status, or a follower that began before
 * `self` (so of two checkouts, the first keeps following and the second waits). `heard`: only one that is rendered
 * counts, whose live region a screen reader reads (a status the page hid, to hear its events only, says nothing).
 */
export function isFollowed(store: Store, orderId: string, self?: object, heard?: boolean): boolean {
  const id = orderId.toLowerCase();
  let beforeSelf = true;
  for (const [follower, entry] of followed.get(store) ?? []) {
    if (follower === self) {
      beforeSelf = false;
      continue;
    }
    const rendered = !heard || (follower as Element).checkVisibility?.({visibilityProperty: true}) !== false;
    if (entry.orderId === id && (entry.leads || beforeSelf) && rendered) return true;
  }
  return false;
}

/** Calls `listener` whenever an element starts or stops following an order; returns the function that stops it. */
export function onFollowingChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** One element's entry: which order it follows in which store, moved along when its store changes. */
export class Following {
  #store: Store | undefined;

  constructor(
    private readonly follower: object,
    private readonly leads: boolean,
  ) {}

  /** The element follows `orderId` in `store` now; undefined: nothing any more. */
  set(store: Store, orderId: string | undefined): void {
    if (this.#store && this.#store !== store) setFollowing(this.#store, this.follower, undefined, this.leads);
    this.#store = orderId ? store : undefined;
    setFollowing(store, this.follower, orderId, this.leads);
  }

  clear(): void {
    if (this.#store) this.set(this.#store, undefined);
  }
}
