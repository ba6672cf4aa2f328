// Decides from the request target alone (the raw path and query as the client sent them) whether a request may go
// upstream, and to which endpoint. Everything here is an allow-list: a target that is not exactly one of the
// documented endpoints, written in the plainest way, is refused before any upstream connection is made.
import {COUNTRY_CODE, endpoints, matchEndpoint, type Endpoint, type EndpointName} from '../upstream/endpoints.js';
import {LANGS} from '../upstream/languages.js';
import {refuse, type Refusal} from './errors.js';

/**
 * Query parameters each endpoint may carry (UPSTREAM.md's table, plus `lang` on the catalogue calls since the
 * widget passes its language and upstream ignores what it does not use). Anything else is refused, so the proxy
 * cannot be used to probe upstream with parameters the widget never sends.
 */
export const QUERY_ALLOW_LIST: Record<EndpointName, readonly string[]> = {
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

/**
 * What a parameter's value must look like where the API says what it is (names of brands and families are free
 * text, checked only for length and control characters).
 */
const QUERY_VALUES: Partial<Record<string, {pattern: RegExp; says: string}>> = {
  country_code: {pattern: COUNTRY_CODE, says: 'country_code must be an ISO 3166-1 alpha-2 code.'},
  lang: {pattern: new RegExp(`^(${LANGS.join('|')})$`, 'i'), says: `lang must be one of ${LANGS.join(', ')}.`},
  coin: {pattern: /^[A-Za-z0-9._-]{1,20}$/, says: 'coin must be a coin symbol such as USDC.'},
  face_value: {pattern: /^\d{1,12}(\.\d{1,18})?$/, says: 'face_value must be a decimal amount such as 25 or 25.50.'},
};

/** Longest decoded query value accepted: brand names and amounts are short. */
export const MAX_QUERY_VALUE_LENGTH = 256;

export interface Target {
  /** The upstream pathname (base path removed), e.g. `/v2/brands`. */
  pathname: string;
  /** The query exactly as received, with its `?`, or ``. */
  search: string;
  /** Decoded query parameters (already checked against the endpoint's allow-list). */
  query: Map<string, string>;
}

export interface Route extends Target {
  endpoint: Endpoint;
  params: string[];
  /** Upper-case ISO country named by the path or the query, if any (for `X-Country-ISO-Code`). */
  country?: string;
}

type Result<T> = {ok: true; value: T} | {ok: false; refusal: Refusal};
const fail = (refusal: Refusal): {ok: false; refusal: Refusal} => ({ok: false, refusal});

// Printable ASCII only: no spaces, no CR/LF/NUL or other control characters, no raw non-ASCII bytes.
const PRINTABLE = /^[\x21-\x7e]*$/;
// Every documented path is made of these characters; percent signs (encoded dots, slashes, backslashes) never are.
const PLAIN_PATH = /^(\/[A-Za-z0-9_.~-]+)+\/?$|^\/$/;
const CONTROL = /[\x00-\x1f\x7f]/;

/**
 * Checks the raw request target (origin-form `/path?query`) and strips the base path. Refuses absolute-form
 * (`http://evil/`), authority-like `//host` targets, control characters, encoded traversal and dot segments.
 */
export function parseTarget(rawTarget: string, basePath: string, maxUrlLength: number): Result<Target> {
  if (rawTarget.length > maxUrlLength) return fail(refuse(414, 'URI_TOO_LONG', `The request target is longer than ${maxUrlLength} characters.`));
  if (!PRINTABLE.test(rawTarget)) return fail(refuse(400, 'BAD_REQUEST_TARGET', 'The request target contains control or non-ASCII characters.'));
  if (!rawTarget.startsWith('/') || rawTarget.startsWith('//')) {
    return fail(refuse(400, 'BAD_REQUEST_TARGET', 'Only origin-form request targets (/path?query) are accepted.'));
  }
  if (rawTarget.includes('#')) return fail(refuse(400, 'BAD_REQUEST_TARGET', 'The request target may not carry a fragment.'));
  const q = rawTarget.indexOf('?');
  const path = q === -1 ? rawTarget : rawTarget.slice(0, q);
  const search = q === -1 ? '' : rawTarget.slice(q);
  if (!PLAIN_PATH.test(path) || path.includes('//') || path.split('/').some((s) => s === '.' || s === '..')) {
    return fail(refuse(400, 'BAD_REQUEST_TARGET', 'The path contains encoded characters, backslashes, empty or dot segments.'));
  }
  let pathname = path;
  if (basePath) {
    if (path !== basePath && !path.startsWith(`${basePath}/`)) return fail(refuse(404, 'NOT_FOUND', 'No such endpoint.'));
    pathname = path.slice(basePath.length) || '/';
  }
  const query = new Map<string, string>();
  if (search.length > 1) {
    for (const pair of search.slice(1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const name = decode(eq === -1 ? pair : pair.slice(0, eq));
      const value = decode(eq === -1 ? '' : pair.slice(eq + 1));
      if (name === undefined || value === undefined || CONTROL.test(name) || CONTROL.test(value)) {
        return fail(refuse(400, 'QUERY_NOT_ALLOWED', 'The query string is malformed or contains control characters.'));
      }
      if (query.has(name)) return fail(refuse(400, 'QUERY_NOT_ALLOWED', `The query parameter "${safeName(name)}" is repeated.`));
      if (value.length > MAX_QUERY_VALUE_LENGTH) return fail(refuse(400, 'QUERY_NOT_ALLOWED', `The query parameter "${safeName(name)}" is too long.`));
      query.set(name, value);
    }
  }
  return {ok: true, value: {pathname, search, query}};
}

/** The methods some endpoint answers on this pathname (empty when the path is unknown). */
export function methodsFor(pathname: string): Array<'GET' | 'POST'> {
  return [...new Set(endpoints.filter((e) => e.path.test(pathname)).map((e) => e.method))];
}

/** Matches a checked target to an endpoint and method, then checks its query against the endpoint's allow-list. */
export function route(method: string, target: Target): Result<Route> {
  const match = matchEndpoint(method, target.pathname);
  if (!match) {
    const methods = methodsFor(target.pathname);
    if (methods.length === 0) return fail(refuse(404, 'NOT_FOUND', 'No such endpoint.'));
    return fail(refuse(405, 'METHOD_NOT_ALLOWED', `This endpoint only answers ${methods.join(', ')}.`, {Allow: [...methods, 'OPTIONS'].join(', ')}));
  }
  const allowed = QUERY_ALLOW_LIST[match.endpoint.name];
  for (const name of target.query.keys()) {
    if (!allowed.includes(name)) {
      return fail(refuse(400, 'QUERY_NOT_ALLOWED', `The query parameter "${safeName(name)}" is not accepted by this endpoint.`));
    }
  }
  for (const [name, value] of target.query) {
    const rule = QUERY_VALUES[name];
    if (rule && !rule.pattern.test(value)) return fail(refuse(400, 'QUERY_NOT_ALLOWED', rule.says));
  }
  let country: string | undefined;
  const fromQuery = target.query.get('country_code');
  if (fromQuery !== undefined) country = fromQuery.toUpperCase();
  else if (match.endpoint.name === 'products' && match.params[0]) country = match.params[0].toUpperCase();
  // Upstream gets the query as checked, written anew: never the client's own bytes, whose syntax (`;`, odd
  // escapes) a server might read otherwise than we did.
  const search = target.query.size ? `?${new URLSearchParams([...target.query]).toString()}` : '';
  const result: Route = {...target, search, endpoint: match.endpoint, params: match.params};
  if (country) result.country = country;
  return {ok: true, value: result};
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

// Names are echoed in messages only when plain, so an error body never reflects arbitrary client text.
function safeName(name: string): string {
  return /^[A-Za-z0-9_.-]{1,40}$/.test(name) ? name : '…';
}
