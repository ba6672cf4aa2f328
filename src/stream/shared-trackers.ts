// One tracker per order for all the <cr-order-status> of one store: a page that shows an order twice (a badge in the
// header, the full panel) opens one stream and reads once. Each element holds a share (an OpenTracker for
// order-tracker-controller.ts); the tracker is stopped with the last share. Every update is judged again against
// what each share was shown itself, so each element fires its own cr-status-change once per change, and one that
// joins later reports the order as a tracker opened now would: against the copy it knew, or as the first state read.
// Imported by the status body alone, so a page with only the checkout does not carry it.
import type {ApiError} from '../api/errors.js';
import type {Order} from '../api/schemas.js';
import {phaseOf} from '../upstream/states.js';
import {judge} from './accept.js';
import type {TrackerHandle} from './order-tracker-controller.js';
import {OrderTracker, type OrderTrackerOptions, type OrderUpdate} from './order-tracker.js';

interface Shared {
  tracker: OrderTracker;
  shares: Set<TrackerShare>;
  /** The last failure to read while there is no order yet, told to a share that joins meanwhile. */
  error?: ApiError | undefined;
}

/** By store, proxy URL and order id: never shared across stores, nor between two proxy URLs. */
const trackers = new Map<string, Shared>();

/** An ended tracker (final order, unknown order) is not joined: a new share gets what a new tracker would do. */
const ENDED = new Set(['done', 'failed', 'stopped']);

/** The tracking of `options.orderId` for an element of the store `storeName`, shared with the others of that order. */
export function shareTracker(storeName: string, options: OrderTrackerOptions): TrackerHandle {
  return new TrackerShare(`${storeName}\n${options.proxyUrl}\n${options.orderId.toLowerCase()}`, options);
}

class TrackerShare implements TrackerHandle {
  #shared: Shared | undefined;
  /** What this share's element was shown last: the baseline its updates are judged against. */
  #shown: Order | undefined;

  constructor(
    private readonly key: string,
    /** Its element's callbacks; the tuning is the first share's, which opened the tracker. */
    private readonly options: OrderTrackerOptions,
  ) {
    const known = options.initialOrder;
    // As the tracker takes it: a copy of another order is no baseline.
    this.#shown = known?.order_id.toLowerCase() === options.orderId.toLowerCase() ? known : undefined;
  }

  get order(): Order | undefined {
    return this.#shown;
  }

  get connection() {
    return this.#shared?.tracker.connection ?? 'idle';
  }

  get counts() {
    return this.#shared!.tracker.counts;
  }

  start(): void {
    const joined = trackers.get(this.key);
    if (joined && !ENDED.has(joined.tracker.connection)) {
      this.#shared = joined;
      joined.shares.add(this);
      const {order} = joined.tracker;
      if (order) this.receive({order, previous: undefined, previousState: undefined, stateChanged: true, phase: phaseOf(order.order_state), source: 'poll'});
      else if (joined.error) this.options.onError?.(joined.error, false);
      return;
    }
    const shares = new Set<TrackerShare>([this]);
    const shared: Shared = {
      shares,
      tracker: new OrderTracker({
        ...this.options,
        onUpdate: (update) => {
          shared.error = undefined;
          shares.forEach((share) => share.receive(update));
        },
        onConnection: (connection) => shares.forEach((share) => share.options.onConnection?.(connection)),
        onError: (error, fatal) => {
          shared.error = error;
          shares.forEach((share) => share.options.onError?.(error, fatal));
        },
      }),
    };
    this.#shared = shared;
    trackers.set(this.key, shared);
    shared.tracker.start();
  }

  stop(): void {
    const shared = this.#shared;
    this.#shared = undefined;
    if (!shared?.shares.delete(this) || shared.shares.size) return;
    shared.tracker.stop();
    if (trackers.get(this.key) === shared) trackers.delete(this.key);
  }

  /** An update of the tracker, as this share's element must see it. */
  receive(update: OrderUpdate): void {
    const previous = this.#shown;
    // The tracker judged it against what this element shows too (always so for a share alone): as it is. Otherwise
    // (joined later, or it knew another copy) against what this element was shown: never twice, never backwards.
    if (update.previous !== previous) {
      const verdict = judge(this.options.orderId, previous, update.order);
      if (!verdict.accept) return;
      update = {...update, previous, previousState: previous?.order_state, stateChanged: verdict.stateChanged};
    }
    this.#shown = update.order;
    this.options.onUpdate(update);
  }
}
