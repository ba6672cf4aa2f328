// The ApiError of an HTTP answer that is not a 2xx. Beside the API client (http.ts) rather than in errors.ts: the
// script-tag entry needs the ApiError class, not the problem-code tables this reads.
import {ApiError} from './errors.js';
import {isProblemCode, problemInfo} from './problems.js';

/**
 * The ApiError for a non-2xx answer: `{status: "SUSPENDED_COIN", detail, moreDetails?}`, `{detail: "LOGIN_REQUIRED"}`,
 * a problems array, `{message}` or nothing.
 */
export function errorFromResponse(status: number, body: unknown, retryAfterMs?: number): ApiError {
  const record = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const init = {status, ...(retryAfterMs === undefined ? {} : {retryAfterMs})};
  if (status === 429) return new ApiError('rate-limited', 'rate limited', init);
  if (status >= 500) return new ApiError('http-5xx', `upstream answered ${status}`, init);
  // Request Timeout: the request may have been acted on (the proxy keeps an idempotency key for it, too).
  if (status === 408) return new ApiError('timeout', 'upstream answered 408', init);
  // A 4xx Validation-shaped body: its problems.
  if (Array.isArray(record['problems']) && record['problems'].length) {
    const problems = (record['problems'] as unknown[])
      .map((p) => (p && typeof p === 'object' ? (p as Record<string, unknown>) : {}))
      .filter((p) => isProblemCode(p['problem']))
      .map((p) => problemInfo(p['problem'] as string, p['moreDetails']));
    if (problems.length) return new ApiError('problems', 'problems', {...init, problems});
  }
  // HTTP-level problem codes live in `status` (SUSPENDED_*) or `detail` (LOGIN_REQUIRED).
  const code = [record['status'], record['detail']].find(isProblemCode);
  if (code) {
    const problem = problemInfo(code, record['moreDetails']);
    return new ApiError(problem.code, code, {...init, problems: [problem]});
  }
  // The reference proxy's own refusals are {error: {code, message}}.
  const proxyError = record['error'] && typeof record['error'] === 'object' ? (record['error'] as Record<string, unknown>) : {};
  // The proxy has no such endpoint: proxy-url is wrong (a base path missing, a deploy under way), which says nothing
  // of the order. Not "not found", which makes an order's saved copy go.
  if (status === 404 && proxyError['code'] === 'NOT_FOUND') return new ApiError('http-4xx', 'the proxy has no such endpoint: check proxy-url and CR_BASE_PATH', init);
  if (status === 404) return new ApiError('not-found', 'not found', init);
  if (status === 409 && proxyError['code'] === 'IDEMPOTENCY_OUTCOME_UNKNOWN') return new ApiError('outcome-unknown', 'outcome unknown', init);
  return new ApiError('http-4xx', `upstream answered ${status}`, init);
}
