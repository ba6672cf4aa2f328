// The proxy as a plain fetch handler `(request, info?) => Promise<Response>`, with no node:http in between, as a
// Next.js route or an edge function would use it.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {after, before, describe, test} from 'node:test';
import {createProxyHandler, type ProxyHandler} from '../../src/proxy/handler.js';
import {startRecordingUpstream, type RecordingUpstream} from './recording-upstream.js';
import {APP_VERSION, ORIGIN, PARTNER_ID, waitFor} from './harness.js';

let upstream: RecordingUpstream;
let handler: ProxyHandler;
before(async () => {
  upstream = await startRecordingUpstream();
  handler = createProxyHandler({apiUrl: upstream.url, partnerId: PARTNER_ID, appVersion: APP_VERSION, allowedOrigins: [ORIGIN]});
});
after(() => upstream.close());

describe('createProxyHandler', () => {
  test('forwards a bare Request; without a client address no X-Forwarded-For is invented', async () => {
    const res = await handler(new Request('https://shop.example/v2/brands?country_code=de', {headers: {origin: ORIGIN}}));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    assert.deepEqual(await res.json(), {ok: true, path: '/v2/brands?country_code=de'});
    const up = upstream.requests.at(-1)!;
    assert.equal(up.headers['x-cr-application'], PARTNER_ID);
    assert.equal(up.headers['x-country-iso-code'], 'DE');
    assert.equal(up.headers['x-forwarded-for'], undefined);
  });

  test('passes the client address given by the runtime as X-Forwarded-For (IPv4-mapped form unwrapped)', async () => {
    await (await handler(new Request('http://x/v3/payment_vias'), {clientAddress: '::ffff:203.0.113.9'})).text();
    assert.equal(upstream.requests.at(-1)!.headers['x-forwarded-for'], '203.0.113.9');
    await (await handler(new Request('http://x/v3/payment_vias'), {clientAddress: '2001:db8::1'})).text();
    assert.equal(upstream.requests.at(-1)!.headers['x-forwarded-for'], '2001:db8::1');
  });

  test('ignores a browser-sent X-Forwarded-For unless told to trust it', async () => {
    const req = () => new Request('http://x/v3/payment_vias', {headers: {'x-forwarded-for': '6.6.6.6, 198.51.100.7'}});
    await (await handler(req(), {clientAddress: '10.0.0.2'})).text();
    assert.equal(upstream.requests.at(-1)!.headers['x-forwarded-for'], '10.0.0.2');
    const trusting = createProxyHandler({
      apiUrl: upstream.url, partnerId: PARTNER_ID, appVersion: APP_VERSION, allowedOrigins: [], trustForwardedFor: true,
    });
    await (await trusting(req(), {clientAddress: '10.0.0.2'})).text();
    // Behind one trusted reverse proxy, the right-most entry is the address that proxy saw.
    assert.equal(upstream.requests.at(-1)!.headers['x-forwarded-for'], '198.51.100.7');
  });

  test('a trusted X-Forwarded-For entry with the client\'s port (as some load balancers write it) is the address alone', async () => {
    const trusting = createProxyHandler({
      apiUrl: upstream.url, partnerId: PARTNER_ID, appVersion: APP_VERSION, allowedOrigins: [], trustForwardedFor: true,
      orderRateLimit: {capacity: 1, refillPerMinute: 1},
    });
    const read = async (entry: string) => {
      await (await trusting(new Request('http://x/v3/payment_vias', {headers: {'x-forwarded-for': entry}}), {clientAddress: '10.0.0.2'})).text();
      return upstream.requests.at(-1)!.headers['x-forwarded-for'];
    };
    assert.equal(await read('203.0.113.9:50123'), '203.0.113.9');
    assert.equal(await read('[2001:db8::1]:443'), '2001:db8::1');
    assert.equal(await read('[2001:db8::1]'), '2001:db8::1');
    // Not an address at all: none is passed on (and the limits count it as an unknown client).
    assert.equal(await read('203.0.113.9:x'), undefined);
    assert.equal(await read('a:b'), undefined);
    // One browser, two connections (two source ports): one client to the limits.
    const post = (port: number) =>
      trusting(new Request('http://x/v5/orders', {method: 'POST', headers: {'content-type': 'application/json', 'x-forwarded-for': `198.51.100.4:${port}`}, body: '{"deliveries":[]}'}), {clientAddress: '10.0.0.2'});
    assert.equal((await post(50001)).status, 200);
    assert.equal((await post(50002)).status, 429);
  });

  test('a partner id that is not what goes on the wire (surrounding whitespace, a newline, spaces, non-ASCII) is refused', () => {
    const base = {apiUrl: upstream.url, appVersion: '1', allowedOrigins: [] as string[]};
    for (const partnerId of [`${PARTNER_ID}\n`, `${PARTNER_ID}\r\n`, ` ${PARTNER_ID}`, 'two words', 'café']) {
      assert.throws(() => createProxyHandler({...base, partnerId}), /partnerId must be printable ASCII/, JSON.stringify(partnerId));
    }
  });

  test('a raw target passed by the runtime is checked before the normalised URL', async () => {
    const n = upstream.requests.length;
    const res = await handler(new Request('http://x/v3/payment_vias'), {rawTarget: '/v2/%2e%2e/v3/payment_vias'});
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error.code, 'BAD_REQUEST_TARGET');
    assert.equal(upstream.requests.length, n);
  });

  test('refusals come back as Responses, never as thrown errors', async () => {
    const cases: Array<[Request, number]> = [
      [new Request('http://x/v9/nothing'), 404],
      [new Request('http://x/v5/orders'), 405],
      [new Request('http://x/v5/orders', {method: 'POST', body: 'x', headers: {'content-type': 'text/plain'}}), 415],
      [new Request('http://x/v5/orders', {method: 'POST', body: '{', headers: {'content-type': 'application/json'}}), 400],
      [new Request('http://x/v3/payment_vias', {headers: {origin: 'https://evil.example'}}), 403],
    ];
    const n = upstream.requests.length;
    for (const [request, status] of cases) {
      const res = await handler(request);
      assert.equal(res.status, status, request.url);
      assert.equal(typeof (await res.json()).error.code, 'string');
    }
    assert.equal(upstream.requests.length, n);
  });

  test('a body streamed past the limit is refused without waiting for its end', async () => {
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        // Bounded: far more than the limit, but the handler must stop reading long before.
        if (pulls > 1000) controller.close();
        else controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
    });
    const request = new Request('http://x/v5/orders', {
      method: 'POST', body: endless, headers: {'content-type': 'application/json'}, duplex: 'half',
    } as RequestInit & {duplex: 'half'});
    const res = await handler(request);
    assert.equal(res.status, 413);
    assert.ok(pulls < 40, `read ${pulls} KiB`);
  });

  test('aborting the Request\'s signal abandons the upstream call', async () => {
    upstream.respond(() => undefined);
    try {
      const abort = new AbortController();
      const pending = handler(new Request('http://x/v3/payment_vias', {signal: abort.signal}));
      await waitFor(() => upstream.open() === 1);
      abort.abort();
      const res = await pending;
      assert.ok(res.status >= 500);
      await waitFor(() => upstream.open() === 0, 1000);
    } finally {
      upstream.respond((req, res) => {
        res.writeHead(200, {'Content-Type': 'application/json'});
        res.end(JSON.stringify({ok: true, path: req.url}));
      });
    }
  });

  test('refuses a configuration that cannot be safe', () => {
    const base = {apiUrl: upstream.url, partnerId: PARTNER_ID, appVersion: '1', allowedOrigins: [] as string[]};
    assert.throws(() => createProxyHandler({...base, allowedOrigins: ['*']}), /exact origins/);
    assert.throws(() => createProxyHandler({...base, allowedOrigins: ['https://shop.example/path']}), /exact origins/);
    assert.throws(() => createProxyHandler({...base, partnerId: ''}), /partnerId/);
    assert.throws(() => createProxyHandler({...base, apiUrl: 'ftp://x'}), /http/);
    assert.throws(() => createProxyHandler({...base, basePath: '/api/../x'}), /basePath/);
  });
});

describe('edge-runtime safety', () => {
  test('the handler\'s module graph imports nothing from Node (node:*) and nothing from the browser code', () => {
    const root = fileURLToPath(new URL('../../src/proxy/', import.meta.url));
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
        const spec = m[1]!;
        assert.ok(!spec.startsWith('node:') && !/^(http|https|net|stream|fs|zlib|buffer)$/.test(spec), `${file} imports ${spec}`);
        assert.ok(spec.startsWith('.'), `${file} imports the package ${spec}`);
        const target = join(dirname(file), spec.replace(/\.js$/, '.ts'));
        assert.ok(!/\/src\/(api|store|elements|i18n|stream)\//.test(target), `${file} imports browser code ${spec}`);
        visit(target);
      }
    };
    visit(join(root, 'handler.ts'));
    assert.ok(seen.size >= 6, [...seen].join(', '));
  });
});
