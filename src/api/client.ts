// One typed function per upstream endpoint (UPSTREAM.md), each relative to the store's proxy URL with the upstream
// path unchanged (CONTRACT.md), each taking an AbortSignal. zod parses here and only here: past this file every
// value has its documented shape, and anything else has become an ApiError.
import * as z from 'zod/mini';
import {ORDER_ID, paths} from '../upstream/endpoints.js';
import {ApiError, noProxyUrl} from './errors.js';
import {send, joinUrl, supportsIdempotencyKeys, type CallOptions} from './http.js';
import {validationProblems} from './problems.js';
import {
  BrandsPage,
  Families,
  Order,
  PaymentVias,
  Quote,
  Validation,
  type BrandsPage as BrandsPageT,
  type Family,
  type Order as OrderT,
  type OrderBody,
  type PaymentVia,
  type Quote as QuoteT,
  type Validation as ValidationT,
} from './schemas.js';

export {supportsIdempotencyKeys};

export type {CallOptions};

/** Parses upstream data with a schema; a mismatch is ApiError `bad-response` (never a crash downstream). */
export function parseAs<S extends z.ZodMiniType>(schema: S, data: unknown, what: string): z.output<S> {
  const result = z.safeParse(schema, data);
  if (!result.success) {
    const where = result.error.issues[0]?.path.join('.') || '(root)';
    throw new ApiError('bad-response', `unexpected ${what} from upstream at ${where}`, {cause: result.error});
  }
  return result.data;
}

/** An Order from any source (an answer, a stream frame): typed, or ApiError `bad-response`. */
export function parseOrder(data: unknown): OrderT {
  return parseAs(Order, data, 'order') as OrderT;
}

function checkCountry(countryCode: string): string {
  if (!/^[A-Za-z]{2}$/.test(countryCode)) throw new ApiError('invalid-request', `not a country code: ${countryCode}`);
  return countryCode.toUpperCase();
}

function checkOrderId(orderId: string): string {
  if (!ORDER_ID.test(orderId)) throw new ApiError('invalid-request', 'not an order id');
  return orderId;
}

/** GET /v3/payment_vias */
export async function getPaymentVias(proxyUrl: string | undefined, options?: CallOptions): Promise<PaymentVia[]> {
  const res = await send({method: 'GET', base: proxyUrl, path: paths.paymentVias()}, options);
  return parseAs(PaymentVias, res.body, 'payment vias');
}

/** GET /v2/brands?country_code= */
export async function getBrands(proxyUrl: string | undefined, countryCode: string, options?: CallOptions): Promise<BrandsPageT> {
  const country_code = checkCountry(countryCode);
  const res = await send({method: 'GET', base: proxyUrl, path: paths.brands(), query: {country_code}}, options);
  return parseAs(BrandsPage, res.body, 'brands') as BrandsPageT;
}

export interface ProductQuery {
  /** A brand's `family` (one of familyName / brandName is required upstream). */
  familyName?: string;
  /** A brand's `brand`. */
  brandName?: string;
  coin?: string;
  lang?: string;
}

/** GET /v5/products/country/{cc}?family_name|brand_name&coin&lang */
export async function getProducts(
  proxyUrl: string | undefined,
  countryCode: string,
  query: ProductQuery,
  options?: CallOptions,
): Promise<Family[]> {
  const cc = checkCountry(countryCode);
  if (!query.familyName && !query.brandName) throw new ApiError('invalid-request', 'family_name or brand_name is required');
  const res = await send(
    {
      method: 'GET',
      base: proxyUrl,
      path: paths.products(cc),
      query: {family_name: query.familyName, brand_name: query.brandName, coin: query.coin, lang: query.lang},
    },
    options,
  );
  return parseAs(Families, res.body, 'products') as Family[];
}

export interface PriceQuery {
  brandName: string;
  countryCode: string;
  /** The face value the user typed (a decimal; the upstream has no network parameter). */
  faceValue: string | number;
  coin: string;
}

/** GET /v4/products/price: a non-binding quote for a range product. */
export async function getPrice(proxyUrl: string | undefined, query: PriceQuery, options?: CallOptions): Promise<QuoteT> {
  const res = await send(
    {
      method: 'GET',
      base: proxyUrl,
      path: paths.price(),
      query: {
        brand_name: query.brandName,
        country_code: checkCountry(query.countryCode),
        face_value: query.faceValue,
        coin: query.coin,
      },
    },
    options,
  );
  return parseAs(Quote, res.body, 'price');
}

/**
 * POST /v5/orders/validations. Answers with the Validation even when it carries problems (HTTP 200 or a 4xx with
 * the same body); `validationProblems(v)` maps them. Never retried (it is a POST).
 */
export async function validateOrder(proxyUrl: string | undefined, body: OrderBody, options?: CallOptions): Promise<ValidationT> {
  const res = await send({method: 'POST', base: proxyUrl, path: paths.validateOrder(), body, problemsAreAnswers: true, readsClock: true}, options);
  return parseAs(Validation, res.body, 'validation');
}

export interface CreateOrderOptions extends CallOptions {
  /**
   * Sent as `Idempotency-Key`: the same key with the same body gets the first create's answer instead of a second
   * order (README, "Order idempotency keys"). Only give one to a proxy that takes it (`supportsIdempotencyKeys`):
   * to another, a non-safelisted header can make a cross-origin POST fail its preflight.
   */
  idempotencyKey?: string;
  /**
   * This key was sent before (`Idempotency-Resend: 1`): a proxy that does not know the key answers 409 outcome
   * unknown instead of forwarding what might be a second order.
   */
  resend?: boolean;
}

/**
 * POST /v5/orders. Never retried automatically: a failed create may still have reached upstream (the caller may
 * send it again itself with the same idempotency key). A 2xx that carries problems instead of an order is ApiError
 * `problems`.
 */
export async function createOrder(proxyUrl: string | undefined, body: OrderBody, options?: CreateOrderOptions): Promise<OrderT> {
  const key = options?.idempotencyKey;
  const headers = key ? {'idempotency-key': key, ...(options?.resend ? {'idempotency-resend': '1'} : {})} : undefined;
  const res = await send({method: 'POST', base: proxyUrl, path: paths.createOrder(), body, readsClock: true, ...(headers ? {headers} : {})}, options);
  const maybeProblems = z.safeParse(Validation, res.body);
  if (maybeProblems.success && maybeProblems.data.problems?.length && !(res.body as {order_id?: unknown})?.order_id) {
    throw new ApiError('problems', 'problems', {status: res.status, problems: validationProblems(maybeProblems.data)});
  }
  return parseOrder(res.body);
}

/** GET /v5/orders/{order_id} (polling). */
export async function getOrder(proxyUrl: string | undefined, orderId: string, options?: CallOptions): Promise<OrderT> {
  const res = await send({method: 'GET', base: proxyUrl, path: paths.order(checkOrderId(orderId)), readsClock: true}, options);
  return parseOrder(res.body);
}

function absolute(proxyUrl: string | undefined, path: string): string {
  if (proxyUrl === undefined) throw noProxyUrl();
  return joinUrl(proxyUrl, path);
}

/** URL of GET /v5/orders/{order_id}/subscribe, for an EventSource. */
export function subscribeUrl(proxyUrl: string | undefined, orderId: string): string {
  return absolute(proxyUrl, paths.subscribe(checkOrderId(orderId)));
}

/** URL of GET /v3/qrs/{order_id} (upstream's QR image). */
export function qrImageUrl(proxyUrl: string | undefined, orderId: string): string {
  return absolute(proxyUrl, `/v3/qrs/${encodeURIComponent(checkOrderId(orderId))}`);
}
