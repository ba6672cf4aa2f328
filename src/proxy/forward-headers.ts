// Which headers cross the proxy, in each direction. Both directions are allow-lists: a header nobody listed here
// (cookies, Authorization, Proxy-Authorization, tracing, whatever a browser or upstream adds tomorrow) never passes.
import type {Route} from './request-guard.js';

export interface UpstreamHeaderInput {
  request: Request;
  route: Route;
  partnerId: string;
  appVersion: string;
  clientAddress: string | undefined;
  /** Upper-case ISO code from the path, the query or the order body. */
  country: string | undefined;
}

const MAX_FORWARDED_VALUE = 512;
// Header values a browser can send are already free of CR/LF; this also drops other control characters.
const PLAIN_VALUE = /^[\x20-\x7e]*$/;

function passable(value: string | null, max = MAX_FORWARDED_VALUE): string | undefined {
  if (value === null || value === '' || value.length > max || !PLAIN_VALUE.test(value)) return undefined;
  return value;
}

/** The headers sent upstream: ours (partner id, version), the end user's (address, agent, country), and content ones. */
export function upstreamHeaders(input: UpstreamHeaderInput): Headers {
  const {request, route} = input;
  const isStream = route.endpoint.name === 'subscribe';
  const headers = new Headers();
  headers.set('X-Cr-Application', input.partnerId);
  headers.set('X-Cr-Version', input.appVersion);
  if (input.clientAddress) headers.set('X-Forwarded-For', input.clientAddress);
  const agent = passable(request.headers.get('user-agent'));
  if (agent) headers.set('User-Agent', agent);
  if (input.country) headers.set('X-Country-ISO-Code', input.country);
  headers.set('Accept', passable(request.headers.get('accept'), 256) ?? (isStream ? 'text/event-stream' : 'application/json'));
  if (route.endpoint.method === 'POST') headers.set('Content-Type', 'application/json');
  if (isStream) {
    const lastEventId = passable(request.headers.get('last-event-id'), 128);
    if (lastEventId) headers.set('Last-Event-ID', lastEventId);
    headers.set('Cache-Control', 'no-cache');
  }
  // Ask for an uncompressed answer: a gzip stream would be buffered by the decoder, delaying SSE frames.
  headers.set('Accept-Encoding', 'identity');
  return headers;
}

/** Upstream response headers the browser may see. Set-Cookie, server banners and anything unknown are dropped. */
export const RELAYED_RESPONSE_HEADERS = [
  'content-type',
  'cache-control',
  'retry-after',
  'etag',
  'last-modified',
  'expires',
  'content-language',
] as const;

/**
 * Copies the allowed upstream headers, dropping any whose value contains the partner id (an upstream that echoed
 * `X-Cr-Application` back must not leak it to the browser).
 */
export function relayedHeaders(upstream: Headers, partnerId: string): Headers {
  const out = new Headers();
  for (const name of RELAYED_RESPONSE_HEADERS) {
    const value = upstream.get(name);
    if (value !== null && !value.includes(partnerId)) out.set(name, value);
  }
  return out;
}
