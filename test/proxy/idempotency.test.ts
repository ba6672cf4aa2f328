// `Idempotency-Key` on POST /v5/orders: a create sent again with the same key gets the first answer, never a
// second order. The store's rules with an injected clock, then the fetch handler in front of a recording upstream
// (which counts what really reached upstream), then the real proxy in front of the real sandbox.
import assert from 'node:assert/strict';
import type {ServerResponse} from 'node:http';
import {after, before, describe, test} from 'node:test';
import {createProxyHandler, type ProxyHandler} from '../../src/proxy/handler.js';
import {configFromEnv, resolveConfig} from '../../src/proxy/config.js';
import {createIdempotencyStore, parseIdempotencyKey, type StoredAnswer} from '../../src/proxy/idempotency.js';
import {jsonOk, startRecordingUpstream, type RecordedRequest, type RecordingUpstream} from './recording-upstream.js';
import {APP_VERSION, ORIGIN, PARTNER_ID, waitFor} from './harness.js';
import {startTestServers, type TestServers} from '../support/servers.js';
import {sandboxControls} from '../support/sandbox-controls.js';

const KEY = '6f1c2a9e-0b7d-4c3e-9a51-2d8e4f6b7c10';
const answer = (status: number, body = '{"order_id":"o"}'): StoredAnswer => ({status, headers: [['content-type', 'application/json']], body: new TextEncoder().encode(body)});

describe('the key store', () => {
  const config = {maxKeys: 3, ttlMs: 1000, maxAnswerBytes: 100};

  test('keys: UUIDs and other 16–128 URL-safe characters, quotes allowed; anything else is invalid', () => {
    assert.equal(parseIdempotencyKey(null), undefined);
    assert.equal(parseIdempotencyKey(KEY), KEY);
    assert.equal(parseIdempotencyKey(`"${KEY}"`), KEY);
    assert.equal(parseIdempotencyKey('a'.repeat(128)), 'a'.repeat(128));
    for (const bad of ['', 'short', 'a'.repeat(129), `${KEY}\r\nx`, 'key with spaces 123456', 'ключ-ключ-ключ-ключ']) {
      assert.equal(parseIdempotencyKey(bad), 'invalid', JSON.stringify(bad));
    }
  });

  test('miss, then wait while in flight, then replay a 2xx; another body is "reused"', async () => {
    const store = createIdempotencyStore(config);
    assert.deepEqual(store.lookup('a', KEY, 'h1'), {kind: 'miss'});
    const settle = store.start('a', KEY, 'h1');
    const waiting = store.lookup('a', KEY, 'h1');
    assert.equal(waiting.kind, 'wait');
    settle(answer(200, '{"order_id":"x"}'));
    assert.equal((await (waiting as {answer: Promise<StoredAnswer>}).answer).status, 200);
    const replay = store.lookup('a', KEY, 'h1');
    assert.equal(replay.kind, 'replay');
    assert.equal(new TextDecoder().decode((replay as {answer: StoredAnswer}).answer.body), '{"order_id":"x"}');
    assert.deepEqual(store.lookup('a', KEY, 'h2'), {kind: 'reused'});
  });

  test('a 4xx (but 408) is remembered as refused, whatever the body; 5xx, 408 and an answer too large to keep are "unknown"', () => {
    const store = createIdempotencyStore(config);
    store.start('a', 'k400-000000000000', 'h')(answer(400));
    assert.deepEqual(store.lookup('a', 'k400-000000000000', 'h'), {kind: 'refused'});
    assert.deepEqual(store.lookup('a', 'k400-000000000000', 'other-body'), {kind: 'refused'}, 'no order: another body is a new create');
    store.start('a', 'k429-000000000000', 'h')(answer(429));
    assert.deepEqual(store.lookup('a', 'k429-000000000000', 'h'), {kind: 'refused'});
    // Sent again: in flight, then its own outcome replaces the refusal.
    store.start('a', 'k400-000000000000', 'h')(answer(200, '{"order_id":"y"}'));
    assert.equal(store.lookup('a', 'k400-000000000000', 'h').kind, 'replay');
    store.start('a', 'k408-000000000000', 'h')(answer(408));
    assert.deepEqual(store.lookup('a', 'k408-000000000000', 'h'), {kind: 'unknown'});
    store.start('a', 'k502-000000000000', 'h')(answer(502));
    assert.deepEqual(store.lookup('a', 'k502-000000000000', 'h'), {kind: 'unknown'});
    store.start('a', 'kbig-000000000000', 'h')(answer(200, 'x'.repeat(101)));
    assert.deepEqual(store.lookup('a', 'kbig-000000000000', 'h'), {kind: 'unknown'});
    // Refused by the proxy itself (rate limited): the same; never over a real outcome.
    store.refuse('a', 'kown-000000000000', 'h');
    assert.deepEqual(store.lookup('a', 'kown-000000000000', 'h'), {kind: 'refused'});
    store.refuse('a', 'k502-000000000000', 'h');
    assert.deepEqual(store.lookup('a', 'k502-000000000000', 'h'), {kind: 'unknown'}, 'an unknown outcome stays unknown');
  });

  test('a flood of keys the proxy refused itself never pushes out the keys of real requests', async () => {
    let now = 0;
    const store = createIdempotencyStore(config, () => now);
    store.start('victim', KEY, 'h')(answer(200, '{"order_id":"v"}'));
    const settleInFlight = store.start('victim', 'kfly-000000000000', 'h');
    store.start('victim', 'k502-000000000000', 'h')(answer(502));
    // Refusals cost the flooder nothing upstream (its rate limit answers 429): many more than the store holds.
    for (let i = 0; i < 20; i++) store.refuse('flood', `kflood-${String(i).padStart(12, '0')}`, 'h');
    assert.equal(store.lookup('victim', KEY, 'h').kind, 'replay', 'the created order is still replayed');
    assert.equal(store.lookup('victim', 'kfly-000000000000', 'h').kind, 'wait');
    assert.deepEqual(store.lookup('victim', 'k502-000000000000', 'h'), {kind: 'unknown'});
    // The refusals are bounded too: the newest are kept, the oldest forgotten.
    assert.deepEqual(store.lookup('flood', `kflood-${'19'.padStart(12, '0')}`, 'h'), {kind: 'refused'});
    assert.deepEqual(store.lookup('flood', `kflood-${'0'.padStart(12, '0')}`, 'h'), {kind: 'miss'});
    assert.equal(store.size(), 3 + 3);
    // A refused key sent for real leaves the refusals: its own outcome stands.
    store.start('flood', `kflood-${'19'.padStart(12, '0')}`, 'h')(answer(200, '{"order_id":"f"}'));
    assert.equal(store.lookup('flood', `kflood-${'19'.padStart(12, '0')}`, 'h').kind, 'replay');
    assert.deepEqual(store.lookup('victim', KEY, 'h'), {kind: 'miss'}, 'real requests share their own bound: the oldest goes');
    settleInFlight(answer(201));
    now = 1000;
    assert.deepEqual(store.lookup('flood', `kflood-${'18'.padStart(12, '0')}`, 'h'), {kind: 'miss'}, 'refusals expire too');
  });

  test('keys are per client, expire after the TTL and are bounded in number (oldest forgotten)', () => {
    let now = 0;
    const store = createIdempotencyStore(config, () => now);
    store.start('a', KEY, 'h')(answer(201));
    assert.deepEqual(store.lookup('b', KEY, 'h'), {kind: 'miss'}, 'another client never sees it');
    now = 999;
    assert.equal(store.lookup('a', KEY, 'h').kind, 'replay');
    now = 1000;
    assert.deepEqual(store.lookup('a', KEY, 'h'), {kind: 'miss'}, 'expired');
    for (const k of ['k1', 'k2', 'k3', 'k4']) store.start('a', k, 'h')(answer(201));
    assert.equal(store.size(), 3);
    assert.deepEqual(store.lookup('a', 'k1', 'h'), {kind: 'miss'});
    assert.equal(store.lookup('a', 'k4', 'h').kind, 'replay');
  });

  test('configuration: on by default, CR_IDEMPOTENCY_MAX_KEYS / _TTL_MS tune it, 0 turns it off', () => {
    assert.deepEqual(resolveConfig({apiUrl: 'http://127.0.0.1:1', partnerId: 'p', appVersion: '1', allowedOrigins: []}).idempotency, {maxKeys: 10_000, ttlMs: 900_000, maxAnswerBytes: 65_536});
    const env = {CR_API_URL: 'http://127.0.0.1:8788'};
    assert.deepEqual(configFromEnv({...env, CR_IDEMPOTENCY_MAX_KEYS: '50'}).idempotency, {maxKeys: 50});
    assert.equal(configFromEnv({...env, CR_IDEMPOTENCY_TTL_MS: '0'}).idempotency, false);
    assert.equal(resolveConfig(configFromEnv({...env, CR_IDEMPOTENCY_MAX_KEYS: '0'})).idempotency, false);
    assert.equal(configFromEnv(env).idempotency, undefined, 'unset: the default');
  });
});

describe('the handler with keys, in front of a recording upstream', () => {
  let upstream: RecordingUpstream;
  let handler: ProxyHandler;
  let orders = 0;
  const createdOrder: (req: RecordedRequest, res: ServerResponse) => void = (_req, res) => {
    orders++;
    res.writeHead(200, {'Content-Type': 'application/json'});
    res.end(JSON.stringify({order_id: `order-${orders}`}));
  };
  /** Upstream answers every create with this status and JSON body. */
  const answering = (status: number, body: string) => (_req: RecordedRequest, res: ServerResponse) => {
    res.writeHead(status, {'Content-Type': 'application/json'});
    res.end(body);
  };
  const creates = () => upstream.requests.filter((r) => r.method === 'POST' && r.url === '/v5/orders').length;
  const post = (key: string | undefined, body: unknown = {payment: {coin: 'USDC'}}, init: {client?: string; signal?: AbortSignal; resend?: boolean} = {}) =>
    handler(
      new Request('http://x/v5/orders', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: {
          'content-type': 'application/json',
          origin: ORIGIN,
          ...(key ? {'idempotency-key': key} : {}),
          ...(init.resend ? {'idempotency-resend': '1'} : {}),
        },
        ...(init.signal ? {signal: init.signal} : {}),
      }),
      {clientAddress: init.client ?? '192.0.2.1'},
    );

  before(async () => {
    upstream = await startRecordingUpstream(createdOrder);
    handler = createProxyHandler({apiUrl: upstream.url, partnerId: PARTNER_ID, appVersion: APP_VERSION, allowedOrigins: [ORIGIN]});
  });
  after(() => upstream.close());

  test('every answer says keys are supported (the widget learns it before it creates)', async () => {
    const res = await handler(new Request('http://x/v3/payment_vias', {headers: {origin: ORIGIN}}));
    assert.equal(res.headers.get('idempotency-key-supported'), '1');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Idempotency-Key-Supported/);
    await res.body?.cancel();
  });

  test('the same key and body twice: one order upstream, the same answer twice, the second marked replayed', async () => {
    upstream.respond(createdOrder);
    const before = creates();
    const first = await post(KEY);
    const second = await post(KEY, {payment: {coin: 'USDC'}});
    assert.equal(creates() - before, 1);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    const [a, b] = [await first.json(), await second.json()];
    assert.deepEqual(a, b);
    assert.equal(first.headers.get('idempotency-replayed'), null);
    assert.equal(second.headers.get('idempotency-replayed'), 'true');
    assert.equal(second.headers.get('idempotency-key'), KEY);
    assert.equal(second.headers.get('access-control-allow-origin'), ORIGIN);
    assert.equal(upstream.requests.at(-1)!.headers['idempotency-key'], undefined, 'the key is the proxy\'s, never forwarded');
  });

  test('two at once with one key: one reaches upstream, both get its order', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    upstream.respond(async (req, res) => {
      await held;
      createdOrder(req, res);
    });
    const before = creates();
    const key = 'concurrent-key-0000000001';
    const both = Promise.all([post(key), post(key)]);
    await waitFor(() => creates() - before === 1);
    await new Promise((r) => setTimeout(r, 50));
    release();
    const [a, b] = await both;
    assert.equal(creates() - before, 1);
    assert.deepEqual(await a.json(), await b.json());
    upstream.respond(createdOrder);
  });

  test('the key with another body is refused 422 without reaching upstream; a malformed key 400', async () => {
    upstream.respond(createdOrder);
    const key = 'reused-key-00000000000001';
    await (await post(key, {a: 1})).text();
    const before = creates();
    const reused = await post(key, {a: 2});
    assert.equal(reused.status, 422);
    assert.equal((await reused.json()).error.code, 'IDEMPOTENCY_KEY_REUSED');
    const bad = await post('not a key');
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, 'INVALID_IDEMPOTENCY_KEY');
    assert.equal(creates(), before);
  });

  test('after a 5xx the outcome is unknown: a resend is answered 409 and never sent upstream again', async () => {
    upstream.respond(answering(503, '{"message":"busy"}'));
    const key = 'after-5xx-key-00000000001';
    assert.equal((await post(key)).status, 503);
    upstream.respond(createdOrder);
    const before = creates();
    const again = await post(key);
    assert.equal(again.status, 409);
    assert.equal((await again.json()).error.code, 'IDEMPOTENCY_OUTCOME_UNKNOWN');
    assert.equal(creates(), before);
  });

  test('a 2xx that is not an order (cut off, garbled) is not replayed: its outcome is unknown, and upstream is not asked again', async () => {
    for (const body of ['{"order_id":"5d653031-7aac-405a-a27d', '<html>oops</html>', '{"ok":true}']) {
      upstream.respond(answering(200, body));
      const key = `cut-off-key-${String(body.length).padStart(13, '0')}`;
      const first = await post(key);
      assert.equal(first.status, 200);
      assert.equal(await first.text(), body, 'the first answer is relayed as it came');
      upstream.respond(createdOrder);
      const before = creates();
      const again = await post(key);
      assert.equal(again.status, 409, body);
      assert.equal((await again.json()).error.code, 'IDEMPOTENCY_OUTCOME_UNKNOWN');
      assert.equal(creates(), before, 'never sent upstream again: the first may have made the order');
    }
  });

  test('a resend (marked by the widget) of a key this proxy does not know is 409 and never forwarded; a known one is replayed', async () => {
    const before = creates();
    const unknown = await post('resend-unknown-key-000001', undefined, {resend: true});
    assert.equal(unknown.status, 409);
    assert.equal((await unknown.json()).error.code, 'IDEMPOTENCY_OUTCOME_UNKNOWN');
    assert.equal(creates(), before, 'nothing reached upstream');
    // From another client address the key is unknown too (the phone moved from Wi-Fi to mobile data).
    upstream.respond(createdOrder);
    const key = 'resend-known-key-00000001';
    assert.equal((await post(key)).status, 200);
    assert.equal((await post(key, undefined, {resend: true, client: '198.51.100.7'})).status, 409);
    const replayed = await post(key, undefined, {resend: true});
    assert.equal(replayed.status, 200);
    assert.equal(replayed.headers.get('idempotency-replayed'), 'true');
    assert.equal(creates() - before, 1, 'one create upstream in all');
  });

  test('after a 4xx refusal no order exists: a repeat with the key goes upstream again, also one marked as a resend', async () => {
    upstream.respond(answering(400, '{"problems":[{"problem":"OUT_OF_STOCK"}]}'));
    const key = 'after-4xx-key-00000000001';
    assert.equal((await post(key)).status, 400);
    upstream.respond(createdOrder);
    const before = creates();
    const again = await post(key);
    assert.equal(again.status, 200);
    assert.equal(creates() - before, 1);

    // The widget lost the answer of a refusal (a 429 here) and sends the create again, marked: it is forwarded, since
    // the proxy knows no order exists, and makes exactly one.
    upstream.respond(answering(429, '{"detail":"slow down"}'));
    const lostKey = 'after-429-key-00000000001';
    assert.equal((await post(lostKey)).status, 429);
    upstream.respond(createdOrder);
    const beforeResend = creates();
    const resent = await post(lostKey, undefined, {resend: true});
    assert.equal(resent.status, 200);
    assert.equal(creates() - beforeResend, 1, 'forwarded once');
    const replayed = await post(lostKey, undefined, {resend: true});
    assert.equal(replayed.headers.get('idempotency-replayed'), 'true', 'and then replayed, like any created order');
    assert.equal(creates() - beforeResend, 1);
  });

  test('the browser leaving mid-create does not abandon it: the resend gets the order created meanwhile', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    upstream.respond(async (req, res) => {
      await held;
      createdOrder(req, res);
    });
    const key = 'left-mid-create-000000001';
    const before = creates();
    const abort = new AbortController();
    const first = post(key, undefined, {signal: abort.signal});
    await waitFor(() => creates() - before === 1);
    abort.abort();
    release();
    await (await first).text().catch(() => '');
    const again = await post(key);
    assert.equal(again.status, 200);
    assert.match((await again.json()).order_id, /^order-/);
    assert.equal(creates() - before, 1);
    upstream.respond(createdOrder);
  });

  test('keys are per client address; creates without a key behave as before (each one reaches upstream)', async () => {
    upstream.respond(createdOrder);
    const key = 'per-client-key-0000000001';
    const before = creates();
    await (await post(key, undefined, {client: '192.0.2.10'})).text();
    await (await post(key, undefined, {client: '192.0.2.11'})).text();
    await (await post(undefined)).text();
    await (await post(undefined)).text();
    assert.equal(creates() - before, 4);
  });

  test('a replay costs no rate-limit token; the one real create does', async () => {
    upstream.respond(createdOrder);
    const limited = createProxyHandler({
      apiUrl: upstream.url, partnerId: PARTNER_ID, appVersion: APP_VERSION, allowedOrigins: [ORIGIN], orderRateLimit: {capacity: 1, refillPerMinute: 1},
    });
    const send = (key?: string) =>
      limited(new Request('http://x/v5/orders', {method: 'POST', body: '{}', headers: {'content-type': 'application/json', ...(key ? {'idempotency-key': key} : {})}}), {
        clientAddress: '192.0.2.20',
      });
    assert.equal((await send(KEY)).status, 200);
    for (let i = 0; i < 3; i++) assert.equal((await send(KEY)).status, 200, 'replayed');
    assert.equal((await send()).status, 429, 'a new create has no token left');
  });

  test('a keyed create the proxy rate-limits is remembered as refused: its marked resend goes through once a token is back', async () => {
    upstream.respond(createdOrder);
    const limited = createProxyHandler({
      apiUrl: upstream.url, partnerId: PARTNER_ID, appVersion: APP_VERSION, allowedOrigins: [ORIGIN], orderRateLimit: {capacity: 1, refillPerMinute: 600},
    });
    const send = (key: string, resend = false) =>
      limited(
        new Request('http://x/v5/orders', {
          method: 'POST',
          body: '{}',
          headers: {'content-type': 'application/json', 'idempotency-key': key, ...(resend ? {'idempotency-resend': '1'} : {})},
        }),
        {clientAddress: '192.0.2.21'},
      );
    assert.equal((await send('limited-first-key-0000001')).status, 200, 'takes the only token');
    const key = 'limited-second-key-000001';
    assert.equal((await send(key)).status, 429, 'refused by the proxy itself');
    await new Promise((r) => setTimeout(r, 250)); // 600 a minute: a token is back after 100 ms
    const before = creates();
    const resent = await send(key, true);
    assert.equal(resent.status, 200, 'the resend of a refused key is forwarded, not "outcome unknown"');
    assert.equal(creates() - before, 1);
  });

  test('turned off: the header is ignored and not advertised', async () => {
    upstream.respond(createdOrder);
    const off = createProxyHandler({apiUrl: upstream.url, partnerId: PARTNER_ID, appVersion: APP_VERSION, allowedOrigins: [], idempotency: false});
    const before = creates();
    for (let i = 0; i < 2; i++) {
      const res = await off(new Request('http://x/v5/orders', {method: 'POST', body: '{}', headers: {'content-type': 'application/json', 'idempotency-key': KEY}}));
      assert.equal(res.headers.get('idempotency-key-supported'), null);
      await res.text();
    }
    assert.equal(creates() - before, 2);
    upstream.respond(jsonOk);
  });
});

describe('through the real proxy to the sandbox', () => {
  let servers: TestServers;
  before(async () => {
    servers = await startTestServers([ORIGIN]);
  });
  after(() => servers.close());

  test('a create resent with its key makes one sandbox order, and both answers carry it', async () => {
    const controls = sandboxControls(servers.sandboxUrl);
    await controls.reset();
    const body = {
      user: {email: 'buyer@example.com'},
      payment: {type: 'via', payment_via: 'USER_WALLET', coin: 'USDC', network: 'Solana'},
      deliveries: [{brand_name: 'Steam', country_code: 'US', denomination: '20 USD', beneficiary_account: 'buyer@example.com'}],
      lang: 'en',
    };
    const send = () =>
      fetch(`${servers.proxyUrl}/v5/orders`, {
        method: 'POST',
        headers: {'content-type': 'application/json', origin: ORIGIN, 'idempotency-key': KEY},
        body: JSON.stringify(body),
      });
    const first = (await (await send()).json()) as {order_id: string};
    const second = (await (await send()).json()) as {order_id: string};
    assert.match(first.order_id, /^[0-9a-f-]{36}$/);
    assert.equal(second.order_id, first.order_id);
    assert.equal((await controls.stats()).orders, 1);
  });

  test('the browser gone while the sandbox is slow to create (a reload): the node server keeps the create, the resend waits for it', async () => {
    const controls = sandboxControls(servers.sandboxUrl);
    await controls.reset();
    await controls.fault({kind: 'slow', endpoint: 'createOrder', ms: 800, times: 1});
    const key = 'reload-mid-create-0000001';
    const body = JSON.stringify({
      user: {email: 'buyer@example.com'},
      payment: {type: 'via', payment_via: 'USER_WALLET', coin: 'USDC', network: 'Solana'},
      deliveries: [{brand_name: 'Steam', country_code: 'US', denomination: '20 USD', beneficiary_account: 'buyer@example.com'}],
      lang: 'en',
    });
    const init = (signal?: AbortSignal): RequestInit => ({
      method: 'POST', headers: {'content-type': 'application/json', origin: ORIGIN, 'idempotency-key': key}, body, ...(signal ? {signal} : {}),
    });
    const leaving = new AbortController();
    const first = fetch(`${servers.proxyUrl}/v5/orders`, init(leaving.signal)).catch((error: unknown) => error);
    await waitFor(async () => ((await controls.stats()).counts['createOrder'] ?? 0) === 1);
    leaving.abort();
    await first;
    const again = await fetch(`${servers.proxyUrl}/v5/orders`, init());
    assert.equal(again.status, 200);
    const order = (await again.json()) as {order_id: string};
    const stats = await controls.stats();
    assert.equal(stats.orders, 1);
    assert.equal(stats.counts['createOrder'], 1, 'the resend never reached the sandbox');
    assert.match(order.order_id, /^[0-9a-f-]{36}$/);
  });
});
