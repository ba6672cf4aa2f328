// Which orders a <cr-order-status> keeps current in its store. <cr-checkout> follows its own order only where none
// does, so a page with both elements follows each order once, over the status's stream.
import type {Store} from '../../store/store.js';

const followed = new WeakMap<Store, Map<object, string>>();

/** `follower` keeps the order `orderId` current in `store` from now on; undefined: it no longer does. */
export function setFollowing(store: Store, follower: object, orderId: string | undefined): void {
  let followers = followed.get(store);
  if (!followers) followed.set(store, (followers = new Map()));
  const id = orderId?.toLowerCase();
  if (followers.get(follower) === id) return;
  if (id) followers.set(follower, id);
  else followers.delete(follower);
  // Told after the caller's update, not inside it: a listener may start or stop its own tracking.
  queueMicrotask(() => listeners.forEach((listener) => listener()));
}

const listeners = new Set<() => void>();

/** Calls `listener` whenever an element starts or stops following an order; returns the function that stops it. */
export function onFollowingChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True when an element keeps the order `orderId` current in `store`. */
export function isFollowed(store: Store, orderId: string): boolean {
  const id = orderId.toLowerCase();
  return [...(followed.get(store)?.values() ?? [])].includes(id);
}
