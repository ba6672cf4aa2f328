// Abuse of the real `npm run proxy` child process in front of `npm run sandbox`: the refusal list of the proxy's
// README (each case also covered by the proxy's own unit tests; here against the running script), then a seeded
// fuzz of methods, paths, queries, headers and bodies. What reaches upstream is read from the sandbox's request log
// and compared one to one with what the fuzzer's oracle expected; the partner id must never come back.
import {after, before, suite, test} from 'node:test';
import assert from 'node:assert/strict';
import {matchEndpoint} from '../../src/upstream/endpoints.js';
import {startE2e, type E2eEnv} from '../support/e2e-driver.js';
import {ALLOWED_QUERY, generateCases, type FuzzCase} from '../support/e2e-fuzz.js';
import {rawHttp, type RawAnswer, type RawRequest} from '../support/e2e-raw-http.js';
import {ReliabilityRecorder} from '../support/e2e-summary.js';
import type {LoggedRequest} from '../support/sandbox-controls.js';

const summary = new ReliabilityRecorder('proxy-abuse');
let env: E2eEnv;
let port: number;

/** The fuzz: fixed seed (override with CR_FUZZ_SEED), count and time bound. */
const SEED = Number(process.env['CR_FUZZ_SEED'] ?? 20261125);
const COUNT = Number(process.env['CR_FUZZ_COUNT'] ?? 2000);
const TIME_LIMIT_MS = 60_000;
const BATCH = 200; // the sandbox keeps its last 500 requests: read and reset it every batch
const CONCURRENCY = 8;

before(async () => {
  env = await startE2e({withBrowser: false});
  port = Number(new URL(env.stack.proxyUrl).port);
});

after(async () => {
  summary.write();
  await env?.stop();
});

/** Checks one answer: never the partner id, and a refusal is the proxy's own JSON error (not upstream's). */
function assertAnswer(answer: RawAnswer, what: string): void {
  const all = `${answer.head}\r\n\r\n${answer.body.toString('latin1')}`;
  assert.ok(!all.includes(env.partnerId), `${what}: the partner id is in the answer`);
}

function proxyError(answer: RawAnswer): string | undefined {
  try {
    const json = JSON.parse(answer.body.toString('utf8')) as {error?: {code?: unknown}};
    return typeof json.error?.code === 'string' ? json.error.code : undefined;
  } catch {
    return undefined;
  }
}

async function upstreamCount(): Promise<number> {
  const {counts} = await env.sandbox.stats();
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

suite('proxy refusals against the running `npm run proxy`', () => {
  const origin = () => env.host.origin;
  const json = (body: unknown) => JSON.stringify(body);
  const order = {
    user: {email: 'a@example.com'},
    payment: {type: 'via', payment_via: 'USER_WALLET', coin: 'USDC', network: 'Solana'},
    deliveries: [{brand_name: 'Steam', country_code: 'US', denomination: '10 USD', beneficiary_account: 'a@example.com'}],
    lang: 'en',
  };
  const id = '3f2b6c1e-9a4d-4e8f-b1c2-7d9e0a1b2c3d';
  const refusals: [string, RawRequest, number, string][] = [
    ['unknown path', {method: 'GET', target: '/v1/brands'}, 404, 'NOT_FOUND'],
    ['sandbox controls are not upstream', {method: 'POST', target: '/__sandbox/reset', headers: ['Content-Type: application/json'], body: '{}'}, 404, 'NOT_FOUND'],
    ['sandbox stats', {method: 'GET', target: '/__sandbox/stats'}, 404, 'NOT_FOUND'],
    ['order id that is not a UUID', {method: 'GET', target: '/v5/orders/1234'}, 404, 'NOT_FOUND'],
    ['country segment of three letters', {method: 'GET', target: '/v5/products/country/USA?family_name=Steam'}, 404, 'NOT_FOUND'],
    ['known path, other method', {method: 'DELETE', target: `/v5/orders/${id}`}, 405, 'METHOD_NOT_ALLOWED'],
    ['PUT on brands', {method: 'PUT', target: '/v2/brands', headers: ['Content-Type: application/json'], body: '{}'}, 405, 'METHOD_NOT_ALLOWED'],
    ['TRACE', {method: 'TRACE', target: '/v2/brands'}, 405, 'METHOD_NOT_ALLOWED'],
    ['absolute-form target', {method: 'GET', target: 'http://evil.example/v2/brands?country_code=US'}, 400, 'BAD_REQUEST_TARGET'],
    ['//host target', {method: 'GET', target: '//evil.example/v2/brands'}, 400, 'BAD_REQUEST_TARGET'],
    ['dot segments', {method: 'GET', target: '/v2/../__sandbox/stats'}, 400, 'BAD_REQUEST_TARGET'],
    ['encoded dot segments', {method: 'GET', target: '/v2/%2e%2e/__sandbox/stats'}, 400, 'BAD_REQUEST_TARGET'],
    ['encoded slash', {method: 'GET', target: '/v5/orders%2fvalidations'}, 400, 'BAD_REQUEST_TARGET'],
    ['encoded NUL', {method: 'GET', target: '/v2/brands%00'}, 400, 'BAD_REQUEST_TARGET'],
    ['backslash', {method: 'GET', target: '/v2\\brands'}, 400, 'BAD_REQUEST_TARGET'],
    ['empty segment', {method: 'GET', target: '/v2//brands'}, 400, 'BAD_REQUEST_TARGET'],
    ['target too long', {method: 'GET', target: `/v2/brands?country_code=US&lang=${'a'.repeat(2100)}`}, 414, 'URI_TOO_LONG'],
    ['query parameter not allowed', {method: 'GET', target: '/v2/brands?country_code=US&callback=x'}, 400, 'QUERY_NOT_ALLOWED'],
    ['cache-buster on an order', {method: 'GET', target: `/v5/orders/${id}?_=1`}, 400, 'QUERY_NOT_ALLOWED'],
    ['repeated parameter', {method: 'GET', target: '/v2/brands?country_code=US&country_code=DE'}, 400, 'QUERY_NOT_ALLOWED'],
    ['malformed percent-encoding', {method: 'GET', target: '/v2/brands?country_code=%zz'}, 400, 'QUERY_NOT_ALLOWED'],
    ['control character in a value', {method: 'GET', target: '/v2/brands?country_code=U%0AS'}, 400, 'QUERY_NOT_ALLOWED'],
    ['value over 256 characters', {method: 'GET', target: `/v5/products/country/US?family_name=${'a'.repeat(300)}`}, 400, 'QUERY_NOT_ALLOWED'],
    ['country_code not two letters', {method: 'GET', target: '/v2/brands?country_code=USA'}, 400, 'QUERY_NOT_ALLOWED'],
    ['POST not JSON', {method: 'POST', target: '/v5/orders', headers: ['Content-Type: text/plain'], body: json(order)}, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['POST without a content type', {method: 'POST', target: '/v5/orders', body: json(order)}, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['body over the limit', {method: 'POST', target: '/v5/orders', headers: ['Content-Type: application/json'], body: json({...order, pad: 'x'.repeat(20_000)})}, 413, 'PAYLOAD_TOO_LARGE'],
    ['body over the limit, chunked', {method: 'POST', target: '/v5/orders/validations', headers: ['Content-Type: application/json'], body: json({...order, pad: 'x'.repeat(20_000)}), chunked: true}, 413, 'PAYLOAD_TOO_LARGE'],
    ['body not JSON', {method: 'POST', target: '/v5/orders', headers: ['Content-Type: application/json'], body: '{"user":'}, 400, 'INVALID_JSON'],
    ['body a JSON array', {method: 'POST', target: '/v5/orders/validations', headers: ['Content-Type: application/json'], body: '[1,2]'}, 400, 'INVALID_JSON'],
    ['origin not allowed', {method: 'GET', target: '/v3/payment_vias', headers: ['Origin: https://evil.example']}, 403, 'ORIGIN_NOT_ALLOWED'],
    ['preflight from another origin', {method: 'OPTIONS', target: '/v5/orders', headers: ['Origin: https://evil.example', 'Access-Control-Request-Method: POST']}, 403, 'ORIGIN_NOT_ALLOWED'],
    ['CR/LF smuggled in the request line', {method: 'GET', target: '/v2/brands\rX-Evil: 1'}, 400, 'BAD_REQUEST_TARGET'],
    ['headers over 16 KiB', {method: 'GET', target: '/v3/payment_vias', headers: [`X-Big: ${'b'.repeat(17 * 1024)}`]}, 431, 'BAD_REQUEST_TARGET'],
  ];

  test(`${refusals.length} refusals: right status and code, never upstream`, async () => {
    await env.sandbox.reset();
    const failures: string[] = [];
    for (const [name, request, status, code] of refusals) {
      await summary.run(`refusal: ${name}`, 'abuse', async () => {
        const before = await upstreamCount();
        const answer = await rawHttp(port, request);
        assertAnswer(answer, name);
        const after = await upstreamCount();
        if (answer.status !== status || proxyError(answer) !== code || after !== before) {
          failures.push(`${name}: ${answer.status} ${proxyError(answer)} (want ${status} ${code}); upstream requests ${before} → ${after}`);
          throw new Error(failures.at(-1));
        }
      }).catch(() => undefined);
    }
    assert.deepEqual(failures, []);
    // The preflight from the shop's origin is answered by the proxy itself, never forwarded.
    const before = await upstreamCount();
    const preflight = await rawHttp(port, {method: 'OPTIONS', target: '/v5/orders', headers: [`Origin: ${origin()}`, 'Access-Control-Request-Method: POST', 'Access-Control-Request-Headers: content-type']});
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], origin());
    assert.equal(await upstreamCount(), before);
  });

  test('forged credentials and client headers are replaced or dropped on the way upstream', async () => {
    await env.sandbox.reset();
    const answer = await rawHttp(port, {
      method: 'GET',
      target: '/v2/brands?country_code=US',
      headers: [`Origin: ${origin()}`, 'X-Cr-Application: attacker', 'X-Cr-Version: evil', 'Cookie: session=1', 'Authorization: Bearer x',
        'Proxy-Authorization: Basic x', 'X-Forwarded-For: 6.6.6.6', 'Referer: https://shop.example/secret', 'User-Agent: cr-e2e-forged'],
    });
    assert.equal(answer.status, 200);
    assertAnswer(answer, 'forged headers');
    assert.equal(answer.headers['access-control-allow-origin'], origin());
    const [logged] = (await env.sandbox.stats()).requests;
    assert.ok(logged);
    assert.equal(logged.headers['x-cr-application'], env.partnerId);
    assert.notEqual(logged.headers['x-cr-version'], 'evil');
    for (const h of ['cookie', 'authorization', 'proxy-authorization', 'referer', 'origin']) assert.equal(logged.headers[h], undefined, `${h} is not forwarded`);
    assert.notEqual(logged.headers['x-forwarded-for'], '6.6.6.6', 'a browser-sent X-Forwarded-For is not trusted');
    assert.equal(logged.headers['user-agent'], 'cr-e2e-forged', 'the end user\'s agent is passed on');
    assert.equal(logged.headers['x-country-iso-code'], 'US');
  });
});

suite('proxy fuzz (seeded, bounded)', () => {
  test(`${COUNT} requests: only allowed endpoints reach upstream, exactly as the oracle expects`, async () => {
    await summary.run(`fuzz: ${COUNT} requests, seed ${SEED}`, 'abuse', async () => {
      const cases = generateCases(SEED, COUNT, env.host.origin);
      const deadline = Date.now() + TIME_LIMIT_MS;
      const problems: string[] = [];
      const statuses: Record<string, number> = {};
      const forwardedBy: Record<string, number> = {};
      let sent = 0;
      await env.sandbox.reset();
      for (let start = 0; start < cases.length && Date.now() < deadline; start += BATCH) {
        const batch = cases.slice(start, start + BATCH);
        const answers = new Map<number, RawAnswer>();
        let next = 0;
        await Promise.all(Array.from({length: CONCURRENCY}, async () => {
          while (next < batch.length && Date.now() < deadline) {
            const c = batch[next++]!;
            answers.set(c.id, await rawHttp(port, c));
            sent++;
          }
        }));
        const {requests} = await env.sandbox.stats();
        await env.sandbox.reset();
        checkBatch(batch, answers, requests, problems, statuses, forwardedBy);
        if (problems.length > 20) break;
      }
      summary.extra['fuzz'] = {seed: SEED, planned: COUNT, sent, statuses, forwardedBy, expectedForwarded: cases.slice(0, sent).filter((c) => c.expected).length};
      assert.deepEqual(problems, [], `fuzz seed ${SEED}: ${problems.length} problems`);
      assert.equal(sent, COUNT, `all ${COUNT} requests sent within ${TIME_LIMIT_MS} ms`);
      const forwarded = Object.values(forwardedBy).reduce((a, b) => a + b, 0);
      // The fuzz must exercise both sides, or it proves nothing.
      assert.ok(forwarded > COUNT * 0.1 && forwarded < COUNT * 0.9, `a fair share was forwarded (${forwarded} of ${COUNT})`);
      return {note: `${forwarded} forwarded, ${COUNT - forwarded} refused`};
    });
  });
});

function checkBatch(
  batch: FuzzCase[],
  answers: Map<number, RawAnswer>,
  logged: LoggedRequest[],
  problems: string[],
  statuses: Record<string, number>,
  forwardedBy: Record<string, number>,
): void {
  const describe = (c: FuzzCase) => `#${c.id} ${c.method} ${JSON.stringify(c.target.slice(0, 120))} (${c.reason})`;
  const reached = new Map<number, LoggedRequest>();
  for (const request of logged) {
    const id = Number(/^cr-fuzz\/(\d+)$/.exec(request.headers['user-agent'] ?? '')?.[1] ?? NaN);
    // Every request upstream saw: an endpoint of the table, with its method and an allowed query, and credentials.
    const match = matchEndpoint(request.method, request.path);
    if (!match) problems.push(`upstream got ${request.method} ${request.path}, not an endpoint`);
    else {
      const extra = Object.keys(request.query).filter((k) => !ALLOWED_QUERY[match.endpoint.name].includes(k));
      if (extra.length) problems.push(`upstream got ${request.path} with query ${extra.join(', ')}`);
    }
    if (request.headers['x-cr-application'] !== env.partnerId) problems.push(`upstream got ${request.path} without the partner id`);
    for (const h of ['cookie', 'authorization']) if (request.headers[h] !== undefined) problems.push(`upstream got ${h} on ${request.path}`);
    if (request.headers['x-forwarded-for'] === '6.6.6.6') problems.push(`upstream got a forged X-Forwarded-For on ${request.path}`);
    if (Number.isNaN(id)) problems.push(`upstream got a request the fuzzer did not send: ${request.method} ${request.path}`);
    else reached.set(id, request);
  }
  for (const c of batch) {
    const answer = answers.get(c.id);
    if (!answer) continue;
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    const all = `${answer.head}\r\n\r\n${answer.body.toString('latin1')}`;
    if (all.includes(env.partnerId)) problems.push(`${describe(c)}: the partner id is in the answer`);
    const got = reached.get(c.id);
    if (c.expected) {
      if (!got) problems.push(`${describe(c)}: expected upstream ${c.expected}, answered ${answer.status} ${proxyError(answer) ?? ''} without reaching it`);
      else {
        forwardedBy[c.expected] = (forwardedBy[c.expected] ?? 0) + 1;
        if (got.endpoint !== c.expected) problems.push(`${describe(c)}: reached upstream as ${got.endpoint}, expected ${c.expected}`);
      }
    } else {
      if (got) problems.push(`${describe(c)}: must be refused, but upstream got ${got.method} ${got.path}`);
      // A refusal is the proxy's own JSON error (or Node's parser's, in the same shape): never an upstream answer.
      // (HEAD answers carry no body by definition; a preflight's 204 has none either.)
      if (answer.status !== 0 && c.method !== 'HEAD' && !proxyError(answer) && answer.status !== 204) problems.push(`${describe(c)}: refused with ${answer.status} but not in the proxy's error shape`);
      if (answer.status >= 500) problems.push(`${describe(c)}: refused with a server error ${answer.status}`);
    }
  }
}
