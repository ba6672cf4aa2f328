// The server-side integration examples of demo/integrations/ run for real against the sandbox: the Next.js route
// handler and the edge worker each relay a catalogue call and an order's event stream, add the partner headers
// upstream, and refuse what the proxy refuses.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {startSandbox} from '../../src/sandbox/server.js';
import {sandboxControls} from '../support/sandbox-controls.js';

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
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (!next || next.done) break;
    text += decoder.decode(next.value, {stream: true});
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

describe('Next.js route handler (app/api/cr/[...path]/route.ts)', () => {
  test('relays brands under /api/cr with the partner headers, refuses the rest', async () => {
    process.env['CR_API_URL'] = sandbox.url;
    process.env['CR_PARTNER_ID'] = 'next-partner';
    process.env['CR_APP_VERSION'] = 'next-test';
    process.env['CR_ALLOWED_ORIGINS'] = SHOP;
    const route = await import('../../demo/integrations/nextjs/app/api/cr/[...path]/route.js');
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
});

describe('edge worker (export default {fetch})', () => {
  test('relays an order created through it and its event stream to the end', async () => {
    const {default: worker} = await import('../../demo/integrations/edge/worker.js');
    const env = {CR_PARTNER_ID: 'edge-partner', CR_ALLOWED_ORIGINS: SHOP, CR_API_URL: sandbox.url};
    const body = {
      user: {email: 'buyer@example.com'},
      payment: {type: 'via', payment_via: 'USER_WALLET', coin: 'USDC', network: 'Solana'},
      deliveries: [{brand_name: 'Steam', country_code: 'US', denomination: '20 USD', beneficiary_account: 'friend@example.com'}],
      lang: 'en',
    };
    const created = await worker.fetch(
      new Request('https://worker.example/v5/orders', {method: 'POST', headers: {origin: SHOP, 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.4'}, body: JSON.stringify(body)}),
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
});
