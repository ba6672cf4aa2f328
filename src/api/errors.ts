// Every failure of an upstream call becomes an ApiError with a `code`, which maps to a localized message
// (i18n `common.errors` / `common.problems`). Elements never show raw server text, and never crash or go blank.
// What an HTTP answer's failure is lives in response-error.ts, with the API client: the entry, which holds this
// class for every element, does not carry the problem-code tables with it.
import type {ProblemInfo} from './problems.js';

/** Failures of the call itself (not upstream problem codes). */
export type TransportErrorCode =
  /** No proxy-url configured on any element of the store. */
  | 'config'
  /** The request could not be sent or the connection dropped. */
  | 'network'
  /** No answer within the time limit. */
  | 'timeout'
  /** Cancelled by the caller (a superseded request); never shown to users. */
  | 'aborted'
  /** 429, after the retries allowed. */
  | 'rate-limited'
  /** 5xx, after the retries allowed. */
  | 'http-5xx'
  /** 404 from the proxy or upstream (e.g. an unknown order). */
  | 'not-found'
  /** Another 4xx without a problem code. */
  | 'http-4xx'
  /** A 2xx whose body is not JSON or not the expected shape. */
  | 'bad-response'
  /** The widget refused to send it (e.g. an order id that is not a UUID). */
  | 'invalid-request'
  /** A validation (or order) answered with problems: see `problems`. */
  | 'problems'
  /**
   * An order create sent again with its idempotency key, whose first send may or may not have created an order
   * (the proxy's 409 IDEMPOTENCY_OUTCOME_UNKNOWN): it was not sent upstream again.
   */
  | 'outcome-unknown';

export type ApiErrorCode = TransportErrorCode | ProblemInfo['code'];

export interface ApiErrorInit {
  status?: number;
  problems?: ProblemInfo[];
  retryAfterMs?: number;
  cause?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  /** HTTP status when there was a response. */
  readonly status: number | undefined;
  /** Upstream problems (several may come at once); the first one's code is `code` for HTTP-level problems. */
  readonly problems: ProblemInfo[];
  /** From `Retry-After`, when the server sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(code: ApiErrorCode, message: string = code, init: ApiErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : {cause: init.cause});
    this.code = code;
    this.status = init.status;
    this.problems = init.problems ?? [];
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Worth a "try again" button (transient), as opposed to something the user must change. */
  get transient(): boolean {
    return ['network', 'timeout', 'rate-limited', 'http-5xx', 'bad-response'].includes(this.code);
  }
}

/** No element of the store has a proxy-url: the developer's words, for the console hint; the buyer's are `common.errors.config`. */
export const noProxyUrl = () => new ApiError('config', 'no proxy-url: set the proxy-url attribute on an element of this store');

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Any thrown value as an ApiError (an AbortError becomes `aborted`, anything unknown `network`). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return new ApiError('aborted', 'aborted', {cause: error});
  if (error instanceof DOMException && error.name === 'TimeoutError') return new ApiError('timeout', 'timeout', {cause: error});
  return new ApiError('network', 'network', {cause: error});
}
