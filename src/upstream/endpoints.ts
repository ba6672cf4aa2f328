// The upstream endpoints of UPSTREAM.md, as data. Shared by the browser client (to build paths), the proxy (its
// allow-list) and the sandbox (its routes), so the three can never disagree. Pure data: imports nothing, so browser
// code and server code may both use it without importing each other.

/** An order id: UUID-shaped (8-4-4-4-12 hex), as upstream issues them. */
export const ORDER_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** An ISO 3166-1 alpha-2 country code. */
export const COUNTRY_CODE = /^[A-Za-z]{2}$/;

export type EndpointName =
  | 'paymentVias'
  | 'brands'
  | 'homepage'
  | 'products'
  | 'price'
  | 'validateOrder'
  | 'createOrder'
  | 'order'
  | 'subscribe'
  | 'qr';

export interface Endpoint {
  name: EndpointName;
  method: 'GET' | 'POST';
  /** Matches the whole pathname (no query). Path parameters are captured in order. */
  path: RegExp;
}

/**
 * A path with an order id between `before` and `after`. Made by a pure call, so the browser bundle, which never
 * matches paths (only the proxy and the sandbox do), drops these RegExps with their pattern.
 */
const withId = (before: string, after = '') =>
  new RegExp(`^${before}([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})${after}$`);

export const endpoints: readonly Endpoint[] = [
  {name: 'paymentVias', method: 'GET', path: /^\/v3\/payment_vias$/},
  {name: 'brands', method: 'GET', path: /^\/v2\/brands$/},
  {name: 'homepage', method: 'GET', path: /^\/v2\/homepage$/},
  {name: 'products', method: 'GET', path: /^\/v5\/products\/country\/([A-Za-z]{2})$/},
  {name: 'price', method: 'GET', path: /^\/v4\/products\/price$/},
  {name: 'validateOrder', method: 'POST', path: /^\/v5\/orders\/validations$/},
  {name: 'createOrder', method: 'POST', path: /^\/v5\/orders$/},
  {name: 'order', method: 'GET', path: /* @__PURE__ */ withId('/v5/orders/')},
  {name: 'subscribe', method: 'GET', path: /* @__PURE__ */ withId('/v5/orders/', '/subscribe')},
  {name: 'qr', method: 'GET', path: /* @__PURE__ */ withId('/v3/qrs/')},
];

/** The endpoint a method and pathname address, with its path parameters; undefined when none does. */
export function matchEndpoint(method: string, pathname: string): {endpoint: Endpoint; params: string[]} | undefined {
  for (const endpoint of endpoints) {
    const m = endpoint.path.exec(pathname);
    if (m && endpoint.method === method) return {endpoint, params: m.slice(1)};
  }
  return undefined;
}

/** True when some endpoint has this pathname, whatever the method (so the proxy can tell 405 from 404). */
export function isKnownPath(pathname: string): boolean {
  return endpoints.some((e) => e.path.test(pathname));
}

/**
 * Upstream paths the browser client calls (the sandbox serves them too). Ids are checked against ORDER_ID by their
 * callers. An object's unused members stay in the bundle, so it holds only what the widget calls: the homepage and
 * QR image paths, which it does not, are written where they are used (the npm API's qrImageUrl).
 */
export const paths = {
  paymentVias: () => '/v3/payment_vias',
  brands: () => '/v2/brands',
  products: (countryCode: string) => `/v5/products/country/${encodeURIComponent(countryCode)}`,
  price: () => '/v4/products/price',
  validateOrder: () => '/v5/orders/validations',
  createOrder: () => '/v5/orders',
  order: (orderId: string) => `/v5/orders/${encodeURIComponent(orderId)}`,
  subscribe: (orderId: string) => `/v5/orders/${encodeURIComponent(orderId)}/subscribe`,
} as const;
