// The real proxy in front of the real sandbox upstream: a whole order's life through the proxy, the live stream,
// disconnects seen from the upstream side, and the sandbox's faults relayed as the widget will see them.
import assert from 'node:assert/strict';
import {after, before, beforeEach, describe, test} from 'node:test';
import {startSandbox, type SandboxServer} from '../../src/sandbox/server.js';
import {startProxy} from '../../src/proxy/server.js';
import {sandboxControls, type SandboxControls} from '../support/sandbox-controls.js';
import {startTestServers, TEST_PARTNER_ID, type TestServers} from '../support/servers.js';
import {ORIGIN, waitFor} from './harness.js';

let servers: TestServers;
let controls: SandboxControls;
before(async () => {
  servers = await startTestServers([ORIGIN]);
  controls = sandboxControls(servers.sandboxUrl);
});
after(() => servers.close());
beforeEach(() => controls.reset());

const orderBody = (email = 'buyer@example.com') => ({
  user: {email},
  payment: {type: 'via', payment_via: 'USER_WALLET', coin: 'USDC', network: 'Solana'},
  deliveries: [{brand_name: 'Amazon.com', country_code: 'us', denomination: '25 USD', beneficiary_account: email}],
  lang: 'en',
});

async function createOrder(): Promise<{order_id: string; order_state: string}> {
  const res = await fetch(`${servers.proxyUrl}/v5/orders`, {
    method: 'POST',
    headers: {'content-type': 'application/json', origin: ORIGIN, cookie: 'shop_session=1', 'user-agent': 'Shopper/1'},
    body: JSON.stringify(orderBody()),
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
  return (await res.json()) as {order_id: string; order_state: string};
}

/** Frames of an SSE body, read as they arrive; `next()` resolves with the next complete event. */
function sseEvents(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let raw = '';
  return {
    raw: () => raw,
    async next(timeoutMs = 3000): Promise<{event: string; data: string; id?: string} | undefined> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.search(/\n\n/);
        if (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n').filter((l) => !l.startsWith(':'));
          if (lines.length === 0) continue;
          const field = (name: string) => lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).replace(/^ /, ''));
          const id = field('id')[0];
          const event = {event: field('event')[0] ?? 'message', data: field('data').join('\n')};
          return id === undefined ? event : {...event, id};
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms; got ${JSON.stringify(raw)}`);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const chunk = await Promise.race([reader.read(), new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), left)))]);
        clearTimeout(timer);
        if (chunk === 'timeout') continue;
        if (chunk.done) return undefined;
        const text = decoder.decode(chunk.value, {stream: true});
        raw += text;
        buffer += text.replace(/\r\n?/g, '\n');
      }
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}

describe('through the proxy to the sandbox', () => {
  test('the catalogue and an order reach the sandbox with the partner headers and nothing from the browser', async () => {
    const brands = await fetch(`${servers.proxyUrl}/v2/brands?country_code=US`, {headers: {origin: ORIGIN, cookie: 'a=1'}});
    assert.equal(brands.status, 200);
    assert.ok(((await brands.json()) as {all_brands: unknown[]}).all_brands.length > 0);
    const order = await createOrder();
    assert.equal(order.order_state, 'WaitingForPayment');

    const stats = await controls.stats();
    const post = stats.requests.find((r) => r.endpoint === 'createOrder');
    assert.ok(post, 'the sandbox logged the order POST');
    assert.equal(stats.counts.createOrder, 1);
    assert.equal(post.headers['x-cr-application'], TEST_PARTNER_ID);
    assert.equal(post.headers['x-cr-version'], 'test');
    assert.equal(post.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(post.headers['x-country-iso-code'], 'US');
    assert.equal(post.headers['user-agent'], 'Shopper/1');
    assert.equal(post.headers['content-type'], 'application/json');
    for (const r of stats.requests) {
      assert.equal(r.headers.cookie, undefined);
      assert.equal(r.headers.origin, undefined);
    }
  });

  test('an order\'s life arrives frame by frame over the stream, then stop ends it', async () => {
    const {order_id: id} = await createOrder();
    const res = await fetch(`${servers.proxyUrl}/v5/orders/${id}/subscribe`, {headers: {origin: ORIGIN, accept: 'text/event-stream'}});
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = sseEvents(res.body!);
    try {
      const snapshot = await events.next();
      assert.equal(JSON.parse(snapshot!.data).order_state, 'WaitingForPayment');
      const seen: string[] = [];
      for (const action of ['pay', 'confirm', 'deliver'] as const) {
        await controls.act(id, action, action === 'pay' ? {amount: 'exact'} : {});
        // Each change must come through before the next one is made: no buffering anywhere on the way.
        for (let i = 0; i < 5; i++) {
          const e = await events.next();
          assert.ok(e, 'stream ended early');
          if (e.event === 'message') {
            seen.push(JSON.parse(e.data).order_state as string);
            break;
          }
        }
      }
      assert.equal(seen.at(-1), 'Done', seen.join(' → '));
      let stop: {event: string} | undefined;
      for (let i = 0; i < 5 && stop?.event !== 'stop'; i++) stop = await events.next();
      assert.equal(stop?.event, 'stop');
      assert.equal(await events.next(), undefined, 'the stream ends after stop');
    } finally {
      await events.cancel();
    }
    await waitFor(async () => (await controls.stats()).openStreams === 0, 2000);
  });

  test('leaving the stream closes the upstream one quickly (open-stream count back to 0)', async () => {
    const {order_id: id} = await createOrder();
    const streams = await Promise.all(
      [1, 2, 3].map(async () => sseEvents((await fetch(`${servers.proxyUrl}/v5/orders/${id}/subscribe`)).body!)),
    );
    for (const s of streams) assert.ok(await s.next());
    assert.equal((await controls.stats()).openStreams, 3);
    for (const s of streams) await s.cancel();
    const started = Date.now();
    await waitFor(async () => (await controls.stats()).openStreams === 0, 2000);
    assert.ok(Date.now() - started < 1000);
  });

  test('Last-Event-ID from a reconnecting browser reaches the sandbox', async () => {
    const {order_id: id} = await createOrder();
    const first = sseEvents((await fetch(`${servers.proxyUrl}/v5/orders/${id}/subscribe`)).body!);
    const snapshot = await first.next();
    await first.cancel();
    assert.ok(snapshot?.id, 'the sandbox numbers its frames');
    await controls.act(id, 'pay', {amount: 'exact'});
    const again = await fetch(`${servers.proxyUrl}/v5/orders/${id}/subscribe`, {headers: {'last-event-id': snapshot.id}});
    const resumed = sseEvents(again.body!);
    try {
      const e = await resumed.next();
      assert.notEqual(JSON.parse(e!.data).order_state, 'WaitingForPayment');
    } finally {
      await resumed.cancel();
    }
    const logged = (await controls.stats()).requests.filter((r) => r.endpoint === 'subscribe');
    assert.equal(logged.at(-1)?.headers['last-event-id'], snapshot.id);
  });

  test('sandbox 5xx and 429 faults pass through with status, body and Retry-After', async () => {
    await controls.fault({kind: 'server-error', endpoint: 'paymentVias', status: 503, times: 1});
    const a = await fetch(`${servers.proxyUrl}/v3/payment_vias`, {headers: {origin: ORIGIN}});
    assert.equal(a.status, 503);
    assert.deepEqual(await a.json(), {message: 'Service Unavailable'});
    await controls.fault({kind: 'rate-limit', endpoint: 'paymentVias', retryAfter: 7, times: 1});
    const b = await fetch(`${servers.proxyUrl}/v3/payment_vias`, {headers: {origin: ORIGIN}});
    assert.equal(b.status, 429);
    assert.equal(b.headers.get('retry-after'), '7');
    await b.body?.cancel();
    const c = await fetch(`${servers.proxyUrl}/v3/payment_vias`);
    assert.equal(c.status, 200);
    await c.body?.cancel();
  });

  test('unknown order ids are relayed as the sandbox answers them; malformed ones never reach it', async () => {
    const before = (await controls.stats()).requests.length;
    const bad = await fetch(`${servers.proxyUrl}/v5/orders/not-an-id`);
    assert.equal(bad.status, 404);
    assert.equal(((await bad.json()) as {error: {code: string}}).error.code, 'NOT_FOUND');
    assert.equal((await controls.stats()).requests.length, before);
    const unknown = await fetch(`${servers.proxyUrl}/v5/orders/00000000-0000-4000-8000-000000000000`);
    assert.equal(unknown.status, 404);
    assert.ok('message' in ((await unknown.json()) as object), 'the sandbox\'s own {message} body');
  });
});

describe('proxy timing in front of the sandbox', () => {
  let sandbox: SandboxServer;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  let sb: SandboxControls;
  before(async () => {
    sandbox = await startSandbox({port: 0, keepAliveMs: 60_000});
    sb = sandboxControls(sandbox.url);
    proxy = await startProxy(
      {apiUrl: sandbox.url, partnerId: TEST_PARTNER_ID, appVersion: 't', allowedOrigins: [], upstreamTimeoutMs: 300, keepAliveMs: 100},
      {port: 0},
    );
  });
  after(async () => {
    await proxy.close();
    await sandbox.close();
  });

  test('a slow sandbox answer beyond upstreamTimeoutMs is a 504 in bounded time', async () => {
    await sb.fault({kind: 'slow', endpoint: 'brands', ms: 2000, times: 1});
    const started = Date.now();
    const res = await fetch(`${proxy.url}/v2/brands?country_code=US`);
    assert.equal(res.status, 504);
    assert.equal(((await res.json()) as {error: {code: string}}).error.code, 'UPSTREAM_TIMEOUT');
    assert.ok(Date.now() - started < 1500, `${Date.now() - started} ms`);
  });

  test('the proxy\'s own keep-alives fill a quiet stream', async () => {
    const create = await fetch(`${proxy.url}/v5/orders`, {
      method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(orderBody()),
    });
    const {order_id: id} = (await create.json()) as {order_id: string};
    const events = sseEvents((await fetch(`${proxy.url}/v5/orders/${id}/subscribe`)).body!);
    try {
      assert.ok(await events.next());
      await waitFor(async () => {
        // Reading a bit more each time; keep-alive comments are skipped as events but kept in raw.
        await events.next(150).catch(() => undefined);
        return (events.raw().match(/^: keep-alive$/gm) ?? []).length >= 2;
      }, 2000);
    } finally {
      await events.cancel();
    }
    await waitFor(async () => (await sb.stats()).openStreams === 0, 2000);
  });
});
