// A stream frame whose amounts and PIN are bare JSON numbers too long for a double: the tracker reads them as
// upstream wrote them (api/parse-json.ts), so a partial payment's rest and a delivered code are never rounded.
import {assert} from '@open-wc/testing';
import {fakeEventSource} from '../support/fake-event-source.js';
import {createOrder, proxyUrl, stopTrackers, track, waitFor} from './helpers.js';

const AMOUNT = '0.123456789012345678';
const SENT = '0.061728394506172839';
const BIG_PIN = '12345678901234567890';

let frame = '';
const oneFrame = fakeEventSource((stream) => stream.onmessage?.(new MessageEvent('message', {data: frame, lastEventId: '2'})));

suite('OrderTracker: a frame with long JSON numbers', () => {
  teardown(stopTrackers);

  test('amounts and a PIN in a frame are their exact digits', async () => {
    const created = await createOrder();
    const order: Record<string, unknown> = {
      ...(await (await fetch(`${proxyUrl}/v5/orders/${created.order_id}`)).json()),
      order_state: 'PartialPaymentStarted',
      coin_amount: '@amount',
      sent_coin_amount: '@sent',
    };
    const deliveries = order['deliveries'] as {deliverable: Record<string, unknown>}[];
    deliveries[0]!.deliverable = {...deliveries[0]!.deliverable, pin_code: '@pin'};
    frame = JSON.stringify(order).replace('"@amount"', AMOUNT).replace('"@sent"', SENT).replace('"@pin"', BIG_PIN);
    const {updates} = track(created.order_id, {eventSource: oneFrame.EventSource, paymentPollMs: 60_000, pollMs: 60_000});
    const update = await waitFor(() => updates.find((u) => u.source === 'stream'), 'the frame');
    assert.equal(update.order.coin_amount, AMOUNT);
    assert.equal(update.order.sent_coin_amount, SENT);
    assert.equal(update.order.deliveries[0]!.deliverable.pin_code, BIG_PIN);
  });
});
