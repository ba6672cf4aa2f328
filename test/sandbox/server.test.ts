import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {startSandbox} from '../../src/sandbox/server.js';
import {createOrder, SseClient, useSandbox} from './support/harness.js';

const h = useSandbox();
const SUFFIXES = ['.webp', '_500x318.webp', '_300x190.webp', '.jpg', '_500x318.jpg', '_300x190.jpg'];

test('logos: every suffix answers an SVG with the brand\'s initials on its bg_color', async () => {
  const page = await h.getJson('/v2/brands?country_code=US');
  const amazon = page.all_brands.find((b: any) => b.brand === 'Amazon.com');
  for (const suffix of SUFFIXES) {
    const res = await fetch(amazon.logo_base_url + suffix);
    assert.equal(res.status, 200, suffix);
    assert.equal(res.headers.get('content-type'), 'image/svg+xml');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const svg = await res.text();
    assert.ok(svg.includes(`fill="${amazon.bg_color}"`));
    assert.match(svg, />AC<\/text>/);
    assert.match(svg, suffix.includes('300x190') ? /width="300" height="190"/ : /width="500" height="318"/);
  }
  const trap = page.all_brands.find((b: any) => b.family.includes('<img'));
  const trapSvg = await (await fetch(`${trap.logo_base_url}.webp`)).text();
  assert.ok(!trapSvg.includes('<img'), 'names are escaped inside the SVG');
});

test('logos: one brand\'s logo 404s, unknown slugs and suffixes 404', async () => {
  const page = await h.getJson('/v2/brands?country_code=US');
  const missing = page.all_brands.filter((b: any) => b.family === 'Corner Bookshop');
  assert.equal(missing.length, 1);
  assert.equal((await fetch(`${missing[0].logo_base_url}.webp`)).status, 404);
  assert.equal((await h.get('/logos/no-such-brand.webp')).status, 404);
  assert.equal((await h.get('/logos/esim.png')).status, 404);
  const big = await h.getJson('/v2/brands?country_code=IN');
  assert.equal((await fetch(`${big.all_brands[1500].logo_base_url}_300x190.jpg`)).status, 200, 'generated brands have logos');
});

test('controls answer CORS, preflights included; upstream paths do not', async () => {
  const pre = await fetch(`${h.url}/__sandbox/faults`, {method: 'OPTIONS', headers: {Origin: 'http://localhost:9999', 'Access-Control-Request-Method': 'POST'}});
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-methods')!, /POST/);
  assert.match(pre.headers.get('access-control-allow-headers')!, /content-type/);
  assert.equal((await h.get('/__sandbox/stats')).headers.get('access-control-allow-origin'), '*');
  assert.equal((await h.get('/v3/payment_vias')).headers.get('access-control-allow-origin'), null);
  assert.equal((await h.get('/__sandbox/nope')).status, 404);
  assert.equal((await h.postRaw('/__sandbox/autopilot', '{oops')).status, 400);
  const page = await h.get('/__sandbox/');
  assert.match(page.headers.get('content-type')!, /^text\/html/);
  assert.match(await page.text(), /Sandbox upstream/);
  const magic = await h.getJson('/__sandbox/magic');
  assert.ok(magic.emailTokens.includes('out_of_stock'));
});

test('stats log upstream requests with their headers, count per endpoint, and reset clears them', async () => {
  await fetch(`${h.url}/v2/brands?country_code=US`, {headers: {'X-Cr-Application': 'partner-1', 'X-Cr-Version': '9'}});
  await createOrder(h);
  await h.get('/v9/unknown');
  const stats = await h.controls.stats();
  assert.equal(stats.counts.brands, 1);
  assert.equal(stats.counts.createOrder, 1);
  assert.equal(stats.counts.unknown, 1);
  const brands = stats.requests.find((r) => r.endpoint === 'brands')!;
  assert.equal(brands.headers['x-cr-application'], 'partner-1');
  assert.equal(brands.headers['x-cr-version'], '9');
  assert.deepEqual(brands.query, {country_code: 'US'});
  assert.equal(stats.requests.filter((r) => r.method === 'POST' && r.path === '/v5/orders').length, 1);
  assert.ok(!stats.requests.some((r) => r.path.startsWith('/__sandbox')), 'controls are not logged');
  await h.controls.reset();
  const after = await h.controls.stats();
  assert.equal(after.requests.length, 0);
  assert.deepEqual(after.counts, {});
  assert.equal(after.orders, 0);
});

test('the request log keeps the last 500', async () => {
  for (let batch = 0; batch < 11; batch++) await Promise.all(Array.from({length: 50}, () => h.get('/v3/payment_vias')));
  const stats = await h.controls.stats();
  assert.equal(stats.requests.length, 500);
  assert.equal(stats.counts.paymentVias, 550);
});

test('close() ends open streams and resolves quickly; the url has no trailing slash', async () => {
  const sandbox = await startSandbox({port: 0});
  assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(sandbox.url, `http://127.0.0.1:${sandbox.port}`);
  const order = await (await fetch(`${sandbox.url}/v5/orders`, {
    method: 'POST',
    body: JSON.stringify({user: {email: 'a@b.co'}, payment: {type: 'via', payment_via: 'USER_WALLET', coin: 'USDC'}, deliveries: [{brand_name: 'Steam', country_code: 'US', denomination: '10 USD', beneficiary_account: 'a@b.co'}]}),
  })).json();
  const sse = await SseClient.open(`${sandbox.url}/v5/orders/${order.order_id}/subscribe`);
  try {
    await sse.next();
    const t = Date.now();
    await sandbox.close();
    assert.ok(Date.now() - t < 500, `close took ${Date.now() - t} ms`);
    await sse.until(() => sse.ended, 2000, 'stream ended by close');
    await sandbox.close(); // idempotent
  } finally {
    sse.close();
  }
});

test('publicUrl sets the origin in logo and QR URLs', async () => {
  const sandbox = await startSandbox({port: 0, publicUrl: 'http://sandbox.local:8788/'});
  try {
    const page = await (await fetch(`${sandbox.url}/v2/brands?country_code=GB`)).json();
    assert.ok(page.all_brands[0].logo_base_url.startsWith('http://sandbox.local:8788/logos/'));
  } finally {
    await sandbox.close();
  }
});

/** The URL a sandbox started as a child process prints, or why there is none (it exited, or 15 s passed). */
function printedUrl(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no URL printed')), 15000);
    let out = '';
    child.once('exit', (code) => reject(new Error(`exited (${code}) without listening: ${out}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
}

test('`npm run sandbox` (server.ts run directly) listens on SANDBOX_PORT and prints its URL', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/server.ts'], {
    env: {...process.env, SANDBOX_PORT: '0', SANDBOX_AUTOPILOT: '1'},
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await printedUrl(child);
    const config = await (await fetch(`${url}/__sandbox/config`)).json();
    assert.equal(config.autopilot, true, 'SANDBOX_AUTOPILOT=1');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
});

test('`npm run sandbox` also starts when its script is reached through a symlinked directory', async () => {
  // The module's URL is its real path, argv[1] the path as given: it used to exit 0 at once, saying nothing.
  const dir = mkdtempSync(join(tmpdir(), 'cr-sandbox-link-'));
  symlinkSync(fileURLToPath(new URL('../../src', import.meta.url)), join(dir, 'src'), 'dir');
  const child = spawn(process.execPath, ['--import', 'tsx', join(dir, 'src', 'sandbox', 'server.ts')], {
    env: {...process.env, SANDBOX_PORT: '0'},
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await printedUrl(child);
    const config = await (await fetch(`${url}/__sandbox/config`)).json();
    assert.equal(config.autopilot, false);
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, {recursive: true, force: true});
  }
});
