// CORS from an exact allow-list of origins. No wildcard and no credentials: the widget sends no cookies, and the
// partner's credentials live on the server. Requests without an Origin header (server-side callers, same-origin
// GETs) pass, unless the browser says the request is cross-site (`Sec-Fetch-Site`): an <img> or <script> of another
// site, which could not read the answer but would spend the partner's quota from its visitors' addresses.
import {refuse, type Refusal} from './errors.js';

/** Request headers a browser may send cross-origin (JSON POSTs, EventSource reconnects, order idempotency keys). */
export const ALLOWED_REQUEST_HEADERS = ['Content-Type', 'Last-Event-ID', 'Accept', 'Accept-Language', 'Content-Language', 'Idempotency-Key', 'Idempotency-Resend'];
/**
 * Response headers the widget may read besides the CORS-safelisted ones: Retry-After, the idempotency headers (it
 * learns from `Idempotency-Key-Supported` on any answer that it may send keys; see idempotency.ts), and Date (how far
 * the device's clock is off the server's, for the payment countdown).
 */
export const EXPOSED_HEADERS = ['Retry-After', 'Idempotency-Key-Supported', 'Idempotency-Key', 'Idempotency-Replayed', 'Date'];
/** How long a browser may cache a preflight answer, in seconds (Chromium caps it at 7200). */
export const PREFLIGHT_MAX_AGE = 600;

export type CorsResult = {ok: true; headers: Record<string, string>} | {ok: false; refusal: Refusal};

/**
 * Headers for an actual (non-preflight) request, or a 403 when the request comes from an origin not on the list,
 * or from another site without an Origin (`fetchSite`: the request's `Sec-Fetch-Site`).
 */
export function corsFor(origin: string | null, allowedOrigins: readonly string[], fetchSite: string | null = null): CorsResult {
  // Every answer depends on Origin, including the ones for callers without it, so shared caches must key on it.
  if (origin === null && fetchSite !== 'cross-site') return {ok: true, headers: {Vary: 'Origin'}};
  if (origin === null || !allowedOrigins.includes(origin)) {
    return {ok: false, refusal: refuse(403, 'ORIGIN_NOT_ALLOWED', 'This origin may not use the proxy.', {Vary: 'Origin'})};
  }
  return {
    ok: true,
    headers: {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Expose-Headers': EXPOSED_HEADERS.join(', '),
      Vary: 'Origin',
    },
  };
}

/**
 * The answer to `OPTIONS` on a known path. A CORS preflight (Origin + Access-Control-Request-Method) from an allowed
 * origin gets 204 with the path's methods; from another origin 403; asking for a method the path does not answer
 * 405. A plain OPTIONS (no Origin) gets 204 with `Allow`.
 */
export function preflight(request: Request, methods: readonly string[], allowedOrigins: readonly string[]): Response | Refusal {
  const allow = [...methods, 'OPTIONS'].join(', ');
  const origin = request.headers.get('origin');
  const vary = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
  if (origin === null) return new Response(null, {status: 204, headers: {Allow: allow, Vary: vary}});
  if (!allowedOrigins.includes(origin)) return refuse(403, 'ORIGIN_NOT_ALLOWED', 'This origin may not use the proxy.', {Vary: vary});
  const requested = request.headers.get('access-control-request-method');
  if (requested !== null && !methods.includes(requested)) {
    return refuse(405, 'METHOD_NOT_ALLOWED', `This endpoint only answers ${methods.join(', ')}.`, {
      Allow: allow,
      Vary: vary,
      'Access-Control-Allow-Origin': origin,
    });
  }
  return new Response(null, {
    status: 204,
    headers: {
      Allow: allow,
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': methods.join(', '),
      'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS.join(', '),
      'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE),
      Vary: vary,
    },
  });
}
