// The proxy's own error answers: always JSON `{error: {code, message}}`, never cached, never carrying the partner
// id (messages are fixed strings written here, never built from upstream text or configuration).

export type ProxyErrorCode =
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'BAD_REQUEST_TARGET'
  | 'URI_TOO_LONG'
  | 'QUERY_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INVALID_JSON'
  | 'ORIGIN_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'TOO_MANY_STREAMS'
  | 'INVALID_IDEMPOTENCY_KEY'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_OUTCOME_UNKNOWN'
  | 'UPSTREAM_UNREACHABLE'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_BAD_RESPONSE'
  | 'UPSTREAM_ERROR'
  | 'INTERNAL';

export interface ProxyErrorBody {
  error: {code: ProxyErrorCode; message: string};
}

export function errorResponse(
  status: number,
  code: ProxyErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body: ProxyErrorBody = {error: {code, message}};
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  });
}

/** A refusal decided before anything reaches upstream: carried as a value, turned into a Response at the edge. */
export interface Refusal {
  status: number;
  code: ProxyErrorCode;
  message: string;
  headers?: Record<string, string>;
}

export const refuse = (status: number, code: ProxyErrorCode, message: string, headers?: Record<string, string>): Refusal =>
  headers ? {status, code, message, headers} : {status, code, message};

export const refusalResponse = (r: Refusal, extraHeaders: Record<string, string> = {}): Response =>
  errorResponse(r.status, r.code, r.message, {...r.headers, ...extraHeaders});
