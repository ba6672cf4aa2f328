// Configuration from the environment, its defaults, and `npm run proxy` (the server run as a script).
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {DEFAULTS, resolveConfig, SANDBOX_PARTNER_ID} from '../../src/proxy/config.js';
import {configFromEnv} from '../../src/proxy/server.js';
import {startRecordingUpstream} from './recording-upstream.js';

describe('configFromEnv', () => {
  test('reads the CONTRACT.md variables', () => {
    const config = configFromEnv({
      CR_API_URL: 'https://api.example.test',
      CR_PARTNER_ID: 'p-1',
      CR_APP_VERSION: '2.0',
      CR_ALLOWED_ORIGINS: ' https://a.example , https://b.example:8443/ ,,',
    });
    assert.equal(config.apiUrl, 'https://api.example.test');
    assert.equal(config.partnerId, 'p-1');
    assert.equal(config.appVersion, '2.0');
    assert.deepEqual(config.allowedOrigins, ['https://a.example', 'https://b.example:8443']);
  });

  test('CR_PARTNER_ID without the newline a secret file or a CRLF .env ends in', () => {
    for (const written of ['p-1\n', 'p-1\r\n', ' p-1 ']) {
      assert.equal(resolveConfig(configFromEnv({CR_API_URL: 'https://api.example.test', CR_PARTNER_ID: written})).partnerId, 'p-1', JSON.stringify(written));
    }
  });

  test('an allowed origin written with a path, a query or a user is refused, not cut down to its origin', () => {
    for (const written of ['http://127.0.0.1:8080/shop', 'https://a.example/?x', 'https://a.example/#top', 'https://me@a.example']) {
      const config = configFromEnv({CR_PARTNER_ID: 'p', CR_ALLOWED_ORIGINS: written});
      assert.throws(() => resolveConfig(config), /allowedOrigins must be exact origins/, written);
    }
    assert.deepEqual(configFromEnv({CR_PARTNER_ID: 'p', CR_ALLOWED_ORIGINS: 'HTTPS://A.example:443/'}).allowedOrigins, ['https://a.example']);
  });

  test('defaults to the real upstream and refuses to run against it without a partner id', () => {
    assert.throws(() => configFromEnv({}), /CR_PARTNER_ID is required/);
    assert.equal(configFromEnv({CR_PARTNER_ID: 'p'}).apiUrl, 'https://api.cryptorefills.com');
  });

  test('a local sandbox needs no partner id', () => {
    for (const url of ['http://127.0.0.1:8788', 'http://localhost:8788', 'http://[::1]:8788']) {
      assert.equal(configFromEnv({CR_API_URL: url}).partnerId, SANDBOX_PARTNER_ID, url);
    }
    assert.throws(() => configFromEnv({CR_API_URL: 'http://127.0.0.1.evil.example'}), /CR_PARTNER_ID/);
  });

  test('reads the optional variables', () => {
    const config = configFromEnv({
      CR_PARTNER_ID: 'p',
      CR_BASE_PATH: '/api/cr',
      CR_UPSTREAM_TIMEOUT_MS: '5000',
      CR_KEEPALIVE_MS: '20000',
      CR_MAX_BODY_BYTES: '8192',
      CR_ORDER_RATE_LIMIT: '3/6',
      CR_VALIDATION_RATE_LIMIT: 'off',
      CR_READ_RATE_LIMIT: '50/100',
      CR_TRUST_FORWARDED_FOR: '1',
    });
    assert.equal(config.basePath, '/api/cr');
    assert.equal(config.upstreamTimeoutMs, 5000);
    assert.equal(config.keepAliveMs, 20000);
    assert.equal(config.maxBodyBytes, 8192);
    assert.deepEqual(config.orderRateLimit, {capacity: 3, refillPerMinute: 6});
    assert.equal(config.validationRateLimit, false);
    assert.deepEqual(config.readRateLimit, {capacity: 50, refillPerMinute: 100});
    assert.equal(configFromEnv({CR_PARTNER_ID: 'p', CR_READ_RATE_LIMIT: 'off'}).readRateLimit, false);
    assert.equal(config.trustForwardedFor, true);
    assert.throws(() => configFromEnv({CR_PARTNER_ID: 'p', CR_ORDER_RATE_LIMIT: 'lots'}), /burst\/perMinute/);
    assert.throws(() => configFromEnv({CR_PARTNER_ID: 'p', CR_UPSTREAM_TIMEOUT_MS: 'soon'}), /non-negative number/);
  });
});

describe('resolveConfig', () => {
  const base = {partnerId: 'p', appVersion: '1', allowedOrigins: []};

  test('fills in the documented defaults', () => {
    const c = resolveConfig({...base, apiUrl: 'https://api.cryptorefills.com/'});
    assert.equal(c.apiUrl, 'https://api.cryptorefills.com');
    assert.equal(c.basePath, '');
    assert.equal(c.upstreamTimeoutMs, 15_000);
    assert.equal(c.keepAliveMs, 15_000);
    assert.equal(c.maxBodyBytes, 16 * 1024);
    assert.equal(c.maxUrlLength, 2048);
    assert.deepEqual(c.orderRateLimit, DEFAULTS.orderRateLimit);
    assert.deepEqual(c.validationRateLimit, DEFAULTS.validationRateLimit);
    assert.deepEqual(c.readRateLimit, {capacity: 120, refillPerMinute: 300});
    assert.equal(c.trustForwardedFor, false);
  });

  test('rate limits default to off in front of a local sandbox, unless set', () => {
    const c = resolveConfig({...base, apiUrl: 'http://127.0.0.1:8788'});
    assert.equal(c.orderRateLimit, false);
    assert.equal(c.validationRateLimit, false);
    assert.equal(c.readRateLimit, false);
    const set = resolveConfig({...base, apiUrl: 'http://127.0.0.1:8788', orderRateLimit: {capacity: 1, refillPerMinute: 1}});
    assert.deepEqual(set.orderRateLimit, {capacity: 1, refillPerMinute: 1});
  });

  test('normalises the base path', () => {
    for (const [input, expected] of [['api/cr/', '/api/cr'], ['/', ''], ['/x', '/x']] as const) {
      assert.equal(resolveConfig({...base, apiUrl: 'https://a.test', basePath: input}).basePath, expected);
    }
    for (const bad of ['/a/../b', '/a b', '/a%2fb', '/a//b']) {
      assert.throws(() => resolveConfig({...base, apiUrl: 'https://a.test', basePath: bad}), /basePath/, bad);
    }
  });
});

describe('npm run proxy (the server as a script)', () => {
  const script = fileURLToPath(new URL('../../src/proxy/server.ts', import.meta.url));

  function run(env: Record<string, string>, until: RegExp, path = script): Promise<{out: string; code: number | null; kill: () => void}> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path], {
        env: {PATH: process.env.PATH ?? '', ...env},
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`no match for ${until} within 15 s: ${out}`));
      }, 15_000);
      const check = () => {
        if (until.test(out)) {
          clearTimeout(timer);
          resolve({out, code: child.exitCode, kill: () => child.kill()});
        }
      };
      child.stdout.on('data', (c: Buffer) => ((out += c.toString()), check()));
      child.stderr.on('data', (c: Buffer) => ((out += c.toString()), check()));
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({out, code, kill: () => undefined});
      });
    });
  }

  test('refuses to start against the real upstream without CR_PARTNER_ID', async () => {
    const {out, code} = await run({PORT: '0'}, /$^/);
    assert.equal(code, 1);
    assert.match(out, /CR_PARTNER_ID is required/);
  });

  test('a configuration that cannot be safe: exit 1, naming the variable to fix', async () => {
    const {out, code} = await run({PORT: '0', CR_API_URL: 'http://127.0.0.1:1', CR_ALLOWED_ORIGINS: 'https://shop.example/shop'}, /$^/);
    assert.equal(code, 1);
    assert.match(out, /CR_ALLOWED_ORIGINS must be exact origins/);
  });

  test('starts in front of a local upstream, prints its URL and serves', async () => {
    const upstream = await startRecordingUpstream();
    const child = await run({PORT: '0', CR_API_URL: upstream.url, CR_BASE_PATH: '/api/cr'}, /proxy on (http:\/\/\S+)/);
    try {
      const url = /proxy on (http:\/\/\S+)/.exec(child.out)?.[1];
      assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/api\/cr$/);
      const res = await fetch(`${url}/v3/payment_vias`);
      assert.equal(res.status, 200);
      await res.body?.cancel();
      assert.equal(upstream.requests.at(-1)?.headers['x-cr-application'], SANDBOX_PARTNER_ID);
    } finally {
      child.kill();
      await upstream.close();
    }
  });

  test('starts when reached through a symlink (a package installed by pnpm, npm link or a workspace)', async () => {
    // `node node_modules/cryptorefills-checkout/dist/proxy/node.js` where node_modules/cryptorefills-checkout is a
    // link: the module's URL is its real path, argv[1] is not. The proxy used to exit 0 at once, saying nothing.
    const dir = mkdtempSync(join(tmpdir(), 'cr-proxy-link-'));
    symlinkSync(fileURLToPath(new URL('../../src', import.meta.url)), join(dir, 'src'), 'dir');
    const upstream = await startRecordingUpstream();
    const child = await run({PORT: '0', CR_API_URL: upstream.url}, /proxy on (http:\/\/\S+)/, join(dir, 'src', 'proxy', 'server.ts'));
    try {
      assert.equal(child.code, null, `still running: ${child.out}`);
      const url = /proxy on (http:\/\/\S+)/.exec(child.out)?.[1];
      const res = await fetch(`${url}/v3/payment_vias`);
      assert.equal(res.status, 200);
      await res.body?.cancel();
    } finally {
      child.kill();
      await upstream.close();
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
