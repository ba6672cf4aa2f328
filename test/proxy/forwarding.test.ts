// What reaches upstream (path, query, exactly which headers, body) and what comes back to the browser.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {gzipSync} from 'node:zlib';
import {rawGet} from './raw-http.js';
import {jsonOk, type RecordedRequest} from './recording-upstream.js';
import {APP_VERSION, ORDER_ID, ORIGIN, PARTNER_ID, startHarness, type Harness} from './harness.js';

// Headers Node's fetch (undici) adds by itself to every upstream call; everything else must be the proxy's choice.
const TRANSPORT_HEADERS = ['host', 'connection', 'accept-language', 'sec-fetch-mode', 'content-length'];

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

async function lastForwarded(path: string, init: RequestInit = {}): Promise<{res: Response; up: RecordedRequest; text: string}> {
  const n = h.upstream.requests.length;
  const res = await fetch(h.url + path, init);
  const text = await res.text();
  assert.equal(h.upstream.requests.length, n + 1, `expected one upstream request for ${path}: ${text}`);
  return {res, up: h.upstream.requests[n]!, text};
}

const headerNames = (r: RecordedRequest) => Object.keys(r.headers).filter((k) => !TRANSPORT_HEADERS.includes(k)).sort();

describe('path and query', () => {
  for (const path of [
    '/v3/payment_vias',
    '/v2/brands?country_code=US',
    '/v2/homepage?country_code=gb&lang=de',
    '/v5/products/country/US?family_name=Amazon.com',
    '/v5/products/country/de?brand_name=Caf%C3%A9+%26+Co&coin=USDC&lang=en',
    '/v4/products/price?brand_name=Airbnb&country_code=US&face_value=100&coin=USDC',
    `/v5/orders/${ORDER_ID}`,
    `/v5/orders/${ORDER_ID.toUpperCase()}`,
    `/v3/qrs/${ORDER_ID}`,
  ]) {
    test(`GET ${path} is forwarded unchanged`, async () => {
      const {res, up, text} = await lastForwarded(path);
      assert.equal(res.status, 200);
      assert.equal(up.method, 'GET');
      assert.equal(up.url, path);
      assert.deepEqual(JSON.parse(text), {ok: true, path});
    });
  }

  test('the query reaches upstream as checked, written anew: not the client\'s own bytes', async () => {
    const {res, up} = await lastForwarded('/v5/products/country/US?family_name=a;b%2Cc&lang=DE');
    assert.equal(res.status, 200);
    assert.equal(up.url, '/v5/products/country/US?family_name=a%3Bb%2Cc&lang=DE');
  });

  test('an upstream base URL with a path prefix keeps it', async () => {
    const prefixed = await startHarness();
    const other = await startHarness({apiUrl: `${prefixed.upstream.url}/partner-api/`});
    try {
      const res = await fetch(`${other.url}/v2/brands?country_code=US`);
      assert.equal(res.status, 200);
      assert.equal(prefixed.upstream.requests.at(-1)?.url, '/partner-api/v2/brands?country_code=US');
    } finally {
      await other.close();
      await prefixed.close();
    }
  });
});

describe('headers sent upstream', () => {
  test('a GET carries exactly the partner, version, client and country headers', async () => {
    const {up} = await lastForwarded('/v2/brands?country_code=us', {
      headers: {
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Shopper/1',
        accept: 'application/json',
        cookie: 'session=abc',
        authorization: 'Bearer browser-token',
        'proxy-authorization': 'Basic eDp5',
        'x-cr-application': 'spoofed-partner',
        'x-cr-version': 'spoofed',
        'x-forwarded-for': '6.6.6.6',
        'x-country-iso-code': 'KP',
        referer: 'https://shop.example/checkout',
        'x-requested-with': 'XMLHttpRequest',
        'sec-ch-ua': '"Chromium"',
        origin: ORIGIN,
      },
    });
    assert.deepEqual(headerNames(up), [
      'accept',
      'accept-encoding',
      'user-agent',
      'x-country-iso-code',
      'x-cr-application',
      'x-cr-version',
      'x-forwarded-for',
    ]);
    assert.equal(up.headers['x-cr-application'], PARTNER_ID);
    assert.equal(up.headers['x-cr-version'], APP_VERSION);
    assert.equal(up.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(up.headers['user-agent'], 'Mozilla/5.0 (X11; Linux x86_64) Shopper/1');
    assert.equal(up.headers['x-country-iso-code'], 'US');
    assert.equal(up.headers.accept, 'application/json');
    assert.equal(up.headers['accept-encoding'], 'identity');
  });

  test('a POST adds Content-Type: application/json and sends the checked body', async () => {
    const order = {
      user: {email: 'a@b.test'},
      payment: {type: 'via', payment_via: 'USER_WALLET', coin: 'USDC', network: 'Solana'},
      deliveries: [{brand_name: 'Amazon.com', country_code: 'gb', denomination: '25 GBP', beneficiary_account: 'a@b.test'}],
      lang: 'en',
    };
    const {res, up} = await lastForwarded('/v5/orders', {
      method: 'POST',
      body: JSON.stringify(order, null, 2),
      headers: {'content-type': 'application/json; charset=utf-8', cookie: 'x=1', 'user-agent': 'UA/2'},
    });
    assert.equal(res.status, 200);
    assert.equal(up.method, 'POST');
    assert.equal(up.url, '/v5/orders');
    assert.deepEqual(headerNames(up), [
      'accept',
      'accept-encoding',
      'content-type',
      'user-agent',
      'x-country-iso-code',
      'x-cr-application',
      'x-cr-version',
      'x-forwarded-for',
    ]);
    assert.equal(up.headers['content-type'], 'application/json');
    assert.equal(up.headers['x-country-iso-code'], 'GB');
    assert.deepEqual(JSON.parse(up.body), order);
  });

  test('the country comes from a nested delivery too', async () => {
    const {up} = await lastForwarded('/v5/orders/validations', {
      method: 'POST',
      body: JSON.stringify({deliveries: [{kind: 'giftcard', quantity: 1, deliverable: {country_code: 'br'}}]}),
      headers: {'content-type': 'application/json'},
    });
    assert.equal(up.headers['x-country-iso-code'], 'BR');
  });

  test('the country comes from the products path', async () => {
    const {up} = await lastForwarded('/v5/products/country/ng?family_name=MTN');
    assert.equal(up.headers['x-country-iso-code'], 'NG');
  });

  test('no country header when the request names none, or names an invalid one in the body', async () => {
    const a = await lastForwarded('/v3/payment_vias');
    assert.equal(a.up.headers['x-country-iso-code'], undefined);
    const b = await lastForwarded('/v5/orders/validations', {
      method: 'POST',
      body: JSON.stringify({deliveries: [{country_code: 'U S'}]}),
      headers: {'content-type': 'application/json'},
    });
    assert.equal(b.up.headers['x-country-iso-code'], undefined);
  });

  test('Accept is passed through, and defaults to application/json (text/event-stream for subscribe)', async () => {
    const a = await lastForwarded(`/v5/orders/${ORDER_ID}`, {headers: {accept: 'application/json, text/plain'}});
    assert.equal(a.up.headers.accept, 'application/json, text/plain');
    // fetch always sends an Accept header; a raw request can leave it out.
    const n = h.upstream.requests.length;
    assert.equal((await rawGet(h.port, `/v5/orders/${ORDER_ID}`)).status, 200);
    assert.equal((await rawGet(h.port, `/v5/orders/${ORDER_ID}/subscribe`)).status, 200);
    assert.equal(h.upstream.requests[n]?.headers.accept, 'application/json');
    assert.equal(h.upstream.requests[n + 1]?.headers.accept, 'text/event-stream');
  });

  test('Last-Event-ID is forwarded on subscribe only', async () => {
    const a = await lastForwarded(`/v5/orders/${ORDER_ID}/subscribe`, {headers: {'last-event-id': '7', accept: 'text/event-stream'}});
    assert.equal(a.up.headers['last-event-id'], '7');
    assert.equal(a.up.headers.accept, 'text/event-stream');
    const b = await lastForwarded(`/v5/orders/${ORDER_ID}`, {headers: {'last-event-id': '7'}});
    assert.equal(b.up.headers['last-event-id'], undefined);
  });
});

describe('answers relayed to the browser', () => {
  test('upstream Set-Cookie, server banners, unknown headers and any header echoing the partner id are dropped', async () => {
    h.upstream.respond((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Set-Cookie': 'upstream_session=1; HttpOnly',
        'X-Powered-By': 'Upstream',
        'X-Cr-Application': PARTNER_ID,
        'X-Debug': `app=${PARTNER_ID}`,
        'Cache-Control': 'max-age=60',
        ETag: '"v1"',
      });
      res.end('{"a":1}');
    });
    try {
      const {res, text} = await lastForwarded('/v3/payment_vias', {headers: {origin: ORIGIN}});
      assert.equal(res.status, 200);
      assert.equal(text, '{"a":1}');
      assert.equal(res.headers.get('set-cookie'), null);
      assert.equal(res.headers.get('x-powered-by'), null);
      assert.equal(res.headers.get('x-cr-application'), null);
      assert.equal(res.headers.get('x-debug'), null);
      assert.equal(res.headers.get('cache-control'), 'max-age=60');
      assert.equal(res.headers.get('etag'), '"v1"');
      for (const [, value] of res.headers) assert.ok(!value.includes(PARTNER_ID));
    } finally {
      h.upstream.respond(jsonOk);
    }
  });

  for (const status of [400, 404, 422, 500, 503]) {
    test(`upstream ${status} passes through with its body`, async () => {
      const body = JSON.stringify({status: 'SUSPENDED_COIN', detail: `coin ${status}`, moreDetails: {coin: 'DOGE'}});
      h.upstream.respond((_req, res) => {
        res.writeHead(status, {'Content-Type': 'application/json'});
        res.end(body);
      });
      try {
        const {res, text} = await lastForwarded('/v3/payment_vias');
        assert.equal(res.status, status);
        assert.equal(text, body);
      } finally {
        h.upstream.respond(jsonOk);
      }
    });
  }

  for (const [status, type] of [[500, 'text/html; charset=utf-8'], [502, 'text/plain'], [404, 'text/html'], [429, 'text/html'], [403, '']] as const) {
    test(`an upstream ${status} whose body is not JSON (${type || 'no type'}) is not echoed: the proxy's own JSON error, same status`, async () => {
      // An error page of upstream's framework, load balancer or WAF: a stack trace, internal hosts, a reflected
      // parameter, in HTML the browser would render on the proxy's origin (the shop's, under CR_BASE_PATH).
      const page = '<html><body><script>alert(1)</script>NullReferenceException at Cr.Api.Orders (/srv/cr-api/internal-db-7:5432)</body></html>';
      h.upstream.respond((_req, res) => {
        res.writeHead(status, {...(type ? {'Content-Type': type} : {}), 'Retry-After': '9'});
        res.end(page);
      });
      try {
        const {res, text} = await lastForwarded('/v3/payment_vias', {headers: {origin: ORIGIN}});
        assert.equal(res.status, status);
        assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
        assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
        assert.equal(res.headers.get('retry-after'), '9');
        assert.equal(JSON.parse(text).error.code, 'UPSTREAM_ERROR');
        assert.ok(!/script|NullReference|internal-db/.test(text), text);
      } finally {
        h.upstream.respond(jsonOk);
      }
    });
  }

  test('upstream 429 passes through with Retry-After, readable cross-origin', async () => {
    h.upstream.respond((_req, res) => {
      res.writeHead(429, {'Content-Type': 'application/json', 'Retry-After': '12'});
      res.end('{"message":"slow down"}');
    });
    try {
      const {res, text} = await lastForwarded('/v3/payment_vias', {headers: {origin: ORIGIN}});
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '12');
      assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
      assert.equal(text, '{"message":"slow down"}');
    } finally {
      h.upstream.respond(jsonOk);
    }
  });

  test('an upstream error body that quotes the partner id is redacted', async () => {
    h.upstream.respond((req, res) => {
      res.writeHead(401, {'Content-Type': 'application/json'});
      res.end(JSON.stringify({message: `unknown application ${String(req.headers['x-cr-application'])}`}));
    });
    try {
      const {res, text} = await lastForwarded('/v3/payment_vias');
      assert.equal(res.status, 401);
      assert.ok(!text.includes(PARTNER_ID), text);
      assert.deepEqual(JSON.parse(text), {message: 'unknown application [redacted]'});
    } finally {
      h.upstream.respond(jsonOk);
    }
  });

  test('the partner id is redacted whatever the content type, in its escaped forms, and in event streams', async () => {
    h.upstream.respond((req, res) => {
      const id = String(req.headers['x-cr-application']);
      if (req.url?.endsWith('/subscribe')) {
        res.writeHead(200, {'Content-Type': 'text/event-stream'});
        // Split mid-id, as a network may split it.
        res.write(`data: {"echo":"${id.slice(0, 3)}`);
        setTimeout(() => res.end(`${id.slice(3)}","quoted":${JSON.stringify(id)}}\n\n`), 20);
        return;
      }
      // JSON, as a non-JSON error body is not relayed at all (the proxy's own UPSTREAM_ERROR instead).
      res.writeHead(401, {'Content-Type': 'application/json'});
      res.end(`{"message":"unknown application ${id} (${encodeURIComponent(id)})"}`);
    });
    try {
      const plain = await lastForwarded('/v3/payment_vias');
      assert.equal(plain.res.status, 401);
      assert.equal(plain.text, '{"message":"unknown application [redacted] ([redacted])"}');
      const stream = await lastForwarded(`/v5/orders/${ORDER_ID}/subscribe`, {headers: {origin: ORIGIN}});
      assert.ok(!stream.text.includes(PARTNER_ID.slice(3)), stream.text);
      assert.equal(stream.text, 'data: {"echo":"[redacted]","quoted":"[redacted]"}\n\n');
    } finally {
      h.upstream.respond(jsonOk);
    }
  });

  test('an upstream that gzips anyway is decoded, and Content-Encoding is not relayed', async () => {
    h.upstream.respond((_req, res) => {
      res.writeHead(200, {'Content-Type': 'application/json', 'Content-Encoding': 'gzip'});
      res.end(gzipSync('{"zipped":true}'));
    });
    try {
      const {res, text} = await lastForwarded('/v3/payment_vias');
      assert.equal(res.headers.get('content-encoding'), null);
      assert.deepEqual(JSON.parse(text), {zipped: true});
    } finally {
      h.upstream.respond(jsonOk);
    }
  });

  test('an upstream redirect is not followed (it would carry the partner id elsewhere)', async () => {
    h.upstream.respond((_req, res) => {
      res.writeHead(302, {Location: '/v2/brands?country_code=US'});
      res.end();
    });
    try {
      const {res, text} = await lastForwarded('/v3/payment_vias');
      assert.equal(res.status, 502);
      assert.equal(JSON.parse(text).error.code, 'UPSTREAM_BAD_RESPONSE');
      assert.equal(res.headers.get('location'), null);
    } finally {
      h.upstream.respond(jsonOk);
    }
  });

  test('binary answers (QR images) are relayed byte for byte', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]);
    h.upstream.respond((_req, res) => {
      res.writeHead(200, {'Content-Type': 'image/png'});
      res.end(png);
    });
    try {
      const res = await fetch(`${h.url}/v3/qrs/${ORDER_ID}`);
      assert.equal(res.headers.get('content-type'), 'image/png');
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), png);
    } finally {
      h.upstream.respond(jsonOk);
    }
  });
});

describe('base path', () => {
  let mounted: Harness;
  before(async () => {
    mounted = await startHarness({basePath: '/api/cr/'});
  });
  after(() => mounted.close());

  test('the proxy URL includes the base path, and upstream paths follow it unchanged', async () => {
    assert.match(mounted.url, /\/api\/cr$/);
    const res = await fetch(`${mounted.url}/v2/brands?country_code=US`);
    assert.equal(res.status, 200);
    assert.equal(mounted.upstream.requests.at(-1)?.url, '/v2/brands?country_code=US');
  });

  test('paths outside the base path are 404 and never forwarded', async () => {
    const n = mounted.upstream.requests.length;
    const origin = mounted.url.replace(/\/api\/cr$/, '');
    for (const path of ['/v2/brands?country_code=US', '/api/crx/v2/brands', '/api/v2/brands', '/api/cr']) {
      const res = await fetch(origin + path);
      assert.equal(res.status, 404, path);
      await res.body?.cancel();
    }
    assert.equal(mounted.upstream.requests.length, n);
  });
});
