// The nginx recipe of demo/integrations/nginx/cryptorefills.conf, run by a real nginx in front of the sandbox: the
// file's own server block and upstream snippet, with only what a loopback test must change (the upstream's address,
// plain HTTP instead of TLS to api.cryptorefills.com, a listen line, the partner id as the recipe says to set it, and
// a location serving the built bundle and a page). It forwards the endpoint table with the partner headers, refuses
// the rest without reaching upstream, and carries the whole flow in Chromium (same origin, so no CORS). Between nginx
// and the sandbox sits a tap that passes everything through, unless a test makes it answer as an upstream that
// quotes the partner id back would.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {gzipSync} from 'node:zlib';
import {chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium, type Browser} from 'playwright-core';
import {startSandbox, type SandboxServer} from '../../src/sandbox/server.js';
import {builtBundleDir} from '../support/built-bundle.js';
import {chromeArgs, ensureChrome} from '../support/chrome.js';
import {freePort} from '../support/free-port.js';
import {ensureNginx} from '../support/nginx.js';
import {sandboxControls, type SandboxControls} from '../support/sandbox-controls.js';

const RECIPE = fileURLToPath(new URL('../../demo/integrations/nginx/cryptorefills.conf', import.meta.url));
const PARTNER = 'nginx-test-partner';
const STEP_MS = 15_000;

/** The recipe's server and upstream blocks, and its upstream snippet (the commented block at the end), as written. */
function readRecipe(text: string): {server: string; snippet: string} {
  const marker = '# /etc/nginx/snippets/cryptorefills-upstream.conf';
  const [head, tail] = text.split(marker) as [string, string];
  const server = head.slice(head.indexOf('upstream cryptorefills {'));
  const snippet = tail
    .split('\n')
    .map((line) => line.replace(/^#\s{3}/, ''))
    .filter((line) => line.trim() && !line.trim().startsWith('#'))
    .join('\n');
  return {server, snippet};
}

let nginx: ChildProcess | undefined;
let tap: Server | undefined;
/** Set by a test: the tap answers with it instead of passing the request to the sandbox. */
let tapAnswer: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
/** The request headers of the requests the tap answered itself. */
const tapSeen: IncomingMessage['headers'][] = [];
/** Every request that reached the tap (so left nginx for upstream): its target exactly as written, and its headers. */
const tapTargets: {url: string; headers: IncomingMessage['headers']}[] = [];
let sandbox: SandboxServer;
let controls: SandboxControls;
let browser: Browser;
let origin = '';
let log = '';
const work = mkdtempSync(join(tmpdir(), 'cr-nginx-'));

function waitForPort(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) {
          let errors = '';
          try {
            errors = readFileSync(join(work, 'error.log'), 'utf8');
          } catch {
            // No log written yet.
          }
          reject(new Error(`nginx did not listen on ${port}:\n${log}\n${errors}`));
        }
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

before(async () => {
  const binary = ensureNginx();
  sandbox = await startSandbox({port: 0, host: '127.0.0.1'});
  controls = sandboxControls(sandbox.url);
  const target = new URL(sandbox.url);
  tap = createServer((req, res) => {
    tapTargets.push({url: req.url ?? '', headers: req.headers});
    if (tapAnswer) {
      tapSeen.push(req.headers);
      req.resume();
      tapAnswer(req, res);
      return;
    }
    const out = httpRequest({host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers}, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    res.on('close', () => out.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => tap!.listen(0, '127.0.0.1', resolve));
  const upstream = `127.0.0.1:${(tap.address() as {port: number}).port}`;
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;

  // The site: the built script-tag bundle and a page that uses the proxy on its own origin, as the recipe intends.
  // nginx's workers run as an unprivileged user: they must be able to read the site (mkdtemp makes it private).
  chmodSync(work, 0o755);
  const site = join(work, 'site');
  cpSync(await builtBundleDir(), site, {recursive: true});
  chmodSync(site, 0o755);
  writeFileSync(
    join(site, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="/cryptorefills-checkout.js"></script></head>
<body><cr-brand-picker proxy-url="/api/cr" country="US"></cr-brand-picker><cr-checkout></cr-checkout><cr-order-status></cr-order-status></body></html>`,
  );

  const {server, snippet} = readRecipe(readFileSync(RECIPE, 'utf8'));
  const snippetFile = join(work, 'cryptorefills-upstream.conf');
  writeFileSync(
    snippetFile,
    snippet
      .replace('proxy_pass https://', 'proxy_pass http://')
      .replace(/^\s*proxy_ssl_[^\n]*\n/gm, '')
      .replace('proxy_set_header Host api.cryptorefills.com;', `proxy_set_header Host ${upstream};`),
  );
  const serverBlock = server
    .replace('server api.cryptorefills.com:443;', `server ${upstream};`)
    .replace(/# … your shop's listen[^\n]*/, `listen 127.0.0.1:${port};\n  set $cr_partner "${PARTNER}";\n  location / { root ${site}; }`)
    .replaceAll('include /etc/nginx/snippets/cryptorefills-upstream.conf;', `include ${snippetFile};`);
  assert.ok(serverBlock.includes(`listen 127.0.0.1:${port}`) && serverBlock.includes(snippetFile), 'the recipe still has the lines this test adapts');
  // Loopback only: a rewrite above that stopped matching would leave nginx proxying to the real API.
  assert.doesNotMatch(serverBlock + readFileSync(snippetFile, 'utf8'), /cryptorefills\.com|https:\/\//, 'no real upstream left in the config under test');
  for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(work, dir), {recursive: true});
  writeFileSync(
    join(work, 'nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  types { text/html html; text/javascript js; }
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
${serverBlock}
}
`,
  );
  nginx = spawn(binary, ['-p', work, '-c', join(work, 'nginx.conf')], {stdio: ['ignore', 'pipe', 'pipe']});
  nginx.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  nginx.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  await waitForPort(port, 10_000);
  browser = await chromium.launch({executablePath: ensureChrome(), args: chromeArgs, headless: true});
});

after(async () => {
  await browser?.close();
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((resolve) => nginx!.once('exit', resolve));
    nginx.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (nginx.exitCode === null) nginx.kill('SIGKILL');
  }
  tap?.closeAllConnections();
  tap?.close();
  await sandbox?.close();
  rmSync(work, {recursive: true, force: true});
});

describe('the nginx recipe in front of the sandbox', () => {
  test('forwards the endpoint table with the partner headers and without the browser\'s cookies', async () => {
    await controls.reset();
    const res = await fetch(`${origin}/api/cr/v2/brands?country_code=US`, {headers: {cookie: 'session=secret', authorization: 'Bearer x'}});
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as {country_code: string}).country_code, 'US');
    const [request] = (await controls.stats()).requests;
    assert.equal(request?.path, '/v2/brands');
    assert.equal(request?.headers['x-cr-application'], PARTNER);
    assert.equal(request?.headers['x-country-iso-code'], 'US');
    assert.equal(request?.headers['cookie'], undefined);
    assert.equal(request?.headers['authorization'], undefined);
  });

  test('passes only the request headers it lists: a forged address or partner header never reaches upstream', async () => {
    await controls.reset();
    const res = await fetch(`${origin}/api/cr/v2/brands?country_code=US`, {
      headers: {
        'x-real-ip': '6.6.6.6',
        forwarded: 'for=6.6.6.6',
        'true-client-ip': '6.6.6.6',
        'x-forwarded-for': '6.6.6.6',
        'x-cr-application': 'forged-partner',
        'x-cr-version': 'forged',
        'x-debug': '1',
        accept: 'application/json',
      },
    });
    assert.equal(res.status, 200);
    await res.body?.cancel();
    const [request] = (await controls.stats()).requests;
    const headers = request?.headers ?? {};
    for (const name of ['x-real-ip', 'forwarded', 'true-client-ip', 'x-debug']) assert.equal(headers[name], undefined, name);
    assert.equal(headers['x-forwarded-for'], '127.0.0.1', 'the address nginx saw');
    assert.equal(headers['x-cr-application'], PARTNER);
    assert.equal(headers['x-cr-version'], 'nginx-shop-1');
    assert.equal(headers['accept'], 'application/json');
  });

  const ORDER = '11111111-2222-4333-8444-555555555555';
  /** Some 1,200 distinct parameter names, `aa=1&ab=1&…`. */
  const LONG_NAMES = Array.from({length: 1200}, (_, i) => `${String.fromCharCode(97 + Math.floor(i / 26) % 26)}${String.fromCharCode(97 + (i % 26))}${i >= 676 ? 'x' : ''}=1`).join('&');

  /** Sends each request and expects nginx's own 400 QUERY_NOT_ALLOWED, with nothing at all reaching upstream. */
  async function expectQueryRefused(cases: [string, RequestInit?][]): Promise<void> {
    await controls.reset();
    tapTargets.length = 0;
    for (const [path, init = {}] of cases) {
      const where = `${init.method ?? 'GET'} ${path}`;
      const res = await fetch(`${origin}${path}`, init);
      const text = await res.text();
      assert.deepEqual(tapTargets.map((t) => t.url), [], `${where}: nothing reached upstream`);
      assert.equal(res.status, 400, `${where}: ${text}`);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/, where);
      assert.match(text, /^\{"error":\{"code":"QUERY_NOT_ALLOWED",/, where);
    }
    assert.deepEqual(tapTargets.map((t) => t.url), [], 'nothing reached upstream');
    assert.deepEqual((await controls.stats()).requests, [], 'nothing reached the sandbox');
  }

  test('a query parameter its path does not take never reaches upstream: 400, as the reference proxy answers', async () => {
    await expectQueryRefused([
      ['/api/cr/v2/brands?country_code=US&debug=1'],
      ['/api/cr/v2/brands?debug=1&country_code=US'],
      ['/api/cr/v2/homepage?country_code=US&partner=x'],
      ['/api/cr/v3/payment_vias?all=1'],
      ['/api/cr/v3/payment_vias?country_code=US'],
      [`/api/cr/v5/orders/${ORDER}?expand=user`],
      [`/api/cr/v5/orders/${ORDER}/subscribe?since=0`],
      [`/api/cr/v3/qrs/${ORDER}?size=9999`],
      ['/api/cr/v5/orders?dry_run=1', {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'}],
      ['/api/cr/v5/orders/validations?x=1', {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'}],
      // country_code is the price's and the brands' parameter, not the products' (their country is in the path).
      ['/api/cr/v5/products/country/US?family_name=Steam&country_code=FR'],
      ['/api/cr/v4/products/price?brand_name=Steam&country_code=US&face_value=25&coin=USDC&network=Solana'],
      // Names exactly as listed (nginx's $arg_ would read these case-blind), each once, each with a value.
      ['/api/cr/v2/brands?COUNTRY_CODE=US'],
      ['/api/cr/v2/brands?country%5Fcode=US'],
      ['/api/cr/v2/brands?country_code=US&country_code=FR'],
      ['/api/cr/v2/brands?lang=en&country_code=US&lang=fr'],
      ['/api/cr/v2/brands?country_code'],
      ['/api/cr/v2/brands?country_code=US&lang'],
      ['/api/cr/v2/brands?country_code=US;debug=1'],
      // Long queries (nginx takes 8k of request line) are refused too, quickly, not failed by a regex gone quadratic.
      [`/api/cr/v2/brands?country_code=US&${LONG_NAMES}`],
      [`/api/cr/v2/brands?${'country_code=US&lang=en&'.repeat(300)}`],
    ]);
  });

  test('a bad value is refused, never sent on: a country_code that is not two ASCII letters reaches upstream neither as a header nor in the query', async () => {
    await expectQueryRefused([
      ['/api/cr/v2/brands?country_code=US%0d%0aX-Evil:1'],
      ['/api/cr/v2/brands?country_code=US%0D%0AX-Evil%3A1'],
      ['/api/cr/v2/brands?country_code=USA'],
      ['/api/cr/v2/brands?country_code=u1'],
      ['/api/cr/v2/brands?country_code=%55S'],
      ['/api/cr/v2/brands?country_code='],
      ['/api/cr/v2/brands?country_code=U'],
      ['/api/cr/v2/homepage?country_code=US%00'],
      ['/api/cr/v4/products/price?brand_name=Steam&country_code=USA&face_value=25&coin=USDC'],
      ['/api/cr/v4/products/price?brand_name=Steam&country_code=u1&face_value=25&coin=USDC'],
      // The other values, each against the reference proxy's pattern.
      ['/api/cr/v2/brands?country_code=US&lang=xx'],
      ['/api/cr/v2/brands?country_code=US&lang=en%0d%0a'],
      ['/api/cr/v4/products/price?brand_name=Steam&country_code=US&face_value=1e9&coin=USDC'],
      ['/api/cr/v4/products/price?brand_name=Steam&country_code=US&face_value=25&coin=US%20DC'],
      ['/api/cr/v5/products/country/US?family_name=Steam%0aX-Evil:1'],
      ['/api/cr/v5/products/country/US?family_name=Steam%7f'],
      ['/api/cr/v5/products/country/US?brand_name=Steam%zz'],
      [`/api/cr/v5/products/country/US?brand_name=${'a'.repeat(257)}`],
    ]);
  });

  test('a good query still forwards its allowed parameters exactly, still encoded as the client wrote them, with the checked country upper-cased in X-Country-ISO-Code', async () => {
    await controls.reset();
    tapTargets.length = 0;
    const cases: [string, string, string | undefined][] = [
      ['/api/cr/v2/brands?country_code=US&lang=en', '/v2/brands?country_code=US&lang=en', 'US'],
      ['/api/cr/v2/brands?country_code=fr', '/v2/brands?country_code=fr', 'FR'],
      ['/api/cr/v2/homepage?lang=DE&country_code=de', '/v2/homepage?country_code=de&lang=DE', 'DE'],
      ['/api/cr/v3/payment_vias', '/v3/payment_vias', undefined],
      ['/api/cr/v3/payment_vias?', '/v3/payment_vias', undefined],
      ['/api/cr/v5/products/country/fr?family_name=Amazon+Fran%C3%A7e%20%26%20co&coin=USDC&lang=fr', '/v5/products/country/fr?family_name=Amazon+Fran%C3%A7e%20%26%20co&coin=USDC&lang=fr', 'FR'],
      ['/api/cr/v5/products/country/US?brand_name=Steam%2A_-.~&coin=USDC', '/v5/products/country/US?brand_name=Steam%2A_-.~&coin=USDC', 'US'],
      ['/api/cr/v5/products/country/jp?brand_name=%E3%82%B2%E3%83%BC%E3%83%A0%F0%9F%8E%AE', '/v5/products/country/jp?brand_name=%E3%82%B2%E3%83%BC%E3%83%A0%F0%9F%8E%AE', 'JP'],
      [`/api/cr/v5/products/country/US?family_name=${'a'.repeat(256)}`, `/v5/products/country/US?family_name=${'a'.repeat(256)}`, 'US'],
      [
        '/api/cr/v4/products/price?&brand_name=Steam+Wallet&&country_code=US&face_value=25.50&coin=USDC&',
        '/v4/products/price?brand_name=Steam+Wallet&country_code=US&face_value=25.50&coin=USDC',
        'US',
      ],
      [`/api/cr/v5/orders/${ORDER}`, `/v5/orders/${ORDER}`, undefined],
    ];
    for (const [path, upstreamTarget, country] of cases) {
      tapTargets.length = 0;
      const res = await fetch(`${origin}${path}`);
      const text = await res.text();
      assert.ok(!text.includes('QUERY_NOT_ALLOWED'), `${path}: ${text}`);
      assert.equal(tapTargets.length, 1, `${path} reached upstream once`);
      assert.equal(tapTargets[0]!.url, upstreamTarget, path);
      assert.equal(tapTargets[0]!.headers['x-country-iso-code'], country, `${path}: X-Country-ISO-Code`);
    }
  });

  test('the partner id never reaches the browser: an answer quoting it is redacted, compressed or not; upstream\'s own headers are hidden', async () => {
    await controls.reset();
    tapSeen.length = 0;
    // Hidden by name (the recipe lists them); each quotes the partner id or would act on the shop's origin.
    const hidden: Record<string, string> = {
      'set-cookie': `session=${PARTNER}`,
      'access-control-allow-origin': '*',
      'access-control-allow-credentials': 'true',
      'x-powered-by': `app ${PARTNER}`,
      'x-debug': `application=${PARTNER}`,
      'x-upstream-debug': `application=${PARTNER}`,
      'x-cr-application': PARTNER,
      server: `internal ${PARTNER}`,
    };
    tapAnswer = (req, res) => {
      const body = Buffer.from(JSON.stringify({message: `unknown application ${PARTNER}`, echo: {'X-Cr-Application': req.headers['x-cr-application']}}));
      // As a server may: without Accept-Encoding any coding is acceptable (RFC 9110), so it compresses unless told not to.
      const encoding = req.headers['accept-encoding'];
      const gzip = encoding === undefined || /gzip/i.test(encoding);
      res.writeHead(req.method === 'POST' ? 401 : 200, {...hidden, 'content-type': 'application/json', ...(gzip ? {'content-encoding': 'gzip'} : {})});
      res.end(gzip ? gzipSync(body) : body);
    };
    try {
      const cases: [string, RequestInit][] = [
        ['/api/cr/v2/brands?country_code=US', {headers: {'accept-encoding': 'gzip'}}],
        ['/api/cr/v5/orders/validations', {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'}],
      ];
      for (const [path, init] of cases) {
        const res = await fetch(`${origin}${path}`, init);
        const text = await res.text();
        const where = `${init.method ?? 'GET'} ${path}`;
        assert.equal(res.status, init.method === 'POST' ? 401 : 200, where);
        assert.ok(!text.includes(PARTNER), `${where}: body ${text}`);
        assert.match(text, /unknown application \[redacted\]/, where);
        const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
        assert.ok(!headers.includes(PARTNER), `${where}: headers\n${headers}`);
        for (const name of Object.keys(hidden)) if (name !== 'server') assert.equal(res.headers.get(name), null, `${where}: ${name}`);
      }
      assert.equal(tapSeen.length, cases.length, 'the tap answered them');
      for (const headers of tapSeen) assert.equal(headers['accept-encoding'], 'identity', 'an uncompressed answer asked for');
    } finally {
      tapAnswer = undefined;
    }
  });

  test('an event stream still passes frame by frame, the partner id redacted even where it is split across chunks', async () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    let release!: () => void;
    let released = false;
    const go = new Promise<void>((resolve) => (release = () => ((released = true), resolve())));
    const bound = setTimeout(release, 8000);
    tapAnswer = (_req, res) => {
      res.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'});
      res.write(`: hello\n\ndata: {"order_id":"${id}","note":"application ${PARTNER.slice(0, 6)}`);
      setTimeout(() => res.write(`${PARTNER.slice(6)} unknown"}\n\n`), 150);
      void go.then(() => res.end('event: stop\ndata: {}\n\n'));
    };
    const controller = new AbortController();
    try {
      const res = await fetch(`${origin}/api/cr/v5/orders/${id}/subscribe`, {headers: {accept: 'text/event-stream'}, signal: controller.signal});
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const readUntil = async (done: (t: string) => boolean, ms: number) => {
        const deadline = Date.now() + ms;
        while (!done(text)) {
          const left = deadline - Date.now();
          if (left <= 0) assert.fail(`timed out; got so far: ${JSON.stringify(text)}`);
          let timer: NodeJS.Timeout | undefined;
          const chunk = await Promise.race([reader.read(), new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), left)))]);
          clearTimeout(timer);
          if (chunk === 'late') continue;
          if (chunk.done) break;
          text += decoder.decode(chunk.value, {stream: true});
        }
      };
      await readUntil((t) => /unknown"\}\n\n/.test(t), 3000);
      assert.equal(released, false, 'the first frame arrived while upstream held the stream open (nothing buffered it)');
      assert.ok(text.includes(`"note":"application [redacted] unknown"`), text);
      release();
      await readUntil((t) => t.includes('event: stop'), 3000);
      assert.ok(!text.includes(PARTNER), text);
      assert.ok(!text.includes(PARTNER.slice(0, 6) + PARTNER.slice(6, 7)), text);
    } finally {
      clearTimeout(bound);
      release();
      controller.abort();
      tapAnswer = undefined;
    }
  });

  test('refuses other paths and methods without reaching upstream', async () => {
    await controls.reset();
    const cases: [string, RequestInit, number][] = [
      ['/api/cr/v9/secret', {}, 404],
      ['/api/cr/__sandbox/stats', {}, 404],
      ['/api/cr/v5/orders/not-a-uuid', {}, 404],
      [`/api/cr/v5/orders/${'-'.repeat(36)}`, {}, 404],
      ['/api/cr/v5/orders/1111111-12222-4333-8444-555555555555', {}, 404],
      [`/api/cr/v5/orders/${'-'.repeat(36)}/subscribe`, {}, 404],
      ['/api/cr/v2/brands?country_code=US', {method: 'POST', body: '{}'}, 405],
      ['/api/cr/v2/brands?country_code=US', {method: 'HEAD'}, 405],
      ['/api/cr/v2/brands?country_code=US', {method: 'OPTIONS'}, 405],
      ['/api/cr/v5/orders/11111111-2222-4333-8444-555555555555', {method: 'HEAD'}, 405],
      ['/api/cr/v5/orders', {method: 'GET'}, 405],
      ['/api/cr/v5/orders/validations', {method: 'DELETE'}, 405],
    ];
    for (const [path, init, status] of cases) {
      const res = await fetch(`${origin}${path}`, init);
      assert.equal(res.status, status, `${init.method ?? 'GET'} ${path}`);
      await res.body?.cancel();
    }
    assert.deepEqual((await controls.stats()).requests, [], 'nothing reached upstream');
  });

  test('the whole flow in Chromium through nginx: pick, pay, follow the stream, delivered', async () => {
    await controls.reset();
    const page = await browser.newPage();
    const errors: string[] = [];
    const failed: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    });
    page.on('requestfailed', (r) => failed.push(`failed ${r.url()} ${r.failure()?.errorText}`));
    try {
      await page.goto(`${origin}/`);
      await page
        .locator('cr-brand-picker [part~="brand"]', {hasText: 'Steam'})
        .first()
        .click({timeout: STEP_MS})
        .catch((error: Error) => assert.fail(`${error.message}\nfailed requests: ${failed.join('; ')}\npage errors: ${errors.join('; ')}`));
      await page.locator('cr-checkout [part~="email-input"]').fill('buyer@example.com', {timeout: STEP_MS});
      await page.locator('cr-checkout [part~="pay-button"]').click();
      const payment = page.locator('cr-checkout [part~="payment"][data-phase="awaiting-payment"]');
      await payment.waitFor({timeout: STEP_MS});
      const orderId = (await payment.getAttribute('data-order-id'))!;
      await page.waitForFunction(() => (document.querySelector('cr-order-status') as unknown as {connection?: string})?.connection === 'live', undefined, {timeout: STEP_MS});
      for (const action of ['pay', 'confirm', 'deliver'] as const) await controls.act(orderId, action);
      const code = page.locator('cr-order-status [part~="deliveries"] [part~="code"]').first();
      await code.waitFor({timeout: STEP_MS});
      assert.match((await code.textContent()) ?? '', /\S{4,}/);
      const stats = await controls.stats();
      assert.equal(stats.orders, 1);
      assert.ok(stats.requests.some((r) => r.endpoint === 'subscribe'), 'the event stream went through nginx');
      assert.deepEqual(errors, []);
      // Brand logos are upstream's images, fetched from its own host in production: the recipe proxies the API only,
      // so the sandbox's logos at this test site's root are not there.
      assert.deepEqual(failed.filter((f) => !/\/logos\//.test(f)), [], 'no API request failed or was refused on the way');
    } finally {
      await page.close();
    }
  });

  // Last: it spends this client's order tokens, which the whole flow above needs.
  test('creates are rate-limited per client (429 from nginx, without reaching upstream)', async () => {
    await controls.reset();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${origin}/api/cr/v5/orders`, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{}'});
      statuses.push(res.status);
      await res.body?.cancel();
    }
    assert.ok(statuses.includes(429), statuses.join(' '));
    const reached = (await controls.stats()).requests.filter((r) => r.endpoint === 'createOrder').length;
    assert.equal(reached, statuses.filter((s) => s !== 429).length, 'a refused create did not reach upstream');
    assert.ok(reached <= 4, `at most the burst reached upstream (${reached})`);
  });
});
