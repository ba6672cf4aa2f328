// Upstream down or slow: a clear JSON error within a bounded time, and no connection left behind.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {freePort} from '../support/free-port.js';
import {startProxy} from '../../src/proxy/server.js';
import {ORDER_ID, ORIGIN, PARTNER_ID, startHarness, waitFor} from './harness.js';

async function errorOf(res: Response): Promise<{code: string; message: string}> {
  const text = await res.text();
  assert.ok(!text.includes(PARTNER_ID));
  return (JSON.parse(text) as {error: {code: string; message: string}}).error;
}

describe('upstream unreachable', () => {
  test('a closed port is a 502 UPSTREAM_UNREACHABLE, quickly, with CORS for the widget', async () => {
    const port = await freePort();
    const proxy = await startProxy(
      {apiUrl: `http://127.0.0.1:${port}`, partnerId: PARTNER_ID, appVersion: '1', allowedOrigins: [ORIGIN]},
      {port: 0},
    );
    try {
      const started = Date.now();
      const res = await fetch(`${proxy.url}/v3/payment_vias`, {headers: {origin: ORIGIN}});
      assert.equal(res.status, 502);
      assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal((await errorOf(res)).code, 'UPSTREAM_UNREACHABLE');
      assert.ok(Date.now() - started < 2000);
    } finally {
      await proxy.close();
    }
  });
});

describe('upstream slow', () => {
  test('no answer within upstreamTimeoutMs is a 504 UPSTREAM_TIMEOUT, and the upstream request is abandoned', async () => {
    const h = await startHarness({upstreamTimeoutMs: 200}, () => {
      // Never answers.
    });
    try {
      const started = Date.now();
      const res = await fetch(`${h.url}/v3/payment_vias`);
      const elapsed = Date.now() - started;
      assert.equal(res.status, 504);
      assert.equal((await errorOf(res)).code, 'UPSTREAM_TIMEOUT');
      assert.ok(elapsed >= 190 && elapsed < 1500, `took ${elapsed} ms`);
      await waitFor(() => h.upstream.open() === 0, 1000);
    } finally {
      await h.close();
    }
  });

  test('headers in time but a body that stalls is also a 504 for JSON calls', async () => {
    const h = await startHarness({upstreamTimeoutMs: 200}, (_req, res) => {
      res.writeHead(200, {'Content-Type': 'application/json'});
      res.write('{"partial":');
    });
    try {
      const res = await fetch(`${h.url}/v2/brands?country_code=US`);
      assert.equal(res.status, 504);
      assert.equal((await errorOf(res)).code, 'UPSTREAM_TIMEOUT');
    } finally {
      await h.close();
    }
  });

  test('a POST that times out is a 504 too', async () => {
    const h = await startHarness({upstreamTimeoutMs: 150}, () => undefined);
    try {
      const res = await fetch(`${h.url}/v5/orders`, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'});
      assert.equal(res.status, 504);
      await res.body?.cancel();
    } finally {
      await h.close();
    }
  });

  test('a slow answer inside the timeout is relayed', async () => {
    const h = await startHarness({upstreamTimeoutMs: 1000}, (_req, res) => {
      setTimeout(() => {
        res.writeHead(200, {'Content-Type': 'application/json'});
        res.end('{"late":true}');
      }, 150);
    });
    try {
      const res = await fetch(`${h.url}/v3/payment_vias`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), {late: true});
    } finally {
      await h.close();
    }
  });

  test('for an event stream the timeout covers only the response headers', async () => {
    const h = await startHarness({upstreamTimeoutMs: 150, keepAliveMs: 0}, (_req, res) => {
      res.writeHead(200, {'Content-Type': 'text/event-stream'});
      res.flushHeaders();
      setTimeout(() => res.end('data: {"after":"timeout"}\n\n'), 400);
    });
    try {
      const res = await fetch(`${h.url}/v5/orders/${ORDER_ID}/subscribe`);
      assert.equal(res.status, 200);
      assert.equal(await res.text(), 'data: {"after":"timeout"}\n\n');
    } finally {
      await h.close();
    }
  });

  test('an event stream whose headers never come is a 504', async () => {
    const h = await startHarness({upstreamTimeoutMs: 150}, () => undefined);
    try {
      const res = await fetch(`${h.url}/v5/orders/${ORDER_ID}/subscribe`);
      assert.equal(res.status, 504);
      await res.body?.cancel();
      await waitFor(() => h.upstream.open() === 0, 1000);
    } finally {
      await h.close();
    }
  });

  test('a subscribe that upstream answers with JSON (e.g. 404) is relayed as JSON, not as a stream', async () => {
    const h = await startHarness({}, (_req, res) => {
      res.writeHead(404, {'Content-Type': 'application/json'});
      res.end('{"message":"order not found"}');
    });
    try {
      const res = await fetch(`${h.url}/v5/orders/${ORDER_ID}/subscribe`);
      assert.equal(res.status, 404);
      assert.match(res.headers.get('content-type') ?? '', /json/);
      assert.equal(await res.text(), '{"message":"order not found"}');
    } finally {
      await h.close();
    }
  });

  test('a client that leaves while upstream is thinking aborts the upstream request', async () => {
    const h = await startHarness({upstreamTimeoutMs: 10_000}, () => undefined);
    try {
      const abort = new AbortController();
      const pending = fetch(`${h.url}/v3/payment_vias`, {signal: abort.signal}).catch(() => 'aborted');
      await waitFor(() => h.upstream.open() === 1);
      abort.abort();
      assert.equal(await pending, 'aborted');
      await waitFor(() => h.upstream.open() === 0, 1000);
    } finally {
      await h.close();
    }
  });

  test('an over-large upstream answer is a 502, not an unbounded buffer', async () => {
    const h = await startHarness({maxUpstreamBodyBytes: 1024}, (_req, res) => {
      res.writeHead(200, {'Content-Type': 'application/json'});
      res.end(JSON.stringify({pad: 'x'.repeat(4096)}));
    });
    try {
      const res = await fetch(`${h.url}/v3/payment_vias`);
      assert.equal(res.status, 502);
      assert.equal((await errorOf(res)).code, 'UPSTREAM_BAD_RESPONSE');
    } finally {
      await h.close();
    }
  });
});
