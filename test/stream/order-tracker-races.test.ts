// A read sent before a stream frame, answered after it: what it says is older than the frame, whatever its state's
// rank. Judged against what is shown alone, it would flip the state between "under review" and "awaiting delivery".
import {assert} from '@open-wc/testing';
import {parseOrder} from '../../src/api/client.js';
import {OrderTracker, type OrderUpdate} from '../../src/stream/order-tracker.js';
import {fakeEventSource, type FakeStream} from '../support/fake-event-source.js';
import {sleep} from './helpers.js';

const id = crypto.randomUUID();
const base = {
  order_id: id,
  created_at: Math.floor(Date.now() / 1000),
  payment_state: 'PaymentCompleted',
  wallet_address: 'So1anaAddr1111111111111111111111111111111111',
  coin: 'USDC',
  network: 'Solana',
  coin_amount: '10.00',
  sent_coin_amount: '10.00',
  deliveries: [{id: 1, delivery_state: 'WaitingForPayment', kind: 'giftcard', deliverable: {brand_name: 'Steam', denomination: '10 USD'}}],
};
const at = (order_state: string) => ({...base, order_state});

suite('OrderTracker: a read answered after a newer frame', () => {
  for (const [stale, fresh] of [
    ['WaitingForManualAction', 'WaitingForDelivery'],
    ['PaymentReceived', 'WaitingForManualAction'],
  ] as const) {
    test(`shown PaymentReceived, a read saying ${stale} lands after the frame saying ${fresh}: dropped as older`, async () => {
      const streams: FakeStream[] = [];
      const fake = fakeEventSource((s) => streams.push(s), 10);
      let shown: () => void = () => {};
      const updates: OrderUpdate[] = [];
      let reads = 0;
      const tracker = new OrderTracker({
        proxyUrl: 'http://127.0.0.1:9',
        orderId: id,
        initialOrder: parseOrder(at('PaymentReceived')),
        onUpdate: (u) => updates.push(u),
        eventSource: fake.EventSource,
        visibility: {hidden: false, subscribe: (listener) => ((shown = listener), () => {})},
        fetch: (async () => {
          reads++;
          await sleep(300);
          return new Response(JSON.stringify(at(stale)), {status: 200, headers: {'content-type': 'application/json'}});
        }) as typeof fetch,
      });
      tracker.start();
      await sleep(50);
      shown(); // back on the page: one read, which upstream answers slowly, with what it said before the frame
      await sleep(100);
      streams[0]!.onmessage?.(new MessageEvent('message', {data: JSON.stringify(at(fresh))}));
      await sleep(400);
      tracker.stop();
      assert.equal(reads, 1);
      assert.deepEqual(
        updates.map((u) => u.order.order_state),
        [fresh],
        'the frame alone: no flip back to what the read said',
      );
      assert.equal(tracker.order?.order_state, fresh);
      assert.equal(tracker.counts.older, 1);
    });
  }
});
