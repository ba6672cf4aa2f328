// The Lit side of the tracker: one OrderTracker per (proxy URL, order id), opened on hostConnected, closed on
// hostDisconnected, replaced when the host's order changes. A stream is not request/response, so this is a plain
// ReactiveController rather than a Task (STYLE.md). How a tracker is opened is the host's: a checkout opens its own,
// a <cr-order-status> shares one with the other statuses of its order (shared-trackers.ts).
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {ApiError} from '../api/errors.js';
import type {Order} from '../api/schemas.js';
import {OrderTracker, type OrderTrackerOptions, type OrderUpdate, type TrackerConnection, type TrackerCounts} from './order-tracker.js';

/** What the host tells the controller on every sync: which order to follow, and how. */
export interface TrackTarget {
  proxyUrl: string | undefined;
  orderId: string | undefined;
  /**
   * Where the tracker is opened, when the host's `OpenTracker` depends on more than the order (the store whose
   * statuses share one): a change of it follows the same order anew, as a change of order does.
   */
  scope?: string;
  /** The order the host knows already (e.g. from its store), used as the baseline. */
  knownOrder: Order | undefined;
  /** Tuning (delays, intervals, injected EventSource); read when a tracker is created. */
  options?: Partial<Omit<OrderTrackerOptions, 'proxyUrl' | 'orderId' | 'initialOrder' | 'onUpdate' | 'onConnection' | 'onError'>>;
}

/** What the controller needs of a tracker: an OrderTracker, or a share of one. */
export type TrackerHandle = Pick<OrderTracker, 'start' | 'stop' | 'order' | 'connection' | 'reconnecting' | 'counts'>;

/** Makes the tracker of one order (not started yet). */
export type OpenTracker = (options: OrderTrackerOptions) => TrackerHandle;

export interface TrackerCallbacks {
  onUpdate(update: OrderUpdate): void;
  onError?(error: ApiError, fatal: boolean): void;
}

export class OrderTrackerController implements ReactiveController {
  #tracker: TrackerHandle | undefined;
  #key = '';
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => TrackTarget,
    private readonly callbacks: TrackerCallbacks,
    private readonly open: OpenTracker = (options) => new OrderTracker(options),
  ) {
    host.addController(this);
  }

  /** The tracker following the current order, if any. */
  get tracker(): TrackerHandle | undefined {
    return this.#tracker;
  }

  get connection(): TrackerConnection {
    return this.#tracker?.connection ?? 'idle';
  }

  get reconnecting(): boolean {
    return !!this.#tracker?.reconnecting;
  }

  get counts(): TrackerCounts | undefined {
    return this.#tracker?.counts;
  }

  hostConnected(): void {
    this.#connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#close();
  }

  /** Follows what `target()` names now: starts, keeps or replaces the tracker. Call it when the target may change. */
  sync(): void {
    if (!this.#connected) return;
    const {proxyUrl, orderId, scope, knownOrder, options} = this.target();
    const key = proxyUrl !== undefined && orderId ? `${scope}\n${proxyUrl}\n${orderId.toLowerCase()}` : '';
    if (key === this.#key && this.#tracker) return;
    this.#close();
    this.#key = key;
    if (!key) return;
    const tracker: TrackerHandle = this.open({
      ...options,
      proxyUrl: proxyUrl!,
      orderId: orderId!,
      // A copy of another order is no baseline: the tracker (and a share of one) takes it only for its own order.
      initialOrder: knownOrder,
      onUpdate: (update) => {
        if (tracker === this.#tracker) this.callbacks.onUpdate(update);
      },
      onConnection: () => {
        if (tracker === this.#tracker) this.host.requestUpdate();
      },
      onError: (error, fatal) => {
        if (tracker === this.#tracker) this.callbacks.onError?.(error, fatal);
      },
    });
    this.#tracker = tracker;
    tracker.start();
  }

  /** Follows the same order with a new tracker (what "try again" does after a read failed). */
  refresh(): void {
    this.#close();
    this.sync();
  }

  #close(): void {
    this.#tracker?.stop();
    // #key stays: with no tracker, sync() opens one whatever it names.
    this.#tracker = undefined;
  }
}
