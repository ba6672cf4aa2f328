// A seeded fuzzer of requests to the proxy (paths, methods, headers, bodies) and an oracle, written from the
// README's "what is forwarded / what is refused" tables and the endpoint table of src/upstream/endpoints.ts (the
// shared data, not the proxy's code), that says for each request whether it may reach upstream. Every request
// carries its number in User-Agent (the one header the proxy passes on verbatim), so the sandbox's request log
// can be matched to the fuzzer's record one to one.
import {COUNTRY_CODE, matchEndpoint, type EndpointName} from '../../src/upstream/endpoints.js';
import {LANGS} from '../../src/upstream/languages.js';
import {seededRandom} from '../../src/sandbox/ids.js';
import type {RawRequest} from './e2e-raw-http.js';

/** Query parameters each endpoint takes (README, "Query parameters allowed per endpoint"). */
export const ALLOWED_QUERY: Record<EndpointName, readonly string[]> = {
  paymentVias: [],
  brands: ['country_code', 'lang'],
  homepage: ['country_code', 'lang'],
  products: ['family_name', 'brand_name', 'coin', 'lang'],
  price: ['brand_name', 'country_code', 'face_value', 'coin', 'lang'],
  validateOrder: [],
  createOrder: [],
  order: [],
  subscribe: [],
  qr: [],
};

export const MAX_TARGET = 2048;
export const MAX_QUERY_VALUE = 256;
export const MAX_BODY = 16384;

export interface FuzzCase extends RawRequest {
  id: number;
  /** The endpoint the oracle expects upstream to receive it as, or null when the proxy must refuse it. */
  expected: EndpointName | null;
  /** Why the oracle refuses it (for failure messages). */
  reason: string;
}

const UUID = '3f2b6c1e-9a4d-4e8f-b1c2-7d9e0a1b2c3d';

const VALID_PATHS = [
  '/v3/payment_vias', '/v2/brands', '/v2/homepage', '/v5/products/country/US', '/v5/products/country/de',
  '/v4/products/price', '/v5/orders/validations', '/v5/orders', `/v5/orders/${UUID}`, `/v5/orders/${UUID}/subscribe`,
  `/v3/qrs/${UUID}`, `/v5/orders/${UUID.toUpperCase()}`,
];

const HOSTILE_PATHS = [
  '/__sandbox/reset', '/__sandbox/stats', `/__sandbox/orders/${UUID}/pay`, '/__sandbox/faults', '/__sandbox/',
  '/logos/steam.webp', `/assets/${UUID}/${UUID}/barcode.svg`, '/', '/v1/brands', '/v2/brands/', '/V2/brands',
  '/v5/orders/not-a-uuid', '/v5/products/country/USA', '/v5/products/country/1', '/admin', '/.env',
  `/v5/orders/${UUID}/subscribe/extra`, '/v5/orders/validations/', '/v3/payment_vias.json', '/v2', '/v5/orders/',
  '/robots.txt', '/v2/brands;jsessionid=1', '/v2/Brands',
];

const PATH_MUTATIONS: ((path: string, r: () => number) => string)[] = [
  (p) => p.replace(/\/([^/]*)$/, '/../$1'),
  (p) => `/v2/..${p}`,
  (p) => p.replace('/', '/./'),
  (p) => p.replace(/\/v(\d)/, '/%2e%2e/v$1'),
  (p) => p.replace(/\/([^/]*)$/, '%2f$1'),
  (p) => p.replace(/\/([^/]*)$/, '%5c$1'),
  (p) => `${p}%00`,
  (p) => p.replace(/\/([^/]*)$/, '\\$1'),
  (p) => p.replace('/', '//'),
  (p) => `${p}#frag`,
  (p) => `http://evil.example${p}`,
  (p) => `//evil.example${p}`,
  (p) => `${p}/`,
  (p) => `${p}\x01`,
  (p) => `${p}\xe9`,
  (p) => p.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`),
  (p) => `${p}/${'a'.repeat(2100)}`,
  (p, r) => p.replace(/\d/, String(Math.floor(r() * 10))),
];

const QUERY_NAMES = ['country_code', 'lang', 'family_name', 'brand_name', 'coin', 'face_value', 'evil', 'callback', '_', 'api_key', 'COUNTRY_CODE', 'partner', 'country_code[]'];
const QUERY_VALUES = ['US', 'us', 'USA', 'de', '1', 'Steam', 'Amazon.com', '%zz', '%00', 'x%0Ay', '50', 'USDC', '', 'en', 'a+b', '%E2%82%AC', 'a'.repeat(300), '%41%42'];

const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'FOO', 'get'];

const ORDER_BODY = {
  user: {email: 'fuzz@example.com'},
  payment: {type: 'via', payment_via: 'USER_WALLET', coin: 'USDC', network: 'Solana'},
  deliveries: [{brand_name: 'Steam', country_code: 'US', denomination: '10 USD', beneficiary_account: 'fuzz@example.com'}],
  lang: 'en',
};

const BODIES: (() => Buffer)[] = [
  () => Buffer.from(JSON.stringify(ORDER_BODY)),
  () => Buffer.from('{}'),
  () => Buffer.from('[]'),
  () => Buffer.from('null'),
  () => Buffer.from('"text"'),
  () => Buffer.from('not json'),
  () => Buffer.from('{"a":'),
  () => Buffer.from(JSON.stringify({...ORDER_BODY, padding: 'x'.repeat(MAX_BODY)})),
  () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), // {"a":"\xff\xfe"}: not UTF-8
  () => Buffer.from('{"__proto__":{"polluted":1},"deliveries":[]}'),
  () => Buffer.from(JSON.stringify({...ORDER_BODY, deliveries: [{...ORDER_BODY.deliveries[0], country_code: 'DE\r\nX-Evil: 1'}]})),
];

const CONTENT_TYPES = ['application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

/** Generates `count` requests from `seed`; `allowedOrigin` is the one origin the proxy was started with. */
export function generateCases(seed: number, count: number, allowedOrigin: string): FuzzCase[] {
  const r = seededRandom(seed);
  const cases: FuzzCase[] = [];
  for (let id = 0; id < count; id++) {
    // A third are plausible widget calls (with a few hostile headers): the fuzz must reach upstream often enough to
    // prove what does get through is right, not only that junk is refused.
    if (r() < 0.35) {
      cases.push(benignCase(id, r, allowedOrigin));
      continue;
    }
    const method = pick(r, METHODS);
    let path = r() < 0.65 ? pick(r, VALID_PATHS) : pick(r, HOSTILE_PATHS);
    if (r() < 0.3) path = pick(r, PATH_MUTATIONS)(path, r);
    const params: string[] = [];
    const howMany = r() < 0.5 ? 0 : Math.floor(r() * 4);
    for (let i = 0; i < howMany; i++) params.push(`${pick(r, QUERY_NAMES)}=${pick(r, QUERY_VALUES)}`);
    if (r() < 0.05) params.push('');
    const target = params.length ? `${path}?${params.join('&')}` : path;
    const headers = [`User-Agent: cr-fuzz/${id}`];
    const origin = r();
    if (origin < 0.4) headers.push(`Origin: ${allowedOrigin}`);
    else if (origin < 0.55) headers.push('Origin: https://evil.example');
    else if (origin < 0.6) headers.push('Origin: null');
    if (r() < 0.2) headers.push('X-Cr-Application: attacker-partner');
    if (r() < 0.15) headers.push('Cookie: session=stolen');
    if (r() < 0.15) headers.push('Authorization: Bearer stolen');
    if (r() < 0.15) headers.push('X-Forwarded-For: 6.6.6.6');
    if (r() < 0.1) headers.push('X-Cr-Version: evil/1');
    if (r() < 0.1) headers.push('Last-Event-ID: 3');
    if (r() < 0.05) headers.push('Host: evil.example');
    if (method === 'OPTIONS' && r() < 0.7) headers.push(`Access-Control-Request-Method: ${pick(r, ['GET', 'POST', 'DELETE'])}`);
    const oversizedHeaders = r() < 0.01;
    if (oversizedHeaders) headers.push(`X-Big: ${'b'.repeat(17 * 1024)}`);
    const c: FuzzCase = {id, method, target, headers, expected: null, reason: ''};
    if (method === 'POST' || ((method === 'PUT' || method === 'PATCH') && r() < 0.5)) {
      const type = pick(r, CONTENT_TYPES);
      if (type) headers.push(`Content-Type: ${type}`);
      c.body = pick(r, BODIES)();
      if (r() < 0.2) c.chunked = true;
    }
    const verdict = oracle(c, allowedOrigin, oversizedHeaders);
    c.expected = verdict.endpoint;
    c.reason = verdict.reason;
    cases.push(c);
  }
  return cases;
}

const BENIGN: {method: 'GET' | 'POST'; path: string; query: string[]}[] = [
  {method: 'GET', path: '/v3/payment_vias', query: []},
  {method: 'GET', path: '/v2/brands', query: ['country_code=US', 'country_code=de&lang=de', 'lang=fr']},
  {method: 'GET', path: '/v2/homepage', query: ['country_code=GB']},
  {method: 'GET', path: '/v5/products/country/US', query: ['family_name=Steam&coin=USDC', 'brand_name=Steam&lang=en', 'family_name=Amazon.com']},
  {method: 'GET', path: '/v4/products/price', query: ['brand_name=Amazon.com&country_code=US&face_value=50&coin=USDC']},
  {method: 'POST', path: '/v5/orders/validations', query: []},
  {method: 'POST', path: '/v5/orders', query: []},
  {method: 'GET', path: `/v5/orders/${UUID}`, query: []},
  {method: 'GET', path: `/v5/orders/${UUID}/subscribe`, query: []},
  {method: 'GET', path: `/v3/qrs/${UUID}`, query: []},
];

function benignCase(id: number, r: () => number, allowedOrigin: string): FuzzCase {
  const call = pick(r, BENIGN);
  const query = call.query.length && r() < 0.8 ? pick(r, call.query) : '';
  const headers = [`User-Agent: cr-fuzz/${id}`];
  if (r() < 0.7) headers.push(`Origin: ${allowedOrigin}`);
  if (r() < 0.2) headers.push('X-Cr-Application: attacker-partner');
  if (r() < 0.2) headers.push('Cookie: session=stolen');
  if (r() < 0.1) headers.push('X-Forwarded-For: 6.6.6.6');
  const c: FuzzCase = {id, method: call.method, target: query ? `${call.path}?${query}` : call.path, headers, expected: null, reason: ''};
  if (call.method === 'POST') {
    headers.push(`Content-Type: ${r() < 0.5 ? 'application/json' : 'application/json; charset=utf-8'}`);
    c.body = Buffer.from(JSON.stringify(r() < 0.8 ? ORDER_BODY : {}));
    if (r() < 0.2) c.chunked = true;
  }
  const verdict = oracle(c, allowedOrigin);
  c.expected = verdict.endpoint;
  c.reason = verdict.reason;
  return c;
}

function header(c: RawRequest, name: string): string | undefined {
  const line = (c.headers ?? []).find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(line.indexOf(':') + 1).trim();
}

function decodeStrict(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Whether the proxy may forward `c`, and as which endpoint (README tables + the endpoint table). */
export function oracle(c: RawRequest, allowedOrigin: string, oversizedHeaders = false): {endpoint: EndpointName | null; reason: string} {
  const no = (reason: string) => ({endpoint: null, reason});
  if (oversizedHeaders) return no('headers over 16 KiB');
  if (c.method !== 'GET' && c.method !== 'POST') return no(`method ${c.method}`);
  const target = c.target;
  if (target.length > MAX_TARGET) return no('target too long');
  if (!/^[\x21-\x7e]*$/.test(target)) return no('control or non-ASCII characters');
  if (!target.startsWith('/') || target.startsWith('//')) return no('not origin-form');
  if (target.includes('#')) return no('fragment');
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  if (path.includes('%') || path.includes('\\') || path.includes('//') || path.split('/').some((s) => s === '.' || s === '..')) {
    return no('encoded, backslash, empty or dot segment');
  }
  const match = matchEndpoint(c.method, path);
  if (!match) return no('no such endpoint/method');
  const name = match.endpoint.name;
  const seen = new Set<string>();
  for (const pair of q === -1 ? [] : target.slice(q + 1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeStrict(eq === -1 ? pair : pair.slice(0, eq));
    const value = decodeStrict(eq === -1 ? '' : pair.slice(eq + 1));
    if (key === undefined || value === undefined) return no('malformed percent-encoding');
    if (!ALLOWED_QUERY[name].includes(key)) return no(`query parameter ${key}`);
    if (seen.has(key)) return no(`repeated ${key}`);
    seen.add(key);
    if (/[\x00-\x1f\x7f]/.test(key + value)) return no('control characters in query');
    if (value.length > MAX_QUERY_VALUE) return no('query value too long');
    if (key === 'country_code' && !COUNTRY_CODE.test(value)) return no('country_code not two letters');
    if (key === 'lang' && !(LANGS as readonly string[]).includes(value.toLowerCase())) return no('lang not one of the ten');
    if (key === 'coin' && !/^[A-Za-z0-9._-]{1,20}$/.test(value)) return no('coin not a symbol');
    if (key === 'face_value' && !/^\d{1,12}(\.\d{1,18})?$/.test(value)) return no('face_value not a decimal');
  }
  const origin = header(c, 'origin');
  if (origin !== undefined && origin !== allowedOrigin) return no('origin not allowed');
  if (c.method === 'POST') {
    const type = header(c, 'content-type');
    if (!type || !/^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(type)) return no('content type');
    const body = c.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(c.body) ? c.body : Buffer.from(c.body);
    if (body.length > MAX_BODY) return no('body too large');
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(body));
    } catch {
      return no('invalid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return no('JSON not an object');
  }
  return {endpoint: name, reason: 'forwarded'};
}
