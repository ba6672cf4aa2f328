// The proxy as a standard fetch handler `(request) => Promise<Response>`: checks the request (target, origin,
// method, query, body, rate), forwards it to upstream with the partner's headers, and relays the answer (JSON
// bodies whole, event streams frame by frame). Only fetch-standard APIs are used (Request, Response, Headers,
// ReadableStream, TextEncoder, AbortController, setTimeout, Web Crypto), so it runs on Node, Deno, Bun and edge
// runtimes alike. POST /v5/orders with an `Idempotency-Key` goes through idempotency.ts (no second order on a resend).
import {resolveConfig, type ProxyConfig, type ResolvedConfig} from './config.js';
import {corsFor, preflight} from './cors.js';
import {redactBytes, redactStream, secretForms} from './redact.js';
import {createStreamSlots, releasedWhenDone, type StreamSlots} from './stream-slots.js';
import {errorResponse, refusalResponse, refuse, type Refusal} from './errors.js';
import {relayedHeaders, upstreamHeaders} from './forward-headers.js';
import {
  bodyHash,
  createIdempotencyStore,
  parseIdempotencyKey,
  responseFrom,
  storedFrom,
  type IdempotencyStore,
  type StoredAnswer,
} from './idempotency.js';
import {readJsonBody} from './json-body.js';
import {readLimited} from './read-limited.js';
import {createRateLimiter, type RateLimiter} from './rate-limit.js';
import {endpoints} from '../upstream/endpoints.js';
import {clientKeyOf} from './client-key.js';
import {methodsFor, parseTarget, route, type Route} from './request-guard.js';
import {withKeepAlive} from './sse.js';

export interface ProxyRequestInfo {
  /** The client's socket address (a bare Request has none; without it no `X-Forwarded-For` is sent). */
  clientAddress?: string;
  /**
   * The request target exactly as received (`/v2/brands?country_code=US`). A Request's URL is already normalised
   * (dot segments and `%2e%2e` resolved), so a server that has the raw target should pass it: the proxy then
   * refuses traversal attempts instead of forwarding what they normalise to.
   */
  rawTarget?: string;
}

export type ProxyHandler = (request: Request, info?: ProxyRequestInfo) => Promise<Response>;

export {consoleLog, throttledLog, type ProxyLog} from './log.js';
// The CR_* variables read as `npm run proxy` reads them, for hosts that pass their own env (Next.js, workers).
export {configFromEnv, type ProxyConfig} from './config.js';

export function createProxyHandler(config: ProxyConfig): ProxyHandler {
  const c = resolveConfig(config);
  const limiters: Partial<Record<Route['endpoint']['name'], RateLimiter>> = {};
  if (c.orderRateLimit) limiters.createOrder = createRateLimiter(c.orderRateLimit);
  if (c.validationRateLimit) limiters.validateOrder = createRateLimiter(c.validationRateLimit);
  if (c.readRateLimit) {
    // One bucket for all reads: a client draining the quota through one endpoint or several is the same client.
    // Opening an event stream is one too: the stream cap bounds how many are open at once, not how fast they are
    // opened, and a stream for an unknown order ends at once (the widget reopens one at most every second or so).
    const reads = createRateLimiter(c.readRateLimit);
    for (const e of endpoints) if (e.method === 'GET') limiters[e.name] = reads;
  }
  const idempotency = c.idempotency ? createIdempotencyStore(c.idempotency) : undefined;
  const streams = c.maxStreamsPerClient ? createStreamSlots(c.maxStreamsPerClient) : undefined;

  return async (request, info = {}) => {
    try {
      return await handle(c, limiters, idempotency, streams, request, info);
    } catch (error) {
      // A bug must not leak a stack trace, upstream text or configuration to the browser: the operator's log has it.
      c.log(`internal error on ${request.method} ${new URL(request.url).pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return errorResponse(500, 'INTERNAL', 'The proxy failed to handle the request.');
    }
  };
}

async function handle(
  c: ResolvedConfig,
  limiters: Partial<Record<string, RateLimiter>>,
  idempotency: IdempotencyStore | undefined,
  streams: StreamSlots | undefined,
  request: Request,
  info: ProxyRequestInfo,
): Promise<Response> {
  const origin = request.headers.get('origin');
  const cors = corsFor(origin, c.allowedOrigins, request.headers.get('sec-fetch-site'));
  // Refusals carry CORS headers for allowed origins, so the widget can read why it was refused. Every answer says
  // whether keys are supported: the widget learns it from its first GET, before it ever needs to resend a create.
  // Refused origins get Vary too: an answer decided before the origin check (a bad target) still differs by origin.
  const corsHeaders: Record<string, string> = cors.ok ? {...cors.headers} : {Vary: 'Origin'};
  if (idempotency) corsHeaders['Idempotency-Key-Supported'] = '1';
  const refused = (r: Refusal) => refusalResponse(r, corsHeaders);

  const url = new URL(request.url);
  const target = parseTarget(info.rawTarget ?? url.pathname + url.search, c.basePath, c.maxUrlLength);
  if (!target.ok) return refused(target.refusal);

  if (request.method === 'OPTIONS') {
    const methods = methodsFor(target.value.pathname);
    if (methods.length === 0) return refused(refuse(404, 'NOT_FOUND', 'No such endpoint.'));
    const answer = preflight(request, methods, c.allowedOrigins);
    return answer instanceof Response ? answer : refusalResponse(answer);
  }
  if (!cors.ok) {
    // The browser cannot read this refusal (no CORS headers): the widget only sees a network error.
    if (origin) c.log(`refused a request from origin ${origin}: not in CR_ALLOWED_ORIGINS (${c.allowedOrigins.join(', ') || 'empty'})`);
    return refusalResponse(cors.refusal);
  }

  const routed = route(request.method, target.value);
  if (!routed.ok) return refused(routed.refusal);
  const r = routed.value;

  const key = idempotency && r.endpoint.name === 'createOrder' ? parseIdempotencyKey(request.headers.get('idempotency-key')) : undefined;
  if (key === 'invalid') {
    return refused(refuse(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 16 to 128 letters, digits, "-" or "_" (a UUID fits).'));
  }
  const clientAddress = clientAddressOf(request, info, c.trustForwardedFor);
  // Rate limits and stream slots count an IPv6 client by its /64 (one host may use any address of it).
  const limitKey = clientKeyOf(clientAddress);
  const limiter = limiters[r.endpoint.name];
  const rateLimited = (): Response | undefined => {
    const wait = limiter?.take(limitKey) ?? 0;
    if (wait <= 0) return undefined;
    return refused(refuse(429, 'RATE_LIMITED', 'Too many requests from this client; try again later.', {'Retry-After': String(wait)}));
  };
  // A keyed create takes its token only when it will really reach upstream: a resend answered from memory is free.
  if (!key) {
    const limited = rateLimited();
    if (limited) return limited;
  }

  let body: string | undefined;
  let country = r.country;
  if (r.endpoint.method === 'POST') {
    const parsed = await readJsonBody(request, c.maxBodyBytes);
    if (!('text' in parsed)) return refused(parsed);
    body = parsed.text;
    country ??= parsed.country;
  }

  const headers = upstreamHeaders({request, route: r, partnerId: c.partnerId, appVersion: c.appVersion, clientAddress, country});
  if (r.endpoint.name === 'subscribe' && streams) {
    const release = streams.take(limitKey);
    // The widget's EventSource then retries with its backoff and reads the order by polling meanwhile.
    if (!release) return refused(refuse(429, 'TOO_MANY_STREAMS', 'Too many open event streams from this client.', {'Retry-After': '30'}));
    let answer: Response;
    try {
      answer = await forward(c, request, r, headers, body, corsHeaders);
    } catch (error) {
      release();
      throw error;
    }
    const live = answer.body && /^text\/event-stream/i.test(answer.headers.get('content-type') ?? '');
    if (!live) release();
    return live ? new Response(releasedWhenDone(answer.body!, release), {status: answer.status, headers: answer.headers}) : answer;
  }
  if (!key || !idempotency || body === undefined) return forward(c, request, r, headers, body, corsHeaders);

  // ---- POST /v5/orders with an Idempotency-Key (never forwarded: upstreamHeaders is an allow-list) ----
  const scope = clientAddress ?? 'unknown';
  const hash = await bodyHash(body);
  const echo = {...corsHeaders, 'Idempotency-Key': key};
  const found = idempotency.lookup(scope, key, hash);
  switch (found.kind) {
    case 'reused':
      return refused(refuse(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with another body.', {'Idempotency-Key': key}));
    case 'unknown':
      return refused(
        refuse(409, 'IDEMPOTENCY_OUTCOME_UNKNOWN', 'The first request with this Idempotency-Key may have created an order; it is not sent again.', {
          'Idempotency-Key': key,
        }),
      );
    case 'replay':
      return responseFrom(found.answer, {...echo, 'Idempotency-Replayed': 'true'});
    case 'wait':
      return responseFrom(await found.answer, {...echo, 'Idempotency-Replayed': 'true'});
    case 'miss':
      // The widget marks a create it sends again. A key this process does not know may still have made an order
      // (it expired, another proxy process or client address had it, the proxy restarted): never forward that.
      if (request.headers.get('idempotency-resend') === '1') {
        return refused(
          refuse(409, 'IDEMPOTENCY_OUTCOME_UNKNOWN', 'This resend\'s Idempotency-Key is not known here; its first request may have created an order.', {
            'Idempotency-Key': key,
          }),
        );
      }
      break;
    case 'refused':
      // Its first request was refused, so no order exists: sent upstream again, also as a marked resend (the answer
      // of that refusal may be what the widget lost).
      break;
  }
  const limited = rateLimited();
  if (limited) {
    // Refused here, so no order exists: if this answer is lost too, the widget's marked resend may go through.
    idempotency.refuse(scope, key, hash);
    return limited;
  }
  const settle = idempotency.start(scope, key, hash);
  let answer: StoredAnswer | undefined;
  try {
    // Not tied to this client: if the page reloads mid-create, upstream still answers and the resend gets the order.
    answer = await storedFrom(await forward(c, request, r, headers, body, {}, false));
  } finally {
    // A bug above still settles the key (as "outcome unknown"), so nobody waits on it forever.
    settle(answer ?? (await storedFrom(errorResponse(500, 'INTERNAL', 'The proxy failed to handle the request.'))));
  }
  return responseFrom(answer, echo);
}

async function forward(
  c: ResolvedConfig,
  request: Request,
  r: Route,
  headers: Headers,
  body: string | undefined,
  corsHeaders: Record<string, string>,
  followClient = true,
): Promise<Response> {
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, c.upstreamTimeoutMs);
  // The browser leaving (the server bridge aborts request.signal) closes the upstream connection too.
  // A keyed create (followClient false) keeps going: its answer is kept for the resend.
  const onClientGone = () => abort.abort();
  if (followClient) {
    if (request.signal.aborted) onClientGone();
    request.signal.addEventListener('abort', onClientGone, {once: true});
  }
  const done = () => {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', onClientGone);
  };

  const init: RequestInit = {method: r.endpoint.method, headers, signal: abort.signal, redirect: 'manual'};
  if (body !== undefined) init.body = body;
  let upstream: Response;
  try {
    upstream = await fetch(`${c.apiUrl}${r.pathname}${r.search}`, init);
  } catch (error) {
    done();
    if (request.signal.aborted && followClient) return errorResponse(502, 'UPSTREAM_UNREACHABLE', 'Upstream could not be reached.', corsHeaders);
    c.log(timedOut ? `upstream ${c.apiUrl} did not answer within ${c.upstreamTimeoutMs} ms` : `upstream ${c.apiUrl} could not be reached: ${error instanceof Error ? error.message : String(error)}`);
    return timedOut
      ? errorResponse(504, 'UPSTREAM_TIMEOUT', `Upstream did not answer within ${c.upstreamTimeoutMs} ms.`, corsHeaders)
      : errorResponse(502, 'UPSTREAM_UNREACHABLE', 'Upstream could not be reached.', corsHeaders);
  }
  if (upstream.status === 401 || upstream.status === 403) {
    c.log(`upstream answered ${upstream.status} to ${r.endpoint.method} ${r.pathname}: a wrong or unknown CR_PARTNER_ID (sent as X-Cr-Application) is one cause`);
  }

  const type = upstream.headers.get('content-type') ?? '';
  if (r.endpoint.name === 'subscribe' && upstream.ok && upstream.body && /^text\/event-stream\b/i.test(type)) {
    // For a stream the timeout covers only the wait for its headers; then it lives as long as both ends do.
    clearTimeout(timer);
    const out = relayedHeaders(upstream.headers, c.partnerId);
    for (const [k, v] of Object.entries(corsHeaders)) out.set(k, v);
    out.set('Content-Type', 'text/event-stream; charset=utf-8');
    out.set('Cache-Control', 'no-cache, no-transform');
    out.set('X-Accel-Buffering', 'no');
    const scrubbed = redactStream(upstream.body, secretForms(c.partnerId));
    return new Response(withKeepAlive(scrubbed, c.keepAliveMs), {status: upstream.status, headers: out});
  }

  try {
    if (upstream.status >= 300 && upstream.status < 400) {
      await upstream.body?.cancel().catch(() => undefined);
      // Following a redirect would resend the partner's headers to wherever it points.
      return errorResponse(502, 'UPSTREAM_BAD_RESPONSE', 'Upstream answered with a redirect.', corsHeaders);
    }
    const bytes = await readLimited(upstream.body, c.maxUpstreamBodyBytes);
    if (bytes === 'too-large') return errorResponse(502, 'UPSTREAM_BAD_RESPONSE', 'Upstream answer is too large.', corsHeaders);
    const status = upstream.status;
    if (status >= 400 && bytes.byteLength > 0 && !JSON_ANSWER_TYPE.test(type)) {
      // An error page (upstream's framework, a load balancer, a WAF) may hold a stack trace, internal names or a
      // reflected parameter, as HTML the browser would render on the proxy's origin: never echoed. The widget reads
      // only JSON error bodies (problems, SUSPENDED_*, LOGIN_REQUIRED), and those pass.
      c.log(`upstream answered ${status} to ${r.endpoint.method} ${r.pathname} with a ${type.split(';')[0] || 'untyped'} body; the browser got the proxy's own error instead`);
      const retryAfter = upstream.headers.get('retry-after');
      const extra = retryAfter && !retryAfter.includes(c.partnerId) ? {...corsHeaders, 'Retry-After': retryAfter} : corsHeaders;
      return errorResponse(status, 'UPSTREAM_ERROR', `Upstream answered ${status}.`, extra);
    }
    const out = relayedHeaders(upstream.headers, c.partnerId);
    for (const [k, v] of Object.entries(corsHeaders)) out.set(k, v);
    out.set('X-Content-Type-Options', 'nosniff');
    if (status === 204 || status === 205 || status === 304) return new Response(null, {status, headers: out});
    const relayed = redactBytes(bytes, secretForms(c.partnerId));
    // The whole body is known: a length lets clients and intermediaries skip chunked encoding.
    out.set('Content-Length', String(relayed.byteLength));
    return new Response(relayed, {status, headers: out});
  } catch {
    return timedOut
      ? errorResponse(504, 'UPSTREAM_TIMEOUT', `Upstream did not answer within ${c.upstreamTimeoutMs} ms.`, corsHeaders)
      : errorResponse(502, 'UPSTREAM_UNREACHABLE', 'Upstream closed the connection before answering in full.', corsHeaders);
  } finally {
    done();
  }
}

/**
 * JSON answers (`application/json`, `application/problem+json`, …, any parameters): the only error bodies relayed as
 * they came. Looser than json-body.ts's JSON_TYPE, which is what a request body must say.
 */
const JSON_ANSWER_TYPE = /^\s*application\/([\w.-]+\+)?json\s*(;|$)/i;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** IPv6 (two colons at least: `::1`), maybe with an IPv4 tail. */
const IPV6_LIKE = /^(?=.*:.*:)[0-9A-Fa-f:.]{2,45}$/;

/** The end user's address: the socket's, or (behind a trusted reverse proxy) the right-most X-Forwarded-For entry. */
function clientAddressOf(request: Request, info: ProxyRequestInfo, trustForwardedFor: boolean): string | undefined {
  let address = info.clientAddress;
  if (trustForwardedFor) {
    const chain = request.headers.get('x-forwarded-for');
    const last = chain?.split(',').pop()?.trim();
    if (last) address = last;
  }
  if (!address) return undefined;
  // Some load balancers append the client's port (`203.0.113.9:50123`, `[2001:db8::1]:443`), which is no part of
  // who it is: kept, every connection would be a new client to the limits. Node reports IPv4 clients of a
  // dual-stack socket as `::ffff:1.2.3.4`; upstream wants the plain address.
  const plain = address
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1')
    .replace(/^\[([0-9A-Fa-f:.]+)\](:\d+)?$/, '$1')
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return IPV4.test(plain) || IPV6_LIKE.test(plain) ? plain : undefined;
}
