// Which orders a <cr-order-status> keeps current in its store. <cr-checkout> follows its own order's payment only
// where none does (payment-follower.ts), so a page with both elements asks upstream once, over the status's stream.
import type {Store} from '../../store/store.js';

const followed = new WeakMap<Store, Map<object, string>>();

/** `follower` keeps the order `orderId` current in `store` from now on; undefined: it no longer does. */
export function setFollowing(store: Store, follower: object, orderId: string | undefined): void {
  let followers = followed.get(store);
  if (!followers) followed.set(store, (followers = new Map()));
  if (orderId) followers.set(follower, orderId.toLowerCase());
  else followers.delete(follower);
}

/** True when an element keeps the order `orderId` current in `store`. */
export function isFollowed(store: Store, orderId: string): boolean {
  const id = orderId.toLowerCase();
  return [...(followed.get(store)?.values() ?? [])].includes(id);
}
