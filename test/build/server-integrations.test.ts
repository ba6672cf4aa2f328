// The server-side integration examples of demo/integrations/ run for real against the sandbox: the Next.js route
// handler and the edge worker each relay a catalogue call and an order's event stream, add the partner headers
// upstream, and refuse what the proxy refuses.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import type {ChildAnswer, ChildRequest} from './server-integration-child.js';
import {startSandbox} from '../../src/sandbox/server.js';
import {freePort} from '../support/free-port.js';
import {sandboxControls, type LoggedRequest} from '../support/sandbox-controls.js';
import {Order} from '../sandbox/support/schemas.js';

const SHOP = 'https://shop.example';
let sandbox: Awaited<ReturnType<typeof startSandbox>>;

before(async () => {
  sandbox = await startSandbox({port: 0, host: '127.0.0.1'});
});
after(async () => {
  await sandbox?.close();
});

async function lastUpstreamHeaders(): Promise<Record<string, string>> {
  const stats = await sandboxControls(sandbox.url).stats();
  return stats.requests.at(-1)?.headers ?? {};
}

/** Reads an event stream until `stop`, bounded in time. */
async function readStream(response: Response, ms = 5000): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !text.includes('event: stop')) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((r) => (timer = setTimeout(() => r(null), deadline - Date.now())));
    // The timer is cleared once a read wins, so a finished stream does not keep the process alive until the deadline.
    const next = await Promise.race([reader.read(), timeout]).finally(() => clearTimeout(timer));
    if (!next || next.done) break;
    text += decoder.decode(next.value, {stream: true});
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

/** How many upstream requests the sandbox has received so far (monotonic, unlike its bounded request log). */
async function upstreamCount(): Promise<number> {
  const stats = await sandboxControls(sandbox.url).stats();
  return Object.values(stats.counts).reduce((a, b) => a + b, 0);
}

/** The upstream requests received since `upstreamCount()` answered `since`, oldest first. */
async function upstreamSince(since: number): Promise<LoggedRequest[]> {
  const stats = await sandboxControls(sandbox.url).stats();
  const total = Object.values(stats.counts).reduce((a, b) => a + b, 0);
  return total === since ? [] : stats.requests.slice(-(total - since));
}

/** The frames of an event stream text: `id`, `event` and `data` fields, comments left out. */
function framesOf(text: string): {id?: string; event?: string; data?: string}[] {
  return text
    .split(/\n\n/)
    .map((block) => {
      const frame: {id?: string; event?: string; data?: string} = {};
      for (const line of block.split('\n')) {
        const m = /^(id|event|data): ?(.*)$/.exec(line);
        if (m) frame[m[1] as 'id' | 'event' | 'data'] = m[2];
      }
      return frame;
    })
    .filter((f) => Object.keys(f).length > 0);
}

const CHILD = fileURLToPath(new URL('./server-integration-child.ts', import.meta.url));

/**
 * The answers of the Next.js route or the edge worker in a fresh process whose environment is `env` alone (the
 * in-process module has built its proxy from the first test's environment already).
 */
function inFreshProcess(target: 'next' | 'edge', env: Record<string, string>, requests: ChildRequest[]): Promise<ChildAnswer[]> {
  return inFreshProcessWithLog(target, env, requests).then((run) => run.answers);
}

/** As inFreshProcess, with what the process wrote to stderr (where the examples' proxy log goes). */
function inFreshProcessWithLog(target: 'next' | 'edge', env: Record<string, string>, requests: ChildRequest[]): Promise<{answers: ChildAnswer[]; stderr: string}> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CHILD, target, JSON.stringify(requests)],
      {env: {PATH: process.env['PATH'] ?? '', CR_API_URL: sandbox.url, ...env}, timeout: 15_000},
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${error.message}\n${stderr}`));
        resolve({answers: stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as ChildAnswer), stderr});
      },
    );
  });
}

/**
 * Both examples log as `npm run proxy` does: one `proxy: …` line per event on stderr, each distinct line once a
 * minute, never the partner id. The upstream is a closed loopback port whose URL quotes the partner id, so the
 * "could not be reached" line would carry it.
 */
async function expectProxyLog(target: 'next' | 'edge', base: string): Promise<void> {
  const partner = 'logged-partner-id';
  const closed = await freePort();
  const foreign = {method: 'GET', url: `${base}/v2/brands?country_code=US`, headers: {origin: 'https://evil.example'}} as const;
  const allowed = {method: 'GET', url: `${base}/v2/brands?country_code=US`, headers: {origin: SHOP}} as const;
  const {answers, stderr} = await inFreshProcessWithLog(
    target,
    {CR_PARTNER_ID: partner, CR_ALLOWED_ORIGINS: SHOP, CR_API_URL: `http://127.0.0.1:${closed}/${partner}`},
    [foreign, foreign, allowed],
  );
  assert.deepEqual(answers.map((a) => a.status), [403, 403, 502], answers.map((a) => a.body).join('\n'));
  const lines = stderr.split('\n').filter((line) => line.startsWith('proxy: '));
  assert.equal(lines.filter((l) => l.startsWith('proxy: refused a request from origin https://evil.example')).length, 1, `the refusal said once:\n${stderr}`);
  const unreachable = lines.filter((l) => /^proxy: upstream \S+ could not be reached/.test(l));
  assert.equal(unreachable.length, 1, stderr);
  assert.match(unreachable[0]!, /\[redacted\]/);
  assert.ok(!stderr.includes(partner), `no partner id in the log:\n${stderr}`);
}

const ORDER_BODY = {
  user: {email: 'buyer@example.com'},
  payment: {type: 'via', payment_via: 'USER_WALLET', coin: 'USDC', network: 'Solana'},
  deliveries: [{brand_name: 'Steam', country_code: 'US', denomination: '20 USD', beneficiary_account: 'friend@example.com'}],
  lang: 'en',
};

/**
 * The Next.js route module, configured as every test here configures it (its handler is built once, on first use):
 * as on Vercel or behind an appending proxy, X-Forwarded-For is trusted.
 */
async function nextRoute() {
  process.env['CR_TRUST_FORWARDED_FOR'] = '1';
  process.env['CR_API_URL'] = sandbox.url;
  process.env['CR_PARTNER_ID'] = 'next-partner';
  process.env['CR_APP_VERSION'] = 'next-test';
  process.env['CR_ALLOWED_ORIGINS'] = SHOP;
  return import('../../demo/integrations/nextjs/app/api/cr/[...path]/route.js');
}

/** The edge worker's env, the same in every test (its handler is built once per isolate, from the first env). */
const edgeEnv = () => ({CR_PARTNER_ID: 'edge-partner', CR_ALLOWED_ORIGINS: SHOP, CR_API_URL: sandbox.url});

describe('Next.js route handler (app/api/cr/[...path]/route.ts)', () => {
  test('relays brands under /api/cr with the partner headers, refuses the rest', async () => {
    const route = await nextRoute();
    assert.equal(route.dynamic, 'force-dynamic');

    const brands = await route.GET(new Request(`${SHOP}/api/cr/v2/brands?country_code=US`, {headers: {origin: SHOP, 'x-forwarded-for': '203.0.113.7'}}));
    assert.equal(brands.status, 200);
    assert.equal(brands.headers.get('access-control-allow-origin'), SHOP);
    const page = (await brands.json()) as {country_code: string};
    assert.equal(page.country_code, 'US');
    const headers = await lastUpstreamHeaders();
    assert.equal(headers['x-cr-application'], 'next-partner');
    assert.equal(headers['x-cr-version'], 'next-test');
    assert.equal(headers['x-forwarded-for'], '203.0.113.7');

    const refused = await route.GET(new Request(`${SHOP}/api/cr/v1/secret`, {headers: {origin: SHOP}}));
    assert.equal(refused.status, 404);
    const foreign = await route.GET(new Request(`${SHOP}/api/cr/v2/brands?country_code=US`, {headers: {origin: 'https://evil.example'}}));
    assert.equal(foreign.status, 403);
  });
  test('creates an order through route.POST and relays its event stream through route.GET to the end', {timeout: 20_000}, async () => {
    const route = await nextRoute();
    const controls = sandboxControls(sandbox.url);
    const ordersBefore = (await controls.stats()).orders;
    const sentBefore = await upstreamCount();

    const created = await route.POST(
      new Request(`${SHOP}/api/cr/v5/orders`, {
        method: 'POST',
        headers: {
          origin: SHOP,
          'content-type': 'application/json',
          // What the browser made up, then what the host's edge appended (nginx, a load balancer).
          'x-forwarded-for': '10.6.6.6, 203.0.113.8',
          cookie: 'session=shop-secret',
          'x-cr-application': 'forged-partner',
        },
        body: JSON.stringify(ORDER_BODY),
      }),
    );
    const text = await created.text();
    assert.equal(created.status, 200, text);
    assert.match(created.headers.get('content-type') ?? '', /application\/json/);
    assert.equal(created.headers.get('access-control-allow-origin'), SHOP);
    const order = Order.parse(JSON.parse(text));
    assert.equal(order.order_state, 'WaitingForPayment');
    assert.equal(order.user?.email, 'buyer@example.com');
    assert.equal(order.deliveries.length, 1);
    assert.equal((await controls.stats()).orders, ordersBefore + 1, 'exactly one order was created upstream');
    assert.ok((await controls.orderIds()).includes(order.order_id), 'the answered order is the one upstream holds');
    assert.doesNotMatch(text, /next-partner/);

    const [post, ...extra] = await upstreamSince(sentBefore);
    assert.equal(extra.length, 0, 'one upstream request per create');
    assert.ok(post);
    assert.equal(post.method, 'POST');
    assert.equal(post.path, '/v5/orders');
    assert.equal(post.headers['x-cr-application'], 'next-partner');
    assert.equal(post.headers['x-cr-version'], 'next-test');
    assert.equal(post.headers['x-forwarded-for'], '203.0.113.8', 'the address the host saw, not the one the browser sent');
    assert.equal(post.headers['x-country-iso-code'], 'US');
    assert.match(post.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(post.headers['cookie'], undefined);
    assert.deepEqual(post.body, ORDER_BODY);

    const streamSentBefore = await upstreamCount();
    const stream = await route.GET(new Request(`${SHOP}/api/cr/v5/orders/${order.order_id}/subscribe`, {headers: {origin: SHOP, 'x-forwarded-for': '203.0.113.8'}}));
    try {
      assert.equal(stream.status, 200);
      assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.equal(stream.headers.get('cache-control'), 'no-cache, no-transform');
      assert.equal(stream.headers.get('x-accel-buffering'), 'no');
      assert.equal(stream.headers.get('access-control-allow-origin'), SHOP);
      const [subscribe] = await upstreamSince(streamSentBefore);
      assert.ok(subscribe);
      assert.equal(subscribe.path, `/v5/orders/${order.order_id}/subscribe`);
      assert.equal(subscribe.headers['x-cr-application'], 'next-partner');
      assert.equal(subscribe.headers['x-cr-version'], 'next-test');
      assert.match(subscribe.headers['accept'] ?? '', /text\/event-stream/);

      await controls.act(order.order_id, 'deliver');
      const streamed = await readStream(stream);
      const frames = framesOf(streamed);
      const data = frames.filter((f) => f.data !== undefined && f.event === undefined);
      assert.ok(data.length >= 2, streamed);
      const first = JSON.parse(data[0]!.data!) as {order_id: string; order_state: string};
      const last = JSON.parse(data.at(-1)!.data!) as {order_id: string; order_state: string};
      assert.equal(first.order_id, order.order_id);
      assert.equal(first.order_state, 'WaitingForPayment');
      assert.equal(last.order_id, order.order_id);
      assert.equal(last.order_state, 'Done');
      assert.ok(Number(data.at(-1)!.id) > Number(data[0]!.id), `frame ids grow: ${data.map((f) => f.id).join(', ')}`);
      assert.equal(frames.at(-1)?.event, 'stop', 'the stream ends with event: stop after the terminal frame');
      assert.doesNotMatch(streamed, /next-partner/);
    } finally {
      await stream.body?.cancel().catch(() => undefined);
    }
  });

  test('answers a CORS preflight from the shop with 204 and the allow headers, from another origin 403', {timeout: 10_000}, async () => {
    const route = await nextRoute();
    const sentBefore = await upstreamCount();
    const preflight = (origin: string) =>
      route.OPTIONS(
        new Request(`${SHOP}/api/cr/v5/orders`, {
          method: 'OPTIONS',
          headers: {origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type'},
        }),
      );

    const allowed = await preflight(SHOP);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), SHOP);
    const methods = (allowed.headers.get('access-control-allow-methods') ?? '').split(',').map((m) => m.trim());
    assert.ok(methods.includes('POST'), `allow-methods: ${methods.join(', ')}`);
    const allowHeaders = (allowed.headers.get('access-control-allow-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
    assert.ok(allowHeaders.includes('content-type'), `allow-headers: ${allowHeaders.join(', ')}`);
    assert.equal(allowed.headers.get('access-control-max-age'), '600');
    assert.equal(allowed.headers.get('access-control-allow-credentials'), null);
    assert.match(allowed.headers.get('vary') ?? '', /Origin/);
    assert.equal(await allowed.text(), '');

    const foreign = await preflight('https://evil.example');
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    assert.equal(foreign.headers.get('access-control-allow-methods'), null);
    assert.equal(((await foreign.json()) as {error: {code: string}}).error.code, 'ORIGIN_NOT_ALLOWED');

    assert.equal(await upstreamCount(), sentBefore, 'a preflight never reaches upstream');
  });

  test('without CR_TRUST_FORWARDED_FOR, a browser-sent X-Forwarded-For or X-Real-IP is no address: one shared bucket, nothing forwarded', {timeout: 20_000}, async () => {
    // Self-hosted `next start` keeps an X-Forwarded-For the browser sent: each create below claims another address.
    const create = (forged: Record<string, string>): ChildRequest => ({
      method: 'POST',
      url: `${SHOP}/api/cr/v5/orders`,
      headers: {origin: SHOP, 'content-type': 'application/json', ...forged},
      body: JSON.stringify(ORDER_BODY),
    });
    const sentBefore = await upstreamCount();
    const answers = await inFreshProcess('next', {CR_ALLOWED_ORIGINS: SHOP, CR_ORDER_RATE_LIMIT: '1/1'}, [
      create({'x-forwarded-for': '10.9.9.1'}),
      create({'x-forwarded-for': '10.9.9.2'}),
      create({'x-real-ip': '10.9.9.3'}),
    ]);
    assert.deepEqual(answers.map((a) => a.status), [200, 429, 429], answers.map((a) => a.body).join('\n'));
    const sent = await upstreamSince(sentBefore);
    assert.equal(sent.length, 1, 'only the first create reached upstream');
    assert.equal(sent[0]?.headers['x-forwarded-for'], undefined, 'no forged end-user address goes upstream');
  });

  test('reads the CR_* variables as `npm run proxy` does: an origin written with a trailing /, the rate limits', {timeout: 20_000}, async () => {
    const brands = {method: 'GET', url: `${SHOP}/api/cr/v2/brands?country_code=US`, headers: {origin: SHOP}} as const;
    const answers = await inFreshProcess('next', {CR_ALLOWED_ORIGINS: `${SHOP}/`, CR_READ_RATE_LIMIT: '1/1'}, [brands, brands]);
    assert.equal(answers[0]?.status, 200, answers[0]?.body);
    assert.equal(answers[0]?.headers['access-control-allow-origin'], SHOP);
    assert.equal(answers[1]?.status, 429, answers[1]?.body);
    assert.equal((JSON.parse(answers[1]!.body) as {error: {code: string}}).error.code, 'RATE_LIMITED');
  });

  test('logs what the operator must know on the console, as `npm run proxy` does, without the partner id', {timeout: 20_000}, async () => {
    await expectProxyLog('next', `${SHOP}/api/cr`);
  });
});

describe('edge worker (export default {fetch})', () => {
  test('relays an order created through it and its event stream to the end', async () => {
    const {default: worker} = await import('../../demo/integrations/edge/worker.js');
    const env = edgeEnv();
    const created = await worker.fetch(
      new Request('https://worker.example/v5/orders', {method: 'POST', headers: {origin: SHOP, 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.4'}, body: JSON.stringify(ORDER_BODY)}),
      env,
    );
    const order = (await created.json()) as {order_id: string};
    assert.equal(created.status, 200, JSON.stringify(order));
    const headers = await lastUpstreamHeaders();
    assert.equal(headers['x-cr-application'], 'edge-partner');
    assert.equal(headers['x-forwarded-for'], '198.51.100.4');

    const stream = await worker.fetch(new Request(`https://worker.example/v5/orders/${order.order_id}/subscribe`, {headers: {origin: SHOP}}), env);
    assert.match(stream.headers.get('content-type') ?? '', /text\/event-stream/);
    await sandboxControls(sandbox.url).act(order.order_id, 'deliver');
    const text = await readStream(stream);
    assert.match(text, /"order_state":"WaitingForPayment"/);
    assert.match(text, /"order_state":"Done"/);
    assert.match(text, /event: stop/);
  });

  test('refuses what the proxy refuses without reaching upstream, and never shows the partner id', {timeout: 10_000}, async () => {
    const {default: worker} = await import('../../demo/integrations/edge/worker.js');
    const env = edgeEnv();
    const controls = sandboxControls(sandbox.url);
    const before = await controls.stats();
    const sentBefore = await upstreamCount();
    const json = {'content-type': 'application/json'};
    const cases: {name: string; request: Request; status: number; code: string; cors: boolean; allow?: string}[] = [
      {name: 'unknown path', request: new Request('https://worker.example/v1/secret', {headers: {origin: SHOP}}), status: 404, code: 'NOT_FOUND', cors: true},
      {name: 'order id not a UUID', request: new Request('https://worker.example/v5/orders/not-a-uuid', {headers: {origin: SHOP}}), status: 404, code: 'NOT_FOUND', cors: true},
      {name: 'GET on the create path', request: new Request('https://worker.example/v5/orders', {headers: {origin: SHOP}}), status: 405, code: 'METHOD_NOT_ALLOWED', cors: true, allow: 'POST, OPTIONS'},
      {
        name: 'PUT on a catalogue path',
        request: new Request('https://worker.example/v2/brands?country_code=US', {method: 'PUT', headers: {origin: SHOP, ...json}, body: '{}'}),
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        cors: true,
        allow: 'GET, OPTIONS',
      },
      {name: 'foreign origin GET', request: new Request('https://worker.example/v2/brands?country_code=US', {headers: {origin: 'https://evil.example'}}), status: 403, code: 'ORIGIN_NOT_ALLOWED', cors: false},
      {
        name: 'foreign origin create',
        request: new Request('https://worker.example/v5/orders', {method: 'POST', headers: {origin: 'https://evil.example', ...json}, body: JSON.stringify(ORDER_BODY)}),
        status: 403,
        code: 'ORIGIN_NOT_ALLOWED',
        cors: false,
      },
      {
        name: 'text/plain create',
        request: new Request('https://worker.example/v5/orders', {method: 'POST', headers: {origin: SHOP, 'content-type': 'text/plain'}, body: JSON.stringify(ORDER_BODY)}),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        cors: true,
      },
      {
        name: 'form-encoded create',
        request: new Request('https://worker.example/v5/orders', {method: 'POST', headers: {origin: SHOP}, body: new URLSearchParams({user: 'x'})}),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        cors: true,
      },
      {
        name: 'create whose body is not JSON',
        request: new Request('https://worker.example/v5/orders', {method: 'POST', headers: {origin: SHOP, ...json}, body: '{"user":'}),
        status: 400,
        code: 'INVALID_JSON',
        cors: true,
      },
      // A Request's URL resolves %2e%2e (/v2/%2e%2e/x is /x), so the worker sees an unknown path; encoded slashes stay
      // encoded and are refused as a bad target.
      {name: 'encoded dot-dot traversal', request: new Request('https://worker.example/v2/%2e%2e/x', {headers: {origin: SHOP}}), status: 404, code: 'NOT_FOUND', cors: true},
      {name: 'encoded slash traversal', request: new Request('https://worker.example/v2/..%2fv1/secret', {headers: {origin: SHOP}}), status: 400, code: 'BAD_REQUEST_TARGET', cors: true},
      {name: 'encoded slash in a path', request: new Request('https://worker.example/v2%2fbrands?country_code=US', {headers: {origin: SHOP}}), status: 400, code: 'BAD_REQUEST_TARGET', cors: true},
      {name: 'query not allowed', request: new Request('https://worker.example/v2/brands?country_code=US&debug=1', {headers: {origin: SHOP}}), status: 400, code: 'QUERY_NOT_ALLOWED', cors: true},
    ];

    for (const c of cases) {
      const answer = await worker.fetch(c.request, env);
      const text = await answer.text();
      assert.equal(answer.status, c.status, `${c.name}: ${text}`);
      const body = JSON.parse(text) as {error: {code: string; message: string}};
      assert.equal(body.error.code, c.code, c.name);
      assert.equal(answer.headers.get('cache-control'), 'no-store', c.name);
      assert.equal(answer.headers.get('access-control-allow-origin'), c.cors ? SHOP : null, c.name);
      if (c.allow) assert.equal(answer.headers.get('allow'), c.allow, c.name);
      for (const [name, value] of answer.headers) {
        assert.doesNotMatch(`${name}: ${value}`, /edge-partner/, `${c.name}: header ${name}`);
      }
      assert.doesNotMatch(text, /edge-partner/, `${c.name}: body`);
    }

    const after = await controls.stats();
    assert.equal(await upstreamCount(), sentBefore, 'no refusal reached upstream');
    assert.equal(after.requests.length, before.requests.length, "the sandbox's request log did not grow");
    assert.equal(after.orders, before.orders, 'no order was created');

    // The same worker does reach upstream for an allowed call (so the log above could have grown), still without
    // showing the partner id.
    const allowed = await worker.fetch(new Request('https://worker.example/v2/brands?country_code=US', {headers: {origin: SHOP}}), env);
    const allowedText = await allowed.text();
    assert.equal(allowed.status, 200, allowedText);
    const [forwarded, ...extra] = await upstreamSince(sentBefore);
    assert.equal(extra.length, 0);
    assert.equal(forwarded?.path, '/v2/brands');
    assert.equal(forwarded?.headers['x-cr-application'], 'edge-partner');
    for (const [name, value] of allowed.headers) assert.doesNotMatch(`${name}: ${value}`, /edge-partner/, `header ${name}`);
    assert.doesNotMatch(allowedText, /edge-partner/);
  });

  test('reads the CR_* variables as `npm run proxy` does: an origin written with a trailing /, the rate limits', {timeout: 20_000}, async () => {
    const brands = {method: 'GET', url: 'https://worker.example/v2/brands?country_code=US', headers: {origin: SHOP}} as const;
    const answers = await inFreshProcess('edge', {CR_PARTNER_ID: 'edge-partner', CR_ALLOWED_ORIGINS: `${SHOP}/`, CR_READ_RATE_LIMIT: '1/1'}, [brands, brands]);
    assert.equal(answers[0]?.status, 200, answers[0]?.body);
    assert.equal(answers[0]?.headers['access-control-allow-origin'], SHOP);
    assert.equal(answers[1]?.status, 429, answers[1]?.body);
  });

  test('logs what the operator must know on the console, as `npm run proxy` does, without the partner id', {timeout: 20_000}, async () => {
    await expectProxyLog('edge', 'https://worker.example');
  });
});
