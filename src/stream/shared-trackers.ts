// One tracker per order for all the <cr-order-status> of one store: a page that shows an order twice (a badge in the
// header, the full panel) opens one stream and reads once. Each element holds a share (an OpenTracker for
// order-tracker-controller.ts); the tracker is stopped with the last share. Every update is judged again against
// what each share was shown itself, so each element fires its own cr-status-change once per change, and one that
// joins later reports the order as a tracker opened now would: against the copy it knew, or as the first state read.
// Imported by the status body alone, so a page with only the checkout does not carry it.
import type {ApiError} from '../api/errors.js';
import type {Order} from '../api/schemas.js';
import {phaseOf} from '../upstream/states.js';
import {judge, reachedWith} from './accept.js';
import type {TrackerHandle} from './order-tracker-controller.js';
import {OrderTracker, type OrderTrackerOptions, type OrderUpdate} from './order-tracker.js';

interface Share {
  /** Its element's callbacks; the tuning is the first share's, which opened the tracker. */
  options: OrderTrackerOptions;
  receive(update: OrderUpdate): void;
}

interface Shared {
  tracker: OrderTracker;
  shares: Set<Share>;
  /** The last failure to read while there is no order yet, told to a share that joins meanwhile. */
  error?: ApiError | undefined;
}

/** By store, proxy URL and order id: never shared across stores, nor between two proxy URLs. */
const trackers = new Map<string, Shared>();

/** An ended tracker (final order, unknown order) is not joined: a new share gets what a new tracker would do. */
const ENDED = ['done', 'failed', 'stopped'];

/** The tracking of `options.orderId` for an element of the store `storeName`, shared with the others of that order. */
export function shareTracker(storeName: string, options: OrderTrackerOptions): TrackerHandle {
  const key = `${storeName}\n${options.proxyUrl}\n${options.orderId.toLowerCase()}`;
  const known = options.initialOrder;
  /** What this share's element was shown last: the baseline its updates are judged against (as the tracker takes it). */
  let shown: Order | undefined = known?.order_id.toLowerCase() === options.orderId.toLowerCase() ? known : undefined;
  /** The highest state rank this share's element was shown (accept.ts). */
  let reached = shown && reachedWith(undefined, shown);
  let shared: Shared | undefined;
  const share: Share = {
    options,
    receive(update) {
      // The tracker judged it against what this element shows too (always so for a share alone): as it is.
      // Otherwise (joined later, or it knew another copy) against what this element was shown: never twice, never
      // backwards.
      if (update.previous !== shown) {
        const verdict = judge(options.orderId, shown, update.order, undefined, reached);
        if (!verdict.accept) return;
        update = {...update, previous: shown, previousState: shown?.order_state, stateChanged: verdict.stateChanged};
      }
      shown = update.order;
      reached = reachedWith(reached, shown);
      options.onUpdate(update);
    },
  };
  return {
    get order() {
      return shown;
    },
    get connection() {
      return shared?.tracker.connection ?? 'idle';
    },
    get reconnecting() {
      return !!shared?.tracker.reconnecting;
    },
    get counts() {
      return shared!.tracker.counts;
    },
    start() {
      const joined = trackers.get(key);
      if (joined && !ENDED.includes(joined.tracker.connection)) {
        (shared = joined).shares.add(share);
        const {order} = joined.tracker;
        if (order) share.receive({order, previous: undefined, previousState: undefined, stateChanged: true, phase: phaseOf(order.order_state), source: 'poll'});
        else if (joined.error) options.onError?.(joined.error, false);
        return;
      }
      const shares = new Set([share]);
      const opened: Shared = {
        shares,
        tracker: new OrderTracker({
          ...options,
          onUpdate: (update) => {
            opened.error = undefined;
            shares.forEach((s) => s.receive(update));
          },
          onConnection: (connection) => shares.forEach((s) => s.options.onConnection?.(connection)),
          onError: (error, fatal) => {
            opened.error = error;
            shares.forEach((s) => s.options.onError?.(error, fatal));
          },
        }),
      };
      trackers.set(key, (shared = opened));
      opened.tracker.start();
    },
    stop() {
      const left = shared;
      shared = undefined;
      if (!left?.shares.delete(share) || left.shares.size) return;
      left.tracker.stop();
      if (trackers.get(key) === left) trackers.delete(key);
    },
  };
}
