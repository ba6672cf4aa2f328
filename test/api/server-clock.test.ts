// How far this device's clock is off the server's, read from the order calls' `Date` header (or a fresh order's
// created_at): the payment countdown runs on it. Against the real proxy for the header, with a page fetch that
// rewrites it where a test needs another clock.
import {assert} from '@open-wc/testing';
import {getBrands, getOrder} from '../../src/api/client.js';
import {noteCreatedAt, noteServerDate, resetServerClock, serverClockOffset, serverNow} from '../../src/api/server-clock.js';
import {createOrder} from '../stream/helpers.js';
import {proxyUrl} from '../support/env.js';

/** fetch, with the answer's Date header replaced by `date` (the server's clock as this test wants it). */
const dated = (date: Date): typeof fetch => async (input, init) => {
  const real = await fetch(input, init);
  const headers = new Headers(real.headers);
  headers.set('date', date.toUTCString());
  return new Response(await real.arrayBuffer(), {status: real.status, headers});
};

suite('server clock', () => {
  teardown(() => resetServerClock());

  test('within the noise the device is right; beyond it, the offset; a header beats a creation time', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    noteServerDate(new Date(now + 1000).toUTCString(), now);
    assert.equal(serverClockOffset(), 0, 'a second off is the header\'s own precision');
    noteServerDate(new Date(now + 5 * 60_000).toUTCString(), now);
    assert.approximately(serverClockOffset(), 5 * 60_000, 1000);
    assert.approximately(serverNow(now), now + 5 * 60_000, 1000);
    noteCreatedAt(now / 1000 - 3600, now);
    assert.approximately(serverClockOffset(), 5 * 60_000, 1000, 'a creation time does not overrule a header');
    noteServerDate('not a date', now);
    assert.approximately(serverClockOffset(), 5 * 60_000, 1000, 'an unreadable header changes nothing');
    resetServerClock();
    noteCreatedAt(now / 1000 + 600, now);
    assert.approximately(serverClockOffset(), 600_000, 1000, 'without a header, a fresh order\'s creation time');
  });

  test('the proxy\'s Date is read cross-origin on order calls, never on catalogue calls (which a cache may answer)', async () => {
    const order = await createOrder();
    const anHourAgo = new Date(Date.now() - 3600_000);
    await getBrands(proxyUrl, 'US', {fetch: dated(anHourAgo)});
    assert.equal(serverClockOffset(), 0, 'a catalogue answer says nothing of the clock');
    await getOrder(proxyUrl, order.order_id, {fetch: dated(anHourAgo)});
    assert.approximately(serverClockOffset(), -3600_000, 2000, 'an order answer does');
    // The real proxy's header can be read from this page, of another origin (CORS exposes it).
    assert.notEqual(new URL(proxyUrl).origin, location.origin);
    const res = await fetch(`${proxyUrl}/v5/orders/${order.order_id}`);
    await res.body?.cancel();
    assert.ok(!Number.isNaN(Date.parse(res.headers.get('date') ?? '')), 'Date is readable cross-origin');
  });
});
