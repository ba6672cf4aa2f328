// A stream that drops after each snapshot, whose snapshot leaves out sent_coin_amount (known from before).
// Such a snapshot is no news (the amount is carried over), so it must neither be reported again nor end the backoff.
import {assert} from '@open-wc/testing';
import {parseOrder} from '../../src/api/client.js';
import {OrderTracker, type OrderUpdate} from '../../src/stream/order-tracker.js';
import {fakeEventSource} from '../support/fake-event-source.js';
import {createOrder, proxyUrl, sleep} from './helpers.js';

let snapshot = '';
// Each connection sends the snapshot, then drops 10 ms later.
const dropping = fakeEventSource((stream) => {
  stream.onmessage?.(new MessageEvent('message', {data: snapshot}));
  setTimeout(() => stream.readyState !== 2 && stream.onerror?.(new Event('error')), 10);
}, 10);

suite('OrderTracker: a snapshot without sent_coin_amount', () => {
  test('is no news: not reported again, and the backoff goes on', async function () {
    this.timeout(10000);
    const created = await createOrder();
    const raw = await (await fetch(`${proxyUrl}/v5/orders/${created.order_id}`)).json();
    delete raw.sent_coin_amount;
    snapshot = JSON.stringify(raw);
    const initial = {...parseOrder(raw), sent_coin_amount: '1.5'};
    const updates: OrderUpdate[] = [];
    const tracker = new OrderTracker({
      proxyUrl,
      orderId: created.order_id,
      initialOrder: initial,
      onUpdate: (u) => updates.push(u),
      eventSource: dropping.EventSource,
      fetch: async () => new Response(snapshot, {status: 200, headers: {'content-type': 'application/json'}}),
      baseDelayMs: 100,
      paymentPollMs: 60_000,
      pollMs: 60_000,
    });
    tracker.start();
    await sleep(3000);
    tracker.stop();
    // With the backoff: 100, 200, 400, 800, 1600 ms → about 5 connections in 3 s.
    assert.isAtMost(tracker.counts.connections, 8, `connections in 3 s: ${tracker.counts.connections}`);
    assert.equal(updates.length, 0, `updates that changed nothing: ${updates.length}`);
  });
});
