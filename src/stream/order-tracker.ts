// Live tracking of one order, framework-free: a real EventSource on `${proxy-url}/v5/orders/{id}/subscribe`, our own
// exponential backoff (the browser's fixed retry is never used: the EventSource is closed on every error and
// reopened by us), polling of `${proxy-url}/v5/orders/{id}` while the stream is down or unavailable, a pause while
// the page stays hidden, and the accepting rules of accept.ts. The element side is order-tracker-controller.ts.
import {getOrder, parseOrder, subscribeUrl} from '../api/client.js';
import {toApiError, type ApiError} from '../api/errors.js';
import {parseJson} from '../api/parse-json.js';
import type {Order} from '../api/schemas.js';
import {awaitsPayment, phaseOf, type Phase} from '../upstream/states.js';
import {goneWhenNotFound, isFinal, judge, keepSent, reachedWith, type IgnoredReason} from './accept.js';
import {DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS, reconnectDelay} from './backoff.js';

/** Poll interval while the buyer still has to pay (also when paid in part): they watch for their payment to show. */
export const DEFAULT_PAYMENT_POLL_MS = 5000;
/** Poll interval otherwise: upstream's published advice. */
export const DEFAULT_POLL_MS = 30_000;
/** A connection up this long ends the backoff, whatever it said (a quiet order sends nothing for minutes). */
const STABLE_STREAM_MS = 10_000;
/** The page must stay hidden this long before connections are closed (a quick tab switch keeps them). */
export const DEFAULT_HIDDEN_PAUSE_MS = 60_000;

/**
 * Where tracking stands. `connecting`: stream opening; `live`: stream open; `polling`: stream down, polling until it
 * is back, or for good after `event: stop` for an order that is not final; `paused`: page hidden for long; `done`:
 * terminal state (no more connections); `stopped`:
 * `stop()` was called; `failed`: the order cannot be tracked (unknown order, bad id, no proxy).
 */
export type TrackerConnection = 'idle' | 'connecting' | 'live' | 'polling' | 'paused' | 'done' | 'stopped' | 'failed';

export interface TrackerCounts {
  /** `message` frames received. */
  frames: number;
  /** Successful polls. */
  polls: number;
  /** Polls that failed (5xx, 429, network…). */
  pollErrors: number;
  /** Stream connections opened. */
  connections: number;
  /** Updates shown (from either source). */
  accepted: number;
  malformed: number;
  foreign: number;
  backwards: number;
  older: number;
  duplicate: number;
}

export interface OrderUpdate {
  order: Order;
  /** The order shown before; undefined for the first one. */
  previous: Order | undefined;
  /** True when `order_state` changed (the first order counts as a change). */
  stateChanged: boolean;
  previousState: string | undefined;
  phase: Phase;
  source: 'stream' | 'poll';
}

/** Where the page's visibility comes from (the document by default; tests may fake it). */
export interface VisibilitySource {
  readonly hidden: boolean;
  subscribe(listener: () => void): () => void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface OrderTrackerOptions {
  proxyUrl: string;
  orderId: string;
  /** The order as known already (the store's): the baseline, not reported again. */
  initialOrder?: Order | undefined;
  /** When `initialOrder` is final already: read the order once all the same (a saved copy, kept without its codes). */
  readFinal?: boolean;
  onUpdate(update: OrderUpdate): void;
  onConnection?(connection: TrackerConnection): void;
  /** A failure: `fatal` ones end tracking (unknown order); others are retried by themselves. */
  onError?(error: ApiError, fatal: boolean): void;
  /** First reconnect delay, doubling per failure (default 1000 ms, CONTRACT.md). */
  baseDelayMs?: number;
  /** Longest reconnect delay (default 30 s). */
  maxDelayMs?: number;
  /** Poll interval while awaiting payment (default 5 s). */
  paymentPollMs?: number;
  /** Poll interval otherwise (default 30 s). */
  pollMs?: number;
  /** Hidden this long → pause (default 60 s). */
  hiddenPauseMs?: number;
  /** The EventSource class; `null` where there is none (polling only). Default: the global one, if any. */
  eventSource?: typeof EventSource | null;
  fetch?: typeof fetch;
  visibility?: VisibilitySource;
  timers?: Timers;
}

function documentVisibility(): VisibilitySource | undefined {
  if (typeof document === 'undefined') return undefined;
  return {
    get hidden() {
      return document.visibilityState === 'hidden';
    },
    subscribe(listener) {
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
  };
}

const FATAL_CODES = new Set(['not-found', 'invalid-request', 'config']);

/**
 * A delay option as a timer can take it, else its default: an attribute that is no number (`payment-poll-interval="5s"`
 * reads as NaN, which a timer runs at once), 0, a negative or an endless one would read the order as fast as the
 * event loop turns and flood the partner's proxy.
 */
const duration = (ms: number | undefined, fallback: number) => (ms! > 0 && ms! < 2 ** 31 ? ms! : fallback);

export class OrderTracker {
  readonly counts: TrackerCounts = {
    frames: 0,
    polls: 0,
    pollErrors: 0,
    connections: 0,
    accepted: 0,
    malformed: 0,
    foreign: 0,
    backwards: 0,
    older: 0,
    duplicate: 0,
  };

  readonly #o: OrderTrackerOptions;
  readonly #timers: Timers;
  /** Null where there is none, or once upstream said `event: stop` for an order that is not final: polls only. */
  #EventSource: typeof EventSource | null;
  readonly #visibility: VisibilitySource | undefined;

  #order: Order | undefined;
  /** The highest state rank of the orders shown (accept.ts: a replay after "under review" is not news). */
  #reached: number | undefined;
  #connection: TrackerConnection = 'idle';
  #source: EventSource | undefined;
  #live = false;
  /** Stream failures since the last new frame (or a connection that stayed up): the backoff exponent. */
  #failures = 0;
  /** Ends the backoff once a connection has stayed up for STABLE_STREAM_MS. */
  #stableTimer: unknown;
  /** The stream failed since it was last open: poll once when it opens again, so nothing is missed. */
  #catchUp = false;
  /** Highest numeric frame id of the current connection (ids may restart on a new connection). */
  #lastFrameId: number | undefined;
  #reconnectTimer: unknown;
  #pollTimer: unknown;
  #hiddenTimer: unknown;
  #poll: AbortController | undefined;
  #paused = false;
  /** No new connection or timer from now on. */
  #ended = false;
  #offVisibility: (() => void) | undefined;

  constructor(options: OrderTrackerOptions) {
    this.#o = options;
    this.#timers = options.timers ?? {
      setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    this.#EventSource = options.eventSource === undefined ? (globalThis.EventSource ?? null) : options.eventSource;
    this.#visibility = options.visibility ?? documentVisibility();
  }

  /** The order shown now (the latest accepted one). */
  get order(): Order | undefined {
    return this.#order;
  }

  get connection(): TrackerConnection {
    return this.#connection;
  }

  /**
   * Polling while the stream is down, to be opened again: "connection lost" is true. Not when polling is all there is
   * (after `event: stop` for an order that is not final, or in a browser without EventSource): nothing was lost then.
   */
  get reconnecting(): boolean {
    return this.#connection === 'polling' && !!this.#EventSource;
  }

  /** Opens the stream (or polls, where there is no EventSource). Call once. */
  start(): void {
    if (this.#connection !== 'idle') return;
    const initial = this.#o.initialOrder;
    if (initial && initial.order_id.toLowerCase() === this.#o.orderId.toLowerCase()) {
      this.#order = initial;
      this.#reached = reachedWith(undefined, initial);
      // Already final (a reload after delivery): nothing left to follow; one read where the copy lacks the codes.
      if (isFinal(initial)) {
        this.#end('done');
        if (this.#o.readFinal) void this.#pollNow(true);
        return;
      }
    } else {
      // Nothing to show yet: read the order at once rather than wait for the stream's first frame.
      void this.#pollNow();
    }
    this.#offVisibility = this.#visibility?.subscribe(() => this.#onVisibility());
    if (this.#visibility?.hidden) this.#armHiddenTimer();
    this.#openStream();
  }

  /** Closes every connection and timer (the element was removed). */
  stop(): void {
    this.#end('stopped');
  }

  // ---- stream -------------------------------------------------------------------------------------------------

  #openStream(): void {
    if (this.#ended || this.#paused) return;
    this.#clear('reconnect');
    if (!this.#EventSource) {
      this.#setConnection('polling');
      this.#schedulePoll();
      return;
    }
    let url: string;
    try {
      url = subscribeUrl(this.#o.proxyUrl, this.#o.orderId);
    } catch (error) {
      this.#fail(toApiError(error));
      return;
    }
    const source = new this.#EventSource(url);
    this.#source = source;
    this.#live = false;
    this.#lastFrameId = undefined;
    this.counts.connections++;
    this.#setConnection(this.#catchUp || this.#failures ? 'polling' : 'connecting');
    source.onopen = () => {
      if (source !== this.#source) return;
      this.#live = true;
      this.#clear('poll');
      this.#setConnection('live');
      // Open and silent is no proof of health (a buffering intermediary, a stalled upstream, whose keep-alive
      // comments never reach script): a slow read still comes while live (schedulePoll).
      this.#schedulePoll();
      this.#stableTimer = this.#timers.setTimeout(() => (this.#failures = 0), STABLE_STREAM_MS);
      if (this.#catchUp) {
        this.#catchUp = false;
        void this.#pollNow();
      }
    };
    source.onmessage = (event: MessageEvent<string>) => {
      if (source === this.#source) this.#onFrame(event.data, event.lastEventId);
    };
    source.addEventListener('stop', () => {
      if (source === this.#source) this.#onStop();
    });
    source.onerror = () => {
      if (source === this.#source) this.#onStreamError();
    };
  }

  #closeStream(): void {
    const source = this.#source;
    this.#source = undefined;
    this.#live = false;
    if (this.#stableTimer !== undefined) this.#timers.clearTimeout(this.#stableTimer);
    this.#stableTimer = undefined;
    if (source) {
      source.onopen = source.onmessage = source.onerror = null;
      source.close();
    }
  }

  #onStreamError(): void {
    const wasLive = this.#live;
    // Close at once: left open, the browser would reconnect by itself on its own fixed delay.
    this.#closeStream();
    if (this.#ended || this.#paused) return;
    this.#failures++;
    this.#catchUp = true;
    this.#setConnection('polling');
    this.#reconnectTimer = this.#timers.setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.#openStream();
    }, reconnectDelay(this.#failures, duration(this.#o.baseDelayMs, DEFAULT_BASE_DELAY_MS), duration(this.#o.maxDelayMs, DEFAULT_MAX_DELAY_MS)));
    // The slow read of a live stream gives way to the polling of a stream that is down (a stream that never opened
    // keeps the poll already due: each new failure must not push it back).
    if (wasLive) this.#clear('poll');
    this.#schedulePoll();
  }

  #onFrame(data: string, lastEventId: string): void {
    this.counts.frames++;
    let order: Order;
    try {
      order = parseOrder(parseJson(data));
    } catch {
      this.#ignore('malformed');
      return;
    }
    order = keepSent(this.#order, order);
    const id = /^\d+$/.test(lastEventId) ? Number(lastEventId) : undefined;
    const verdict = judge(this.#o.orderId, this.#order, order, {id, lastId: this.#lastFrameId}, this.#reached);
    // Only news proves the stream works: a stream that drops after each snapshot (a duplicate) keeps backing off.
    if (verdict.accept) this.#failures = 0;
    if ((verdict.accept || verdict.reason !== 'foreign') && id !== undefined) this.#lastFrameId = Math.max(id, this.#lastFrameId ?? id);
    this.#apply(order, verdict, 'stream');
  }

  #onStop(): void {
    // Upstream ended the stream for good. After a final frame, nothing more. Otherwise (or with no frame: an unknown
    // order, which the read finds out) the order is not final, and polls follow it from here: no stream again.
    if (this.#order && isFinal(this.#order)) {
      this.#end('done');
      return;
    }
    this.#EventSource = null;
    this.#closeStream();
    this.#clear('reconnect');
    this.#setConnection('polling');
    void this.#pollNow();
  }

  // ---- polling ------------------------------------------------------------------------------------------------

  #pollInterval(): number {
    const awaitingPayment = !this.#order || awaitsPayment(this.#order.order_state);
    return awaitingPayment ? duration(this.#o.paymentPollMs, DEFAULT_PAYMENT_POLL_MS) : duration(this.#o.pollMs, DEFAULT_POLL_MS);
  }

  #schedulePoll(delay = this.#pollInterval()): void {
    if (this.#ended || this.#paused || this.#pollTimer !== undefined || this.#poll) return;
    // While the stream is live, a read only now and then, in case it went silent.
    if (this.#live) delay = Math.max(delay, duration(this.#o.pollMs, DEFAULT_POLL_MS));
    this.#pollTimer = this.#timers.setTimeout(() => {
      this.#pollTimer = undefined;
      void this.#pollNow();
    }, delay);
  }

  /** One GET of the order. `last`: after the end (a final order whose copy lacks its codes), a read that schedules nothing. */
  async #pollNow(last = false): Promise<void> {
    if ((this.#ended && !last) || this.#poll) return;
    this.#clear('poll');
    const controller = new AbortController();
    this.#poll = controller;
    let next: number | undefined;
    // A frame accepted while the read was on its way is newer than what the read says (it was sent before).
    const accepted = this.counts.accepted;
    try {
      // Our own schedule is the retry: the client's quick retries would only add load on a failing upstream.
      const read = await getOrder(this.#o.proxyUrl, this.#o.orderId, {
        signal: controller.signal,
        retry: false,
        ...(this.#o.fetch ? {fetch: this.#o.fetch} : {}),
      });
      if (controller.signal.aborted) return;
      const order = keepSent(this.#order, read);
      this.counts.polls++;
      this.#apply(order, judge(this.#o.orderId, this.#order, order, {id: accepted, lastId: this.counts.accepted}, this.#reached), 'poll');
    } catch (thrown) {
      const error = toApiError(thrown);
      if (error.code === 'aborted' || controller.signal.aborted) return;
      // A 404 ends tracking only for an order that may be gone (not one seen paid: goneWhenNotFound).
      if (FATAL_CODES.has(error.code) && (error.code !== 'not-found' || goneWhenNotFound(this.#order))) {
        this.#fail(error);
        return;
      }
      this.counts.pollErrors++;
      if (error.code === 'bad-response') this.counts.malformed++;
      this.#o.onError?.(error, false);
      // 429 Retry-After: never sooner than the server asked.
      if (error.retryAfterMs !== undefined) next = Math.max(this.#pollInterval(), error.retryAfterMs);
    } finally {
      if (this.#poll === controller) this.#poll = undefined;
    }
    if (!last) this.#schedulePoll(next);
  }

  // ---- accepting ----------------------------------------------------------------------------------------------

  #apply(order: Order, verdict: ReturnType<typeof judge>, source: 'stream' | 'poll'): void {
    if (!verdict.accept) {
      this.#ignore(verdict.reason);
      return;
    }
    const previous = this.#order;
    this.#order = order;
    this.#reached = reachedWith(this.#reached, order);
    this.counts.accepted++;
    const phase = phaseOf(order.order_state);
    this.#o.onUpdate({
      order,
      previous,
      stateChanged: verdict.stateChanged,
      previousState: previous?.order_state,
      phase,
      source,
    });
    if (isFinal(order)) this.#end('done');
  }

  #ignore(reason: IgnoredReason): void {
    this.counts[reason]++;
  }

  // ---- visibility ---------------------------------------------------------------------------------------------

  #onVisibility(): void {
    if (this.#ended) return;
    if (this.#visibility?.hidden) {
      this.#armHiddenTimer();
      return;
    }
    this.#clear('hidden');
    if (!this.#paused) {
      // Back after a short absence, the stream kept: one read all the same, since a phone may have frozen the page
      // meanwhile (the buyer was paying in their wallet app), and a frozen stream says nothing until it fails.
      void this.#pollNow();
      return;
    }
    // Back after a long absence: catch up at once, then follow the stream again.
    this.#paused = false;
    this.#failures = 0;
    void this.#pollNow();
    this.#openStream();
  }

  #armHiddenTimer(): void {
    if (this.#hiddenTimer !== undefined || this.#paused) return;
    this.#hiddenTimer = this.#timers.setTimeout(() => {
      this.#hiddenTimer = undefined;
      this.#pause();
    }, duration(this.#o.hiddenPauseMs, DEFAULT_HIDDEN_PAUSE_MS));
  }

  #pause(): void {
    if (this.#ended) return;
    this.#paused = true;
    this.#closeStream();
    this.#clear('reconnect');
    this.#clear('poll');
    this.#poll?.abort();
    this.#poll = undefined;
    this.#setConnection('paused');
  }

  // ---- ending -------------------------------------------------------------------------------------------------

  #fail(error: ApiError): void {
    this.#end('failed');
    this.#o.onError?.(error, true);
  }

  #end(connection: TrackerConnection): void {
    this.#ended = true;
    this.#closeStream();
    this.#clear('reconnect');
    this.#clear('poll');
    this.#clear('hidden');
    // A poll still in flight is abandoned (the read of a final order's codes, `readFinal`, starts after this).
    this.#poll?.abort();
    this.#poll = undefined;
    this.#offVisibility?.();
    this.#offVisibility = undefined;
    this.#setConnection(connection);
  }

  #clear(which: 'reconnect' | 'poll' | 'hidden'): void {
    if (which === 'reconnect' && this.#reconnectTimer !== undefined) this.#timers.clearTimeout(this.#reconnectTimer);
    if (which === 'poll' && this.#pollTimer !== undefined) this.#timers.clearTimeout(this.#pollTimer);
    if (which === 'hidden' && this.#hiddenTimer !== undefined) this.#timers.clearTimeout(this.#hiddenTimer);
    if (which === 'reconnect') this.#reconnectTimer = undefined;
    else if (which === 'poll') this.#pollTimer = undefined;
    else this.#hiddenTimer = undefined;
  }

  #setConnection(connection: TrackerConnection): void {
    if (connection === this.#connection) return;
    // After the end, only the end's own states may still be reported.
    if (this.#ended && !['done', 'stopped', 'failed'].includes(connection)) return;
    this.#connection = connection;
    this.#o.onConnection?.(connection);
  }
}

