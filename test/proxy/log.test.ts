// The proxy's operator log: the setup mistakes a browser cannot see the reason for, each said once a minute at most.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createProxyHandler} from '../../src/proxy/handler.js';
import {throttledLog} from '../../src/proxy/log.js';
import {ORIGIN, PARTNER_ID, startHarness} from './harness.js';
import {freePort} from '../support/free-port.js';

describe('throttledLog', () => {
  test('says each distinct line once per interval', () => {
    let now = 0;
    const lines: string[] = [];
    const log = throttledLog((line) => lines.push(line), 60_000, () => now);
    log('a');
    log('a');
    log('b');
    now += 59_999;
    log('a');
    now += 1;
    log('a');
    assert.deepEqual(lines, ['a', 'b', 'a']);
  });

  test('a flood of distinct lines (a new origin each request) is a few lines a minute, not a flood', () => {
    let now = 0;
    const lines: string[] = [];
    const log = throttledLog((line) => lines.push(line), 60_000, () => now);
    for (let i = 0; i < 500; i++) log(`refused origin https://${i}.example`);
    assert.equal(lines.length, 21);
    assert.match(lines.at(-1)!, /not written/);
    now += 60_000;
    log('refused origin https://late.example');
    assert.equal(lines.at(-1), 'refused origin https://late.example');
  });
});

describe('what the proxy logs', () => {
  test('a refused page origin, once a minute, naming the allowed ones; never the partner id', async () => {
    const lines: string[] = [];
    const h = await startHarness({log: throttledLog((line) => lines.push(line))});
    try {
      for (let i = 0; i < 3; i++) {
        const refused = await fetch(`${h.url}/v3/payment_vias`, {headers: {origin: 'http://localhost:3000'}});
        assert.equal(refused.status, 403);
      }
      assert.equal((await fetch(`${h.url}/v3/payment_vias`, {headers: {origin: ORIGIN}})).status, 200);
      assert.deepEqual(lines, [`refused a request from origin http://localhost:3000: not in CR_ALLOWED_ORIGINS (${ORIGIN})`]);
    } finally {
      await h.close();
    }
  });

  test('upstream refusing the credentials, and an upstream that cannot be reached', async () => {
    const lines: string[] = [];
    const h = await startHarness({log: (line) => lines.push(line)}, (_req, res) => {
      res.writeHead(401, {'Content-Type': 'application/json'});
      res.end('{"message":"unknown application"}');
    });
    try {
      assert.equal((await fetch(`${h.url}/v2/brands?country_code=US`, {headers: {origin: ORIGIN}})).status, 401);
      assert.equal(lines.length, 1);
      assert.match(lines[0]!, /^upstream answered 401 to GET \/v2\/brands: a wrong or unknown CR_PARTNER_ID/);
    } finally {
      await h.close();
    }
    const closed = `http://127.0.0.1:${await freePort()}`;
    const down: string[] = [];
    const proxy = createProxyHandler({apiUrl: closed, partnerId: PARTNER_ID, appVersion: '1', allowedOrigins: [], log: (line) => down.push(line)});
    assert.equal((await proxy(new Request('http://proxy.test/v3/payment_vias'))).status, 502);
    assert.equal(down.length, 1);
    assert.ok(down[0]!.startsWith(`upstream ${closed} could not be reached`), down[0]);
    assert.ok(!down.join('\n').includes(PARTNER_ID));
  });

  test('never the partner id, in any of its forms, whatever a line quotes (an upstream URL that holds it here)', async () => {
    const partnerId = 'partner/+id';
    const closed = `http://127.0.0.1:${await freePort()}/${encodeURIComponent(partnerId)}`;
    const lines: string[] = [];
    const proxy = createProxyHandler({apiUrl: closed, partnerId, appVersion: '1', allowedOrigins: [], log: (line) => lines.push(line)});
    assert.equal((await proxy(new Request('http://proxy.test/v3/payment_vias'))).status, 502);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /could not be reached/);
    assert.match(lines[0]!, /\[redacted\]/);
    for (const form of [partnerId, encodeURIComponent(partnerId), 'partner']) assert.ok(!lines[0]!.includes(form), `${form} in ${lines[0]}`);
  });
});

