// One request to the proxy: URL joining, JSON, a time limit, cancellation, and the retry rules.
//
// Retry rules (why): a GET is idempotent, so a network error, a 5xx or a 429 is retried with exponential backoff and
// full jitter (so many widgets on many pages do not retry in step), honouring `Retry-After` (seconds or HTTP date,
// capped), within a bounded number of attempts AND a bounded total time. A POST is never retried automatically: a
// failed `POST /v5/orders` may still have created an order upstream, and a second one would bill the user twice.
import {noteServerDate} from './server-clock.js';
import {ApiError, noProxyUrl, toApiError} from './errors.js';
import {errorFromResponse} from './response-error.js';
import {parseJson} from './parse-json.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** First backoff; doubles each time. */
  baseDelayMs: number;
  /** Longest single wait; a longer Retry-After is not waited for (the error goes to the caller instead). */
  maxDelayMs: number;
  /** No new attempt starts after this much time since the first. */
  budgetMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {attempts: 3, baseDelayMs: 400, maxDelayMs: 8000, budgetMs: 20000};
export const DEFAULT_TIMEOUT_MS = 20000;

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface CallOptions {
  /** Cancels the call (Task passes its own); a cancelled call rejects with ApiError `aborted`. */
  signal?: AbortSignal;
  /** Per attempt. */
  timeoutMs?: number;
  /** GETs only; `false` turns retries off. */
  retry?: Partial<RetryPolicy> | false;
  /** For tests and partners that wrap fetch. */
  fetch?: typeof fetch;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Proxy URL (absolute, or relative to the page; may carry a path prefix). */
  base: string | undefined;
  /** Upstream path, unchanged (`paths.*`). */
  path: string;
  query?: Query;
  body?: unknown;
  /** A 4xx whose body carries a `problems` array is an answer (validations), not a failure. */
  problemsAreAnswers?: boolean;
  /** Extra request headers (the order's `Idempotency-Key`). */
  headers?: Record<string, string>;
  /**
   * The answer's `Date` tells the server's time (api/server-clock.ts): set on order calls only, which are never
   * answered from a cache, where a catalogue answer kept by the browser would carry the time it was first sent.
   */
  readsClock?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

/**
 * `${proxy-url}` + the upstream path, unchanged. The proxy URL may be absolute or relative to the page and may carry
 * a path prefix (`https://shop.example/api/cr/`): exactly one slash joins them, the prefix is never dropped (which
 * `new URL(path, base)` would do for an absolute path).
 */
export function joinUrl(base: string, path: string, query?: Query): string {
  const root = base.replace(/\/+$/, '');
  const url = new URL(`${root}/${path.replace(/^\/+/, '')}`, globalThis.document?.baseURI ?? globalThis.location?.href);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url.href;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** The wait before retry number `retry` (1-based): full jitter over an exponential ceiling, or Retry-After. */
export function backoffDelay(retry: number, policy: RetryPolicy, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  // Half fixed, half random: never zero (a tight loop), never all in step with other clients.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function abortReason(signal: AbortSignal): ApiError {
  return new ApiError('aborted', 'aborted', {cause: signal.reason});
}

/** Resolves after `ms`, or rejects with `aborted` as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, {once: true});
  });
}

/**
 * Proxies that said `Idempotency-Key-Supported: 1` on some answer (the reference proxy says it on every one). Only
 * to those is the header sent: to another proxy (an nginx recipe, say) a header outside CORS's safelist would make
 * a cross-origin POST fail its preflight, and the order with it.
 */
const keyedProxies = new Set<string>();

function proxyKey(base: string): string {
  return joinUrl(base, '');
}

/** True once the proxy at `base` has said it takes `Idempotency-Key` on `POST /v5/orders`. */
export function supportsIdempotencyKeys(base: string | undefined): boolean {
  return base !== undefined && keyedProxies.has(proxyKey(base));
}

function isRetryable(error: ApiError): boolean {
  return error.code === 'network' || error.code === 'http-5xx' || error.code === 'rate-limited';
}

/** One attempt: fetch with a time limit tied to the caller's signal, read JSON, map statuses to ApiErrors. */
async function attempt(url: string, request: HttpRequest, options: CallOptions): Promise<HttpResponse> {
  const outer = options.signal;
  if (outer?.aborted) throw abortReason(outer);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onAbort = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, {once: true});
  const fail = (error: unknown): never => {
    if (outer?.aborted) throw abortReason(outer);
    if (timedOut) throw new ApiError('timeout', 'timeout', {cause: error});
    throw toApiError(error);
  };
  try {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const init: RequestInit = {
      method: request.method,
      signal: controller.signal,
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : {'content-type': 'application/json'}),
        ...request.headers,
      },
      // The partner id lives in the proxy, never here; no cookies are needed either.
      credentials: 'omit',
      ...(request.body === undefined ? {} : {body: JSON.stringify(request.body)}),
    };
    let response: Response;
    try {
      response = await doFetch(url, init);
    } catch (error) {
      return fail(error);
    }
    if (request.base && response.headers.get('idempotency-key-supported') === '1') keyedProxies.add(proxyKey(request.base));
    if (request.readsClock) noteServerDate(response.headers.get('date'));
    let raw: string;
    try {
      raw = await response.text();
    } catch (error) {
      return fail(error);
    }
    let body: unknown;
    let parsed = true;
    if (raw.trim() !== '') {
      try {
        body = parseJson(raw);
      } catch {
        parsed = false;
      }
    }
    if (response.ok) {
      if (!parsed) throw new ApiError('bad-response', 'the answer is not JSON', {status: response.status});
      return {status: response.status, body};
    }
    const hasProblems = parsed && Array.isArray((body as {problems?: unknown} | null)?.problems);
    if (request.problemsAreAnswers && response.status < 500 && response.status !== 429 && hasProblems) {
      return {status: response.status, body};
    }
    throw errorFromResponse(response.status, parsed ? body : undefined, parseRetryAfter(response.headers.get('retry-after')));
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}

/**
 * Sends a request and returns the 2xx answer's JSON; every failure is an ApiError. GETs are retried per the policy;
 * POSTs never.
 */
export async function send(request: HttpRequest, options: CallOptions = {}): Promise<HttpResponse> {
  if (request.base === undefined || request.base === null) {
    throw noProxyUrl();
  }
  const url = joinUrl(request.base, request.path, request.query);
  const policy: RetryPolicy | undefined =
    request.method === 'GET' && options.retry !== false ? {...DEFAULT_RETRY, ...(options.retry || {})} : undefined;
  const started = Date.now();
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(url, request, options);
    } catch (thrown) {
      const error = toApiError(thrown);
      if (!policy || !isRetryable(error) || tries >= policy.attempts) throw error;
      // A Retry-After longer than we would ever wait is respected by not retrying: the caller shows the error.
      if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxDelayMs) throw error;
      const wait = backoffDelay(tries, policy, error.retryAfterMs);
      // Out of time budget: report now rather than make the user wait for a retry that may not even start.
      if (Date.now() - started + wait > policy.budgetMs) throw error;
      await sleep(wait, options.signal);
    }
  }
}
