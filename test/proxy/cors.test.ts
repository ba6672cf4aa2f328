// CORS: exact origins only, a correct preflight for JSON POSTs, no credentials, Vary: Origin everywhere.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {readFileSync} from 'node:fs';
import {ALLOWED_REQUEST_HEADERS, EXPOSED_HEADERS} from '../../src/proxy/cors.js';
import {ORDER_ID, ORIGIN, startHarness, type Harness} from './harness.js';
import {rawRequest} from './raw-http.js';

const OTHER_ORIGIN = 'http://localhost:5173';
let h: Harness;
before(async () => {
  h = await startHarness({allowedOrigins: [ORIGIN, OTHER_ORIGIN]});
});
after(() => h.close());

const preflightFor = (path: string, origin: string, method: string, requestHeaders?: string) => {
  const headers: Record<string, string> = {origin, 'access-control-request-method': method};
  if (requestHeaders) headers['access-control-request-headers'] = requestHeaders;
  return fetch(h.url + path, {method: 'OPTIONS', headers});
};

describe('preflight', () => {
  test('POST with Content-Type: application/json from an allowed origin → 204 with methods, headers, max-age', async () => {
    const n = h.upstream.requests.length;
    const res = await preflightFor('/v5/orders', ORIGIN, 'POST', 'content-type');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal(res.headers.get('access-control-allow-methods'), 'POST');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /(^|, )Content-Type(,|$)/);
    assert.equal(res.headers.get('access-control-max-age'), '600');
    assert.match(res.headers.get('vary') ?? '', /Origin/);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    assert.equal(h.upstream.requests.length, n, 'a preflight never reaches upstream');
  });

  test('each allowed origin is echoed back exactly, never *', async () => {
    const res = await preflightFor('/v5/orders/validations', OTHER_ORIGIN, 'POST', 'content-type');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), OTHER_ORIGIN);
  });

  test('POST preflight for an order with an Idempotency-Key allows the header', async () => {
    const res = await preflightFor('/v5/orders', ORIGIN, 'POST', 'content-type, idempotency-key');
    assert.equal(res.status, 204);
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /(^|, )Idempotency-Key(,|$)/);
  });

  test('GET preflight for an EventSource reconnect allows Last-Event-ID', async () => {
    const res = await preflightFor(`/v5/orders/${ORDER_ID}/subscribe`, ORIGIN, 'GET', 'last-event-id');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-methods'), 'GET');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Last-Event-ID/);
  });

  test('a preflight from an origin not on the list is 403 without CORS headers', async () => {
    const res = await preflightFor('/v5/orders', 'https://evil.example', 'POST', 'content-type');
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal((await res.json()).error.code, 'ORIGIN_NOT_ALLOWED');
  });

  test('a preflight for a method the path does not answer is 405 with Allow', async () => {
    const res = await preflightFor('/v5/orders', ORIGIN, 'DELETE');
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'POST, OPTIONS');
    assert.equal(res.headers.get('access-control-allow-methods'), null);
    await res.body?.cancel();
  });

  test('a preflight for an unknown path is 404', async () => {
    const res = await preflightFor('/v9/anything', ORIGIN, 'GET');
    assert.equal(res.status, 404);
    await res.body?.cancel();
  });

  test('OPTIONS without Origin (not a preflight) answers Allow', async () => {
    const res = await fetch(`${h.url}/v2/brands`, {method: 'OPTIONS'});
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('allow'), 'GET, OPTIONS');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });
});

describe('actual requests', () => {
  test('an allowed origin gets Allow-Origin, Vary, exposed Retry-After and idempotency headers, never credentials', async () => {
    const res = await fetch(`${h.url}/v3/payment_vias`, {headers: {origin: ORIGIN}});
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.match(res.headers.get('vary') ?? '', /Origin/);
    assert.equal(res.headers.get('access-control-expose-headers'), 'Retry-After, Idempotency-Key-Supported, Idempotency-Key, Idempotency-Replayed, Date');
    assert.ok(!Number.isNaN(Date.parse(res.headers.get('date') ?? '')), 'a Date the page may read (the payment countdown runs on it)');
    assert.equal(res.headers.get('idempotency-key-supported'), '1');
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    await res.body?.cancel();
  });

  test('the proxy\'s own refusals carry CORS headers for allowed origins, so the widget can read them', async () => {
    const res = await fetch(`${h.url}/v5/orders/validations`, {
      method: 'POST',
      headers: {origin: ORIGIN, 'content-type': 'application/json'},
      body: '{',
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
  });

  test('every refusal varies on Origin, also those decided before the origin check (a bad target, an unknown path\'s preflight, TRACE)', async () => {
    // The same target is answered with Allow-Origin for one origin and without it for another.
    const evil = 'https://evil.example';
    const cases: Array<[string, string, Record<string, string>]> = [
      ['GET', '/v2/brands%2fx', {origin: evil}],
      ['OPTIONS', '/nope', {origin: evil, 'access-control-request-method': 'GET'}],
      ['OPTIONS', '/v2/brands%5cx', {origin: evil, 'access-control-request-method': 'GET'}],
    ];
    for (const [method, path, headers] of cases) {
      const res = await fetch(h.url + path, {method, headers});
      assert.ok(res.status >= 400, `${method} ${path}: ${res.status}`);
      assert.match(res.headers.get('vary') ?? '', /\bOrigin\b/, `${method} ${path}`);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      await res.body?.cancel();
    }
    const trace = await rawRequest(h.port, `TRACE /v2/brands HTTP/1.1\r\nHost: x\r\nOrigin: ${ORIGIN}\r\nConnection: close\r\n\r\n`);
    assert.equal(trace.status, 405);
    assert.match(trace.head, /\r\nvary: Origin\r\n/i);
  });

  test('no Origin (server-side callers) is served, with Vary: Origin and no Allow-Origin', async () => {
    const res = await fetch(`${h.url}/v3/payment_vias`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(res.headers.get('vary'), 'Origin');
    await res.body?.cancel();
  });

  test('a cross-site request without Origin (another site\'s <img> or <script>) is refused before upstream; same-site ones pass', async () => {
    const before = h.upstream.requests.length;
    const foreign = await fetch(`${h.url}/v3/payment_vias`, {headers: {'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors'}});
    assert.equal(foreign.status, 403);
    assert.equal((await foreign.json()).error.code, 'ORIGIN_NOT_ALLOWED');
    assert.equal(h.upstream.requests.length, before, 'nothing reached upstream');
    for (const site of ['same-origin', 'same-site', 'none']) {
      const res = await fetch(`${h.url}/v3/payment_vias`, {headers: {'sec-fetch-site': site}});
      assert.equal(res.status, 200, site);
      await res.body?.cancel();
    }
    // An allowed page's own cross-site fetch carries its Origin: served.
    const allowed = await fetch(`${h.url}/v3/payment_vias`, {headers: {'sec-fetch-site': 'cross-site', origin: ORIGIN}});
    assert.equal(allowed.status, 200);
    await allowed.body?.cancel();
  });

  test('with no allowed origins at all, every browser origin is refused', async () => {
    const closed = await startHarness({allowedOrigins: []});
    try {
      const res = await fetch(`${closed.url}/v3/payment_vias`, {headers: {origin: ORIGIN}});
      assert.equal(res.status, 403);
      await res.body?.cancel();
      assert.equal(closed.upstream.requests.length, 0);
    } finally {
      await closed.close();
    }
  });
});

test('the README lists the very headers the proxy allows and exposes (a partner writes their own proxy from it)', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
  assert.ok(readme.includes(`Access-Control-Allow-Headers: ${ALLOWED_REQUEST_HEADERS.join(', ')}\``), 'Allow-Headers');
  assert.ok(readme.includes(`Access-Control-Expose-Headers: ${EXPOSED_HEADERS.join(', ')}\``), 'Expose-Headers');
});
