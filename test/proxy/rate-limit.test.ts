// Per-client token buckets on order creation (and validation): the proxy is not an open relay for the partner's
// credentials.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createRateLimiter, MAX_BUCKETS} from '../../src/proxy/rate-limit.js';
import {createProxyHandler} from '../../src/proxy/handler.js';
import {jsonOk, startRecordingUpstream} from './recording-upstream.js';
import {ORIGIN, PARTNER_ID, startHarness} from './harness.js';

describe('token bucket', () => {
  test('allows a burst, then refuses with the seconds until the next token, then refills', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({capacity: 3, refillPerMinute: 6}, () => now);
    assert.deepEqual([limiter.take('a'), limiter.take('a'), limiter.take('a')], [0, 0, 0]);
    assert.equal(limiter.take('a'), 10); // 6 a minute: one token every 10 s
    now += 5_000;
    assert.equal(limiter.take('a'), 5);
    now += 5_000;
    assert.equal(limiter.take('a'), 0);
    assert.ok(limiter.take('a') > 0);
    now += 60_000;
    assert.deepEqual([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a') > 0], [0, 0, 0, true]);
  });

  test('clients have separate buckets', () => {
    const limiter = createRateLimiter({capacity: 1, refillPerMinute: 1}, () => 0);
    assert.equal(limiter.take('a'), 0);
    assert.ok(limiter.take('a') > 0);
    assert.equal(limiter.take('b'), 0);
  });

  test('memory stays bounded under a flood of addresses', () => {
    let now = 0;
    const limiter = createRateLimiter({capacity: 1, refillPerMinute: 1}, () => now);
    assert.equal(limiter.take('victim'), 0);
    for (let i = 0; i < MAX_BUCKETS; i++) limiter.take(`flood-${i}`);
    now += 1;
    // The victim's bucket was the least recently used and has been forgotten: it starts full again.
    assert.equal(limiter.take('victim'), 0);
  });
});

describe('through the proxy', () => {
  test('POST /v5/orders beyond the burst is a 429 with Retry-After and never reaches upstream', async () => {
    const h = await startHarness({orderRateLimit: {capacity: 2, refillPerMinute: 1}});
    try {
      const post = () =>
        fetch(`${h.url}/v5/orders`, {
          method: 'POST',
          headers: {'content-type': 'application/json', origin: ORIGIN},
          body: '{"deliveries":[]}',
        });
      assert.equal((await post()).status, 200);
      assert.equal((await post()).status, 200);
      const refused = await post();
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '60');
      assert.equal(refused.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal((await refused.json()).error.code, 'RATE_LIMITED');
      assert.equal(h.upstream.requests.filter((r) => r.url === '/v5/orders').length, 2);
      // Other endpoints are not limited by the order bucket.
      assert.equal((await fetch(`${h.url}/v3/payment_vias`)).status, 200);
    } finally {
      await h.close();
    }
  });

  test('buckets are per client address, and can be turned off', async () => {
    const upstream = await startRecordingUpstream();
    try {
      const config = {apiUrl: upstream.url, partnerId: PARTNER_ID, appVersion: '1', allowedOrigins: []};
      const limited = createProxyHandler({...config, orderRateLimit: {capacity: 1, refillPerMinute: 1}});
      const order = () => new Request('http://x/v5/orders', {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'});
      assert.equal((await limited(order(), {clientAddress: '192.0.2.1'})).status, 200);
      assert.equal((await limited(order(), {clientAddress: '192.0.2.1'})).status, 429);
      assert.equal((await limited(order(), {clientAddress: '192.0.2.2'})).status, 200);
      const open = createProxyHandler({...config, orderRateLimit: false});
      for (let i = 0; i < 12; i++) assert.equal((await open(order(), {clientAddress: '192.0.2.1'})).status, 200);
    } finally {
      await upstream.close();
    }
  });

  test('an IPv6 client is counted by its /64 network: another address of the same host shares its bucket and stream slots', async () => {
    // One IPv6 host may source requests from any of the 2^64 addresses of its network (privacy addresses, or just
    // `ip addr add`): counted per address, it would never meet a limit.
    const upstream = await startRecordingUpstream((req, res) => {
      if (req.url.endsWith('/subscribe')) {
        res.writeHead(200, {'Content-Type': 'text/event-stream'});
        res.flushHeaders();
        return;
      }
      jsonOk(req, res);
    });
    const open: Response[] = [];
    try {
      const handler = createProxyHandler({
        apiUrl: upstream.url,
        partnerId: PARTNER_ID,
        appVersion: '1',
        allowedOrigins: [],
        orderRateLimit: {capacity: 1, refillPerMinute: 1},
        maxStreamsPerClient: 1,
      });
      const order = () => new Request('http://x/v5/orders', {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'});
      assert.equal((await handler(order(), {clientAddress: '2001:db8:1:2::1'})).status, 200);
      for (const sibling of ['2001:db8:1:2::2', '2001:db8:1:2:8f3a:11:22:33', '2001:0db8:0001:0002:ffff::9', '2001:DB8:1:2::abcd']) {
        const refused = await handler(order(), {clientAddress: sibling});
        assert.equal(refused.status, 429, sibling);
        assert.equal((await refused.json()).error.code, 'RATE_LIMITED');
      }
      // Another network, and IPv4 clients, keep their own buckets.
      assert.equal((await handler(order(), {clientAddress: '2001:db8:1:3::1'})).status, 200);
      assert.equal((await handler(order(), {clientAddress: '192.0.2.7'})).status, 200);
      assert.equal((await handler(order(), {clientAddress: '192.0.2.8'})).status, 200);
      // Upstream still gets the client's own address.
      assert.equal(upstream.requests.at(-3)?.headers['x-forwarded-for'], '2001:db8:1:3::1');

      const subscribe = () => new Request('http://x/v5/orders/3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b/subscribe');
      const first = await handler(subscribe(), {clientAddress: '2001:db8:9:9::1'});
      assert.equal(first.status, 200);
      open.push(first);
      const second = await handler(subscribe(), {clientAddress: '2001:db8:9:9::2'});
      assert.equal(second.status, 429);
      assert.equal((await second.json()).error.code, 'TOO_MANY_STREAMS');
      const elsewhere = await handler(subscribe(), {clientAddress: '2001:db8:9:a::1'});
      assert.equal(elsewhere.status, 200);
      open.push(elsewhere);
    } finally {
      for (const r of open) await r.body?.cancel();
      await upstream.close();
    }
  });

  test('validations have their own, larger bucket', async () => {
    const h = await startHarness({validationRateLimit: {capacity: 1, refillPerMinute: 1}});
    try {
      const validate = () =>
        fetch(`${h.url}/v5/orders/validations`, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'});
      assert.equal((await validate()).status, 200);
      assert.equal((await validate()).status, 429);
      // Order creation still has its own tokens.
      const order = await fetch(`${h.url}/v5/orders`, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'});
      assert.equal(order.status, 200);
    } finally {
      await h.close();
    }
  });

  test('every read shares one bucket: catalogue, order reads, QR images and opening an event stream alike', async () => {
    const h = await startHarness({readRateLimit: {capacity: 3, refillPerMinute: 1}});
    const order = '11111111-2222-4333-8444-555555555555';
    try {
      const get = (path: string) => fetch(`${h.url}${path}`, {headers: {origin: ORIGIN}});
      assert.equal((await get('/v3/payment_vias')).status, 200);
      assert.equal((await get('/v2/brands?country_code=US')).status, 200);
      assert.equal((await get(`/v5/orders/${order}`)).status, 200);
      const refused = await get(`/v3/qrs/${order}`);
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '60');
      assert.equal(refused.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal((await refused.json()).error.code, 'RATE_LIMITED');
      assert.equal(h.upstream.requests.length, 3, 'the refused read never reached upstream');
      // Opening a stream takes a read too (the stream cap bounds how many are open, not how fast they are opened),
      // and is refused without reaching upstream; creating an order is not a read.
      const stream = await get(`/v5/orders/${order}/subscribe`);
      assert.equal(stream.status, 429);
      await stream.body?.cancel();
      assert.equal(h.upstream.requests.length, 3, 'the refused stream never reached upstream');
      const create = await fetch(`${h.url}/v5/orders`, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'});
      assert.equal(create.status, 200);
    } finally {
      await h.close();
    }
  });
});
