// The client against the real proxy in front of the real sandbox: typed answers, the retry rules (GETs retried on
// 5xx/429/network with Retry-After respected, POSTs never), cancellation, and every failure as a typed ApiError.
import {assert} from '@open-wc/testing';
import {createOrder, getBrands, getOrder, getPaymentVias, getPrice, getProducts, subscribeUrl, validateOrder} from '../../src/api/client.js';
import {ApiError} from '../../src/api/errors.js';
import {backoffDelay, DEFAULT_RETRY, joinUrl, parseRetryAfter} from '../../src/api/http.js';
import {LatestOnly} from '../../src/api/latest.js';
import type {OrderBody} from '../../src/api/schemas.js';
import {proxyUrl, sandboxUrl} from '../support/env.js';
import {sandboxControls} from '../support/sandbox-controls.js';

const sandbox = sandboxControls(sandboxUrl);

async function count(endpoint: string): Promise<number> {
  return (await sandbox.stats()).counts[endpoint] ?? 0;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.instanceOf(error, ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

function orderBody(email = 'buyer@example.com', coin = 'USDC', network = 'Solana'): OrderBody {
  return {
    user: {email},
    payment: {type: 'via', payment_via: 'USER_WALLET', coin, network},
    deliveries: [{brand_name: 'Steam', country_code: 'US', denomination: '10 USD', beneficiary_account: email}],
    lang: 'en',
  };
}

const fast = {retry: {baseDelayMs: 50, maxDelayMs: 3000}} as const;

/**
 * The real fetch, counted, whose first `failures` calls throw TypeError('Failed to fetch') as a dropped connection
 * does. With `reachUpstream`, a failing call first really sends its request (so upstream acts on it) and only its
 * answer is lost: what makes a retried POST dangerous.
 */
function flakyFetch(failures: number, {reachUpstream = false} = {}): {fetch: typeof fetch; calls: string[]} {
  const calls: string[] = [];
  const realFetch = window.fetch.bind(window);
  const wrapped: typeof fetch = async (input, init) => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(String(input instanceof Request ? input.url : input)).pathname}`);
    if (calls.length <= failures) {
      if (reachUpstream) await (await realFetch(input, init)).text();
      throw new TypeError('Failed to fetch');
    }
    return realFetch(input, init);
  };
  return {fetch: wrapped, calls};
}

/** The POST bodies upstream received on `endpoint` for this buyer e-mail (other tests use other e-mails). */
async function postsFor(endpoint: string, email: string): Promise<number> {
  const {requests} = await sandbox.stats();
  return requests.filter((r) => r.endpoint === endpoint && (r.body as {user?: {email?: string}} | undefined)?.user?.email === email).length;
}

function uniqueEmail(): string {
  return `retry${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@example.com`;
}

suite('api client', () => {
  setup(async () => {
    await sandbox.clearFaults();
  });
  teardown(async () => {
    await sandbox.clearFaults();
  });

  test('joinUrl keeps a proxy path prefix, adds exactly one slash, drops empty query values', () => {
    assert.equal(joinUrl('https://shop.example/api/cr/', '/v2/brands', {country_code: 'US', coin: undefined}), 'https://shop.example/api/cr/v2/brands?country_code=US');
    assert.equal(joinUrl('https://shop.example/api/cr', '/v5/orders'), 'https://shop.example/api/cr/v5/orders');
    assert.equal(joinUrl('https://shop.example', '/v5/orders'), 'https://shop.example/v5/orders');
    assert.equal(joinUrl('/cr-proxy', '/v2/brands'), `${location.origin}/cr-proxy/v2/brands`);
    assert.equal(joinUrl('https://x.example/p', '/v4/products/price', {brand_name: 'A&B =C'}), 'https://x.example/p/v4/products/price?brand_name=A%26B+%3DC');
  });

  test('Retry-After as seconds or an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter('0.5'), 500);
    const now = Date.parse('2026-11-25T10:00:00Z');
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 10:00:07 GMT', now), 7000);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 09:00:00 GMT', now), 0);
    assert.isUndefined(parseRetryAfter('soon'));
    assert.isUndefined(parseRetryAfter(null));
  });

  test('backoff grows, has jitter, is capped', () => {
    const low = () => 0;
    const high = () => 0.999;
    assert.equal(backoffDelay(1, DEFAULT_RETRY, undefined, low), DEFAULT_RETRY.baseDelayMs / 2);
    assert.isAbove(backoffDelay(2, DEFAULT_RETRY, undefined, low), backoffDelay(1, DEFAULT_RETRY, undefined, high) - 1);
    assert.isAtMost(backoffDelay(30, DEFAULT_RETRY, undefined, high), DEFAULT_RETRY.maxDelayMs);
    assert.equal(backoffDelay(1, DEFAULT_RETRY, 1234), 1234);
  });

  test('GET /v2/brands through the proxy is typed', async () => {
    const page = await getBrands(proxyUrl, 'us');
    assert.equal(page.country_code, 'US');
    assert.isAbove(page.all_brands?.length ?? 0, 5);
    assert.ok(page.all_brands?.some((b) => b.family === 'Amazon.com'));
  });

  test('payment vias, products and a price parse', async () => {
    const vias = await getPaymentVias(proxyUrl);
    assert.ok(vias.find((v) => v.name === 'USER_WALLET')?.currencies.some((c) => c.name === 'USDC'));
    const families = await getProducts(proxyUrl, 'US', {familyName: 'Amazon.com', coin: 'USDC', lang: 'en'});
    assert.equal(families[0]?.family, 'Amazon.com');
    const quote = await getPrice(proxyUrl, {brandName: 'Amazon.com', countryCode: 'US', faceValue: 100, coin: 'USDC'});
    assert.match(quote.coin_amount, /^\d+(\.\d+)?$/);
  });

  test('a 5xx on a GET is retried, then succeeds', async () => {
    await sandbox.fault({kind: 'server-error', endpoint: 'brands', status: 503, times: 2});
    const before = await count('brands');
    const page = await getBrands(proxyUrl, 'US', fast);
    assert.equal(page.country_code, 'US');
    assert.equal((await count('brands')) - before, 3, 'two failures and the success reached upstream');
  });

  test('a 5xx that lasts gives http-5xx after the bounded attempts', async () => {
    await sandbox.fault({kind: 'server-error', endpoint: 'brands', status: 500});
    const before = await count('brands');
    const error = await rejection(getBrands(proxyUrl, 'US', fast));
    assert.equal(error.code, 'http-5xx');
    assert.equal((await count('brands')) - before, DEFAULT_RETRY.attempts);
  });

  test('a 429 with Retry-After is waited for, then retried', async () => {
    await sandbox.fault({kind: 'rate-limit', endpoint: 'brands', retryAfter: 1, times: 1});
    const started = performance.now();
    const page = await getBrands(proxyUrl, 'US', fast);
    const waited = performance.now() - started;
    assert.equal(page.country_code, 'US');
    assert.isAtLeast(waited, 950, `waited ${Math.round(waited)} ms for Retry-After: 1`);
  });

  test('a Retry-After longer than we would wait is not retried: rate-limited, with the delay', async () => {
    await sandbox.fault({kind: 'rate-limit', endpoint: 'brands', retryAfter: 60, times: 1});
    const before = await count('brands');
    const error = await rejection(getBrands(proxyUrl, 'US', fast));
    assert.equal(error.code, 'rate-limited');
    assert.equal(error.retryAfterMs, 60000);
    assert.equal((await count('brands')) - before, 1);
  });

  test('malformed JSON is bad-response and not retried', async () => {
    await sandbox.fault({kind: 'malformed-json', endpoint: 'brands', times: 1});
    const before = await count('brands');
    const error = await rejection(getBrands(proxyUrl, 'US', fast));
    assert.equal(error.code, 'bad-response');
    assert.isTrue(error.transient);
    assert.equal((await count('brands')) - before, 1);
  });

  test('a POST is never retried: exactly one createOrder reaches upstream after a 5xx', async () => {
    await sandbox.fault({kind: 'server-error', endpoint: 'createOrder', status: 502, times: 1});
    const before = await count('createOrder');
    const error = await rejection(createOrder(proxyUrl, orderBody(), fast));
    assert.equal(error.code, 'http-5xx');
    // Give a (wrong) retry time to happen before counting.
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await count('createOrder')) - before, 1);
  });

  test('createOrder answers a typed Order, getOrder polls it', async () => {
    const order = await createOrder(proxyUrl, orderBody());
    assert.match(order.order_id, /^[0-9a-f-]{36}$/i);
    assert.equal(order.coin, 'USDC');
    const again = await getOrder(proxyUrl, order.order_id);
    assert.equal(again.order_id, order.order_id);
    assert.equal(subscribeUrl(proxyUrl, order.order_id), `${proxyUrl}/v5/orders/${order.order_id}/subscribe`);
  });

  test('validation problems come back as an answer, with fields and safe details', async () => {
    const validation = await validateOrder(proxyUrl, orderBody('out_of_stock+kyc_missing@sandbox.test'));
    const codes = (validation.problems ?? []).map((p) => p.problem).sort();
    assert.deepEqual(codes, ['KYC_MISSING', 'OUT_OF_STOCK']);
    const bad = await validateOrder(proxyUrl, orderBody('buyer@example.com', 'USDC', 'Dogechain'));
    assert.ok(bad.problems?.some((p) => p.problem === 'UNSUPPORTED_PROTOCOL_COIN_COMBINATION'));
  });

  test('HTTP-level problems: SUSPENDED_COIN and LOGIN_REQUIRED are ApiError codes', async () => {
    const suspended = await rejection(createOrder(proxyUrl, orderBody('suspended_coin@sandbox.test')));
    assert.equal(suspended.code, 'SUSPENDED_COIN');
    assert.equal(suspended.problems[0]?.field, 'payment');
    const login = await rejection(createOrder(proxyUrl, orderBody('login_required@sandbox.test')));
    assert.equal(login.code, 'LOGIN_REQUIRED');
  });

  test('an unknown order is not-found; an id that is not a UUID is refused before any request', async () => {
    const missing = await rejection(getOrder(proxyUrl, '00000000-0000-4000-8000-000000000000', {retry: false}));
    assert.equal(missing.code, 'not-found');
    const before = await count('order');
    const invalid = await rejection(getOrder(proxyUrl, '../../v2/brands'));
    assert.equal(invalid.code, 'invalid-request');
    assert.equal(await count('order'), before);
  });

  test('no proxy-url is a config error; an unreachable proxy is a network error', async () => {
    assert.equal((await rejection(getBrands(undefined, 'US'))).code, 'config');
    const error = await rejection(getBrands('http://127.0.0.1:9', 'US', {retry: {attempts: 2, baseDelayMs: 10}}));
    assert.equal(error.code, 'network');
  });

  test('a network error on a GET is retried: two failures, then the third attempt succeeds', async () => {
    const flaky = flakyFetch(2);
    const page = await getBrands(proxyUrl, 'US', {fetch: flaky.fetch, retry: {baseDelayMs: 10}});
    assert.equal(page.country_code, 'US');
    assert.deepEqual(flaky.calls, ['GET /v2/brands', 'GET /v2/brands', 'GET /v2/brands']);
  });

  test('a lasting network error on a GET gives up after exactly `attempts` attempts', async () => {
    const always = flakyFetch(Infinity);
    const error = await rejection(getPaymentVias(proxyUrl, {fetch: always.fetch, retry: {baseDelayMs: 10}}));
    assert.equal(error.code, 'network');
    assert.instanceOf(error.cause, TypeError);
    assert.lengthOf(always.calls, DEFAULT_RETRY.attempts, 'the default policy');
    const five = flakyFetch(Infinity);
    assert.equal((await rejection(getBrands(proxyUrl, 'US', {fetch: five.fetch, retry: {attempts: 5, baseDelayMs: 10}}))).code, 'network');
    assert.lengthOf(five.calls, 5, 'attempts: 5');
    const off = flakyFetch(Infinity);
    assert.equal((await rejection(getBrands(proxyUrl, 'US', {fetch: off.fetch, retry: false}))).code, 'network');
    assert.lengthOf(off.calls, 1, 'retry: false');
  });

  test('a network error on a POST is never retried: createOrder and validateOrder try once, upstream sees one', async () => {
    // The answer is lost after the request reached upstream: a retry here would be a second order.
    const email = uniqueEmail();
    const create = flakyFetch(1, {reachUpstream: true});
    const createError = await rejection(createOrder(proxyUrl, orderBody(email), {fetch: create.fetch, retry: {attempts: 5, baseDelayMs: 10}}));
    assert.equal(createError.code, 'network');
    const validate = flakyFetch(1, {reachUpstream: true});
    const validateError = await rejection(validateOrder(proxyUrl, orderBody(email), {fetch: validate.fetch, retry: {attempts: 5, baseDelayMs: 10}}));
    assert.equal(validateError.code, 'network');
    // Give a (wrong) delayed retry time to happen before counting.
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(create.calls, ['POST /v5/orders']);
    assert.deepEqual(validate.calls, ['POST /v5/orders/validations']);
    assert.equal(await postsFor('createOrder', email), 1, 'one create reached upstream');
    assert.equal(await postsFor('validateOrder', email), 1, 'one validation reached upstream');
  });

  test('a slow answer past the time limit is a timeout', async () => {
    await sandbox.fault({kind: 'slow', endpoint: 'paymentVias', ms: 1500, times: 1});
    const error = await rejection(getPaymentVias(proxyUrl, {timeoutMs: 300, retry: false}));
    assert.equal(error.code, 'timeout');
  });

  test('aborting the signal cancels the call, even while it waits to retry', async () => {
    await sandbox.fault({kind: 'server-error', endpoint: 'brands', status: 503});
    const controller = new AbortController();
    const call = getBrands(proxyUrl, 'US', {signal: controller.signal, retry: {baseDelayMs: 5000, maxDelayMs: 5000}});
    setTimeout(() => controller.abort(), 300);
    const started = performance.now();
    const error = await rejection(call);
    assert.equal(error.code, 'aborted');
    assert.isBelow(performance.now() - started, 2000);
  });

  test('latest only: a superseded request is aborted and never wins', async () => {
    await sandbox.fault({kind: 'slow', endpoint: 'brands', ms: 1500, times: 1});
    const latest = new LatestOnly();
    const first = latest.run('brands', (signal) => getBrands(proxyUrl, 'US', {signal}));
    await new Promise((r) => setTimeout(r, 100));
    const second = latest.run('brands', (signal) => getBrands(proxyUrl, 'GB', {signal}));
    const error = await rejection(first);
    assert.equal(error.code, 'aborted');
    assert.equal((await second).country_code, 'GB');
  });
});
