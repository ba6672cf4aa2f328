// Faults on demand: for one order or all, for one endpoint or all, a number of times or until cleared.
// HTTP faults act on a request (delay, error status, 429, truncated JSON, unknown state); stream faults act on the
// next SSE frame(s) of matching streams (drop, malformed, duplicate, out-of-order, unknown state).
import type {EndpointName} from '../upstream/endpoints.js';
import {endpoints} from '../upstream/endpoints.js';
import {isObject} from './http.js';

export const FAULT_KINDS = [
  'drop-stream', // close the SSE connection without `event: stop` (timing "now": at once; "after-frame": after the next frame)
  'malformed-frame', // send `data: {not json` before the next frame
  'duplicate-frame', // send the next frame twice
  'out-of-order-frame', // after the next frame, resend the previous version's frame
  'slow', // delay the answer (or the stream's headers) by `ms`
  'server-error', // answer `status` (500, 502 or 503) with a body
  'rate-limit', // answer 429 with `Retry-After: retryAfter` (retryAfter null: no Retry-After, as upstream may do)
  'malformed-json', // answer 200 with truncated JSON
  'unknown-state', // orders in answers and frames carry order_state `state` (default QuantumLimbo)
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const STREAM_FRAME_KINDS: readonly FaultKind[] = ['malformed-frame', 'duplicate-frame', 'out-of-order-frame', 'unknown-state'];

export interface FaultSpec {
  kind: FaultKind;
  /** The endpoint it acts on ('order', 'subscribe', 'createOrder', …); absent = all. */
  endpoint?: EndpointName;
  orderId?: string;
  /** How many times it fires; absent = until cleared. */
  times?: number;
  /** slow: delay in ms. */
  ms?: number;
  /** server-error: 500, 502 or 503. */
  status?: number;
  /** rate-limit: Retry-After seconds (default 1); null = no Retry-After header (upstream's "may come"). */
  retryAfter?: number | null;
  /** unknown-state: the order_state to show (default QuantumLimbo). */
  state?: string;
  /** drop-stream: 'now' (default: at once, open and new streams) or 'after-frame'. */
  timing?: 'now' | 'after-frame';
}

export interface Fault extends FaultSpec {
  id: number;
  /** Times left; Infinity until cleared. */
  remaining: number;
  fired: number;
}

const ENDPOINT_NAMES = new Set<string>(endpoints.map((e) => e.name));

/** Checks a fault spec from the control API; a string error when it is wrong. */
export function parseFaultSpec(input: unknown): FaultSpec | string {
  if (!isObject(input)) return 'body must be a JSON object';
  const {kind, endpoint, orderId, times, ms, status, retryAfter, state, timing} = input;
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  if (endpoint !== undefined && (typeof endpoint !== 'string' || !ENDPOINT_NAMES.has(endpoint))) return `endpoint must be one of ${[...ENDPOINT_NAMES].join(', ')}`;
  if (orderId !== undefined && typeof orderId !== 'string') return 'orderId must be a string';
  if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1)) return 'times must be a positive integer';
  if (ms !== undefined && (typeof ms !== 'number' || ms < 0 || ms > 120_000)) return 'ms must be 0..120000';
  if (status !== undefined && (typeof status !== 'number' || status < 500 || status > 599)) return 'status must be a 5xx code';
  if (retryAfter !== undefined && retryAfter !== null && (typeof retryAfter !== 'number' || retryAfter < 0)) return 'retryAfter must be seconds >= 0, or null (no Retry-After)';
  if (state !== undefined && typeof state !== 'string') return 'state must be a string';
  if (timing !== undefined && timing !== 'now' && timing !== 'after-frame') return 'timing must be "now" or "after-frame"';
  return {
    kind: kind as FaultKind,
    ...(endpoint !== undefined ? {endpoint: endpoint as EndpointName} : {}),
    ...(orderId !== undefined ? {orderId: orderId.toLowerCase()} : {}),
    ...(times !== undefined ? {times: times as number} : {}),
    ...(ms !== undefined ? {ms} : {}),
    ...(status !== undefined ? {status} : {}),
    ...(retryAfter !== undefined ? {retryAfter} : {}),
    ...(state !== undefined ? {state} : {}),
    ...(timing !== undefined ? {timing} : {}),
  };
}

export class Faults {
  private list: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = {...spec, id: this.nextId++, remaining: spec.times ?? Infinity, fired: 0};
    this.list.push(fault);
    return fault;
  }

  clear(): void {
    this.list = [];
  }

  remove(id: number): boolean {
    const before = this.list.length;
    this.list = this.list.filter((f) => f.id !== id);
    return this.list.length !== before;
  }

  all(): Fault[] {
    return this.list.map((f) => ({...f}));
  }

  /** The first live fault of one of these kinds matching the endpoint and order, without using it up. */
  peek(kinds: readonly FaultKind[], endpoint: EndpointName, orderId: string | undefined): Fault | undefined {
    return this.list.find(
      (f) =>
        f.remaining > 0 &&
        kinds.includes(f.kind) &&
        (f.endpoint === undefined || f.endpoint === endpoint) &&
        (f.orderId === undefined || f.orderId === orderId?.toLowerCase()),
    );
  }

  /** Uses one firing of a fault; it goes away when none remain. */
  use(fault: Fault): void {
    fault.remaining -= 1;
    fault.fired += 1;
    if (fault.remaining <= 0) this.list = this.list.filter((f) => f !== fault);
  }

  /** peek + use. */
  take(kinds: readonly FaultKind[], endpoint: EndpointName, orderId: string | undefined): Fault | undefined {
    const fault = this.peek(kinds, endpoint, orderId);
    if (fault) this.use(fault);
    return fault;
  }
}

/** Serialises JSON for the API, where Infinity is not representable. */
export function faultJson(f: Fault): Record<string, unknown> {
  return {...f, remaining: Number.isFinite(f.remaining) ? f.remaining : null};
}
