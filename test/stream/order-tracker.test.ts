// The tracker against the real sandbox through the real proxy, with the browser's real EventSource.
import {assert} from '@open-wc/testing';
import type {Order} from '../../src/api/schemas.js';
import {judge} from '../../src/stream/accept.js';
import {reconnectDelay} from '../../src/stream/backoff.js';
import type {OrderTracker, VisibilitySource} from '../../src/stream/order-tracker.js';
import {controls, createOrder, removeFault, requestsFor, sleep, stopTrackers, track, waitFor} from './helpers.js';

const live = (tracker: OrderTracker) => waitFor(() => tracker.connection === 'live', 'the stream to open');

suite('accepting rules and backoff (pure)', () => {
  const base = {
    order_id: '6f1c0c3e-8d5a-4f0e-9a51-1b2c3d4e5f60',
    created_at: 1787679708,
    wallet_address: 'addr',
    coin: 'USDC',
    network: 'Solana',
    coin_amount: '10',
    deliveries: [],
  };
  const at = (order_state: string, payment_state = 'WalletCreated', extra: Partial<Order> = {}) =>
    ({...base, order_state, payment_state, ...extra}) as Order;

  test('forward moves are accepted, repeats and backward moves are not', () => {
    assert.deepEqual(judge(base.order_id, undefined, at('WaitingForPayment')), {accept: true, stateChanged: true});
    assert.deepEqual(judge(base.order_id, at('WaitingForPayment'), at('PaymentStarted')), {accept: true, stateChanged: true});
    assert.deepEqual(judge(base.order_id, at('PaymentStarted'), at('PaymentStarted')), {accept: false, reason: 'duplicate'});
    assert.deepEqual(judge(base.order_id, at('PaymentStarted'), at('WaitingForPayment')), {accept: false, reason: 'backwards'});
    assert.deepEqual(judge(base.order_id, at('WaitingForDelivery'), at('PaymentReceived')), {accept: false, reason: 'older'});
    assert.deepEqual(judge(base.order_id, at('Done'), at('Expired')), {accept: false, reason: 'backwards'});
    assert.deepEqual(judge(base.order_id.toUpperCase(), undefined, at('Done')), {accept: true, stateChanged: true});
    assert.deepEqual(judge('00000000-0000-4000-8000-000000000000', undefined, at('Done')), {accept: false, reason: 'foreign'});
  });

  test('what arrived only grows: a read saying less was sent is older, even in a state of the same rank', () => {
    // A slow poll answer from before the rest was paid, landing after the frame that said so.
    const paid = at('PaymentStarted', 'PaymentRequested', {sent_coin_amount: '20.3'});
    const partlyPaid = at('PartialPaymentStarted', 'PaymentRequested', {sent_coin_amount: '10.15'});
    assert.deepEqual(judge(base.order_id, paid, partlyPaid), {accept: false, reason: 'older'});
    assert.deepEqual(judge(base.order_id, partlyPaid, paid), {accept: true, stateChanged: true});
    assert.deepEqual(judge(base.order_id, at('PartialPaymentStarted', 'PaymentRequested', {sent_coin_amount: '4'}), at('PartialPaymentStarted', 'PaymentRequested', {sent_coin_amount: '3.99'})), {
      accept: false,
      reason: 'older',
    });
  });

  test('payment progress without a change of order_state is accepted but is not a state change', () => {
    const partial = at('PartialPaymentStarted', 'PaymentRequested', {sent_coin_amount: '4'});
    const more = at('PartialPaymentStarted', 'PaymentRequested', {sent_coin_amount: '7'});
    assert.deepEqual(judge(base.order_id, partial, more), {accept: true, stateChanged: false});
    assert.deepEqual(judge(base.order_id, at('PaymentStarted', 'PaymentReceived'), at('PaymentStarted', 'PaymentRequested')), {
      accept: false,
      reason: 'older',
    });
    // Partial then full is forward, although both rank alike.
    assert.deepEqual(judge(base.order_id, partial, at('PaymentStarted', 'PaymentRequested', {sent_coin_amount: '10'})), {
      accept: true,
      stateChanged: true,
    });
  });

  test('an unknown state is review; review goes on to delivery or an end, never back to payment', () => {
    assert.deepEqual(judge(base.order_id, at('PaymentStarted'), at('QuantumLimbo')), {accept: true, stateChanged: true});
    assert.deepEqual(judge(base.order_id, at('WaitingForPayment'), at('QuantumLimbo')), {accept: true, stateChanged: true});
    assert.deepEqual(judge(base.order_id, at('QuantumLimbo'), at('WaitingForPayment')), {accept: false, reason: 'backwards'});
    // Support released it: delivery goes on (not a step back).
    assert.deepEqual(judge(base.order_id, at('WaitingForManualAction'), at('WaitingForDelivery')), {accept: true, stateChanged: true});
    assert.deepEqual(judge(base.order_id, at('QuantumLimbo'), at('PaymentStarted')), {accept: true, stateChanged: true});
    assert.deepEqual(judge(base.order_id, at('QuantumLimbo'), at('Done')), {accept: true, stateChanged: true});
    assert.deepEqual(judge(base.order_id, at('Done'), at('WaitingForManualAction')), {accept: false, reason: 'backwards'});
  });

  test('a delivery shown delivered is never taken back by a read that lags (Done, another delivery still coming)', () => {
    const delivery = (id: string, delivery_state: string, pin_code?: string) => ({id, delivery_state, kind: 'giftcard', deliverable: pin_code ? {pin_code} : {}});
    const first = at('Done', 'PaymentCompleted', {deliveries: [delivery('d1', 'Done', 'CODE-1'), delivery('d2', 'WaitingForPayment')]});
    const lagging = at('Done', 'PaymentCompleted', {deliveries: [delivery('d1', 'WaitingForPayment'), delivery('d2', 'WaitingForPayment')]});
    const both = at('Done', 'PaymentCompleted', {deliveries: [delivery('d1', 'Done', 'CODE-1'), delivery('d2', 'Done', 'CODE-2')]});
    assert.deepEqual(judge(base.order_id, first, lagging), {accept: false, reason: 'older'});
    assert.deepEqual(judge(base.order_id, lagging, first), {accept: true, stateChanged: false});
    assert.deepEqual(judge(base.order_id, first, both), {accept: true, stateChanged: false});
  });

  test('a frame id below the last one of the connection is older', () => {
    assert.deepEqual(judge(base.order_id, at('PaymentStarted'), at('PaymentStarted', 'PaymentReceived'), {id: 2, lastId: 3}), {
      accept: false,
      reason: 'older',
    });
  });

  test('reconnect delays double from the base to the cap', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((n) => reconnectDelay(n)), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    assert.deepEqual([1, 2, 3].map((n) => reconnectDelay(n, 50, 150)), [50, 100, 150]);
    assert.equal(reconnectDelay(1000), 30000);
  });
});

suite('OrderTracker (real EventSource, sandbox through the proxy)', () => {
  teardown(() => {
    stopTrackers();
  });

  test('follows an order from payment to delivery, one update per change', async () => {
    const order = await createOrder();
    const {tracker, changes} = track(order);
    await live(tracker);
    await controls.act(order.order_id, 'pay');
    await waitFor(() => changes().length === 1, 'PaymentStarted');
    await controls.act(order.order_id, 'confirm');
    await controls.act(order.order_id, 'deliver');
    await waitFor(() => tracker.connection === 'done', 'the end of tracking');
    assert.deepEqual(
      changes().map((u) => [u.previousState, u.order.order_state, u.phase]),
      [
        ['WaitingForPayment', 'PaymentStarted', 'awaiting-delivery'],
        ['PaymentStarted', 'WaitingForDelivery', 'awaiting-delivery'],
        ['WaitingForDelivery', 'Done', 'completed'],
      ],
    );
    assert.isTrue(changes().every((u) => u.source === 'stream'));
  });

  test('without a known order, the first one read is reported with no previous state', async () => {
    const order = await createOrder();
    const {tracker, updates} = track(order.order_id);
    await waitFor(() => updates.length === 1, 'the first order');
    assert.isUndefined(updates[0]!.previousState);
    assert.equal(updates[0]!.order.order_state, 'WaitingForPayment');
    await live(tracker);
    await sleep(200);
    assert.lengthOf(updates, 1, 'the snapshot frame repeats the polled order: no second update');
  });

  test('a dropped stream, then a change while disconnected: reported after the reconnect', async () => {
    const order = await createOrder();
    const {tracker, changes} = track(order, {baseDelayMs: 600});
    await live(tracker);
    const {dropped} = await controls.fault({kind: 'drop-stream', orderId: order.order_id, times: 1});
    assert.equal(dropped, 1);
    // The stream is down for 600 ms: this change reaches no stream.
    await controls.act(order.order_id, 'pay');
    await waitFor(() => changes().length === 1, 'the missed change', 5000);
    assert.equal(changes()[0]!.order.order_state, 'PaymentStarted');
    assert.equal(changes()[0]!.previousState, 'WaitingForPayment');
    assert.isAtLeast(tracker.counts.connections, 2);
    assert.lengthOf(await requestsFor(order.order_id, 'subscribe'), 2);
  });

  test('malformed, duplicate and older frames are ignored and counted: exactly one update per change', async () => {
    const order = await createOrder();
    const {tracker, changes, updates} = track(order);
    await live(tracker);
    // The snapshot repeats the known order: a duplicate already.
    await waitFor(() => tracker.counts.frames >= 1, 'the snapshot');
    const duplicatesBefore = tracker.counts.duplicate;
    await controls.fault({kind: 'malformed-frame', endpoint: 'subscribe', orderId: order.order_id, times: 1});
    await controls.fault({kind: 'duplicate-frame', endpoint: 'subscribe', orderId: order.order_id, times: 1});
    await controls.fault({kind: 'out-of-order-frame', endpoint: 'subscribe', orderId: order.order_id, times: 2});
    await controls.act(order.order_id, 'pay');
    await waitFor(() => tracker.counts.backwards >= 1, 'the older frame');
    await controls.act(order.order_id, 'seen');
    await waitFor(() => changes().length === 2 && tracker.counts.older >= 1, 'the second change and its older frame');
    await sleep(150);
    assert.deepEqual(
      changes().map((u) => u.order.order_state),
      ['PaymentStarted', 'PaymentReceived'],
    );
    assert.lengthOf(updates, 2);
    assert.equal(tracker.counts.malformed, 1);
    assert.equal(tracker.counts.duplicate - duplicatesBefore, 1);
    assert.equal(tracker.counts.backwards, 1, 'WaitingForPayment after PaymentStarted');
    assert.equal(tracker.counts.older, 1, 'PaymentStarted after PaymentReceived');
  });

  test('frames of another order are ignored and counted', async () => {
    const mine = await createOrder();
    const other = await createOrder();
    // A real EventSource, pointed (as a misrouting proxy would) at the other order's stream.
    const Misrouted = class extends EventSource {
      constructor(url: string | URL) {
        super(String(url).replace(mine.order_id, other.order_id));
      }
    };
    const {tracker, updates} = track(mine, {eventSource: Misrouted});
    await live(tracker);
    await controls.act(other.order_id, 'pay');
    await waitFor(() => tracker.counts.foreign >= 2, 'the snapshot and the change of the other order');
    assert.lengthOf(updates, 0);
    assert.equal(tracker.order, mine);
  });

  test('a terminal state ends tracking: no reconnection', async () => {
    const order = await createOrder();
    const {tracker} = track(order);
    await live(tracker);
    await controls.act(order.order_id, 'deliver');
    await waitFor(() => tracker.connection === 'done', 'done');
    await sleep(700); // several base delays
    assert.lengthOf(await requestsFor(order.order_id, 'subscribe'), 1);
    assert.lengthOf(await requestsFor(order.order_id, 'order'), 0);
  });

  test('event: stop for an unknown order: no reconnection, one last read, a fatal not-found', async () => {
    const unknown = crypto.randomUUID();
    const {tracker, errors} = track(unknown);
    await waitFor(() => tracker.connection === 'failed', 'failed');
    await sleep(700);
    assert.deepEqual(errors, [{code: 'not-found', fatal: true}]);
    assert.lengthOf(await requestsFor(unknown, 'subscribe'), 1);
    assert.isAtMost((await requestsFor(unknown, 'order')).length, 2, 'the first read and the last one, no polling');
  });

  test('5xx and 429 on polling: keeps polling, waits as long as Retry-After asks', async () => {
    const order = await createOrder();
    // The stream always fails: the tracker lives on polling.
    const {id: streamFault} = await controls.fault({kind: 'server-error', endpoint: 'subscribe', orderId: order.order_id, status: 503});
    try {
      const {tracker, changes, errors} = track(order, {baseDelayMs: 20_000, paymentPollMs: 100});
      await waitFor(() => tracker.connection === 'polling', 'polling');
      await controls.fault({kind: 'server-error', endpoint: 'order', orderId: order.order_id, status: 502, times: 2});
      await controls.fault({kind: 'rate-limit', endpoint: 'order', orderId: order.order_id, retryAfter: 1, times: 1});
      await waitFor(() => errors.length === 3, 'two 5xx and a 429', 5000);
      assert.deepEqual(
        errors.map((e) => [e.code, e.fatal]),
        [
          ['http-5xx', false],
          ['http-5xx', false],
          ['rate-limited', false],
        ],
      );
      const rateLimitedAt = performance.now();
      await controls.act(order.order_id, 'pay');
      await waitFor(() => changes().length === 1, 'the payment, by polling', 5000);
      assert.isAtLeast(performance.now() - rateLimitedAt, 800, 'no poll before Retry-After');
      assert.equal(changes()[0]!.source, 'poll');
      const polls = await requestsFor(order.order_id, 'order');
      const gaps = polls.slice(1).map((r, i) => r.at - polls[i]!.at);
      assert.isAtLeast(Math.max(...gaps), 950, `gaps between polls: ${gaps.join(', ')}`);
      assert.equal(tracker.counts.pollErrors, 3);
      assert.lengthOf(await requestsFor(order.order_id, 'subscribe'), 1, 'one stream attempt; the next is 20 s away');
    } finally {
      await removeFault(streamFault);
    }
  });

  test('backoff doubles while the stream fails and resets after a frame with news', async () => {
    const order = await createOrder();
    const {tracker} = track(order, {baseDelayMs: 100, paymentPollMs: 60_000});
    await live(tracker);
    await waitFor(() => tracker.counts.frames >= 1, 'the snapshot');
    const framesBefore = tracker.counts.frames;
    // Drops the open stream and the next three connections before any frame: waits 100, 200, 400, 800 ms.
    await controls.fault({kind: 'drop-stream', orderId: order.order_id, times: 4});
    await waitFor(async () => (await requestsFor(order.order_id, 'subscribe')).length >= 5, 'four reconnections', 8000, 50);
    await waitFor(() => tracker.connection === 'live' && tracker.counts.frames > framesBefore, 'a good frame after the reconnections');
    const at = (await requestsFor(order.order_id, 'subscribe')).map((r) => r.at);
    // gaps[0] runs from the first connection to the first reconnection (not a backoff); then 200, 400, 800.
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    const expected = [200, 400, 800];
    expected.forEach((want, i) => {
      const gap = gaps[i + 1]!;
      assert.isTrue(gap >= want * 0.9 && gap <= want + 500, `gap ${i + 1}: ${gap} ms, expected about ${want} (all: ${gaps})`);
    });
    // The snapshot each reconnection sends is no news (a stream that drops after it keeps backing off); a change is:
    // the next failure starts from the base delay again.
    const accepted = tracker.counts.accepted;
    await controls.act(order.order_id, 'state', {order_state: 'WaitingForPayment', payment_state: 'PaymentRequested'});
    await waitFor(() => tracker.counts.accepted > accepted, 'a frame with news');
    const droppedAt = Date.now();
    await controls.fault({kind: 'drop-stream', orderId: order.order_id, times: 1});
    const after = await waitFor(async () => (await requestsFor(order.order_id, 'subscribe'))[5], 'the reconnection after the reset', 4000, 50);
    const wait = after.at - droppedAt;
    assert.isTrue(wait >= 80 && wait < 600, `after a frame with news the delay is the base again: ${wait} ms`);
  });

  test('hidden for long: closes everything; shown again: catches up at once, then streams again', async () => {
    let hidden = false;
    const listeners = new Set<() => void>();
    const visibility: VisibilitySource = {
      get hidden() {
        return hidden;
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const setHidden = (value: boolean) => {
      hidden = value;
      listeners.forEach((l) => l());
    };
    const order = await createOrder();
    const {tracker, changes} = track(order, {visibility, hiddenPauseMs: 150, paymentPollMs: 100});
    await live(tracker);
    setHidden(true);
    await waitFor(() => tracker.connection === 'paused', 'the pause');
    const streamsBefore = (await requestsFor(order.order_id, 'subscribe')).length;
    await controls.act(order.order_id, 'pay');
    await sleep(400);
    assert.lengthOf(changes(), 0, 'nothing is fetched while paused');
    assert.lengthOf(await requestsFor(order.order_id, 'order'), 0, 'no polling while paused');
    setHidden(false);
    await waitFor(() => changes().length === 1, 'the catch-up');
    await live(tracker);
    assert.equal((await requestsFor(order.order_id, 'subscribe')).length, streamsBefore + 1);
    assert.lengthOf(listeners, 1);
    tracker.stop();
    assert.lengthOf(listeners, 0, 'stop() unsubscribes from visibility');
  });

  test('a short hide keeps the stream; coming back reads the order once (a phone may have frozen the page)', async () => {
    let hidden = false;
    const listeners = new Set<() => void>();
    const visibility: VisibilitySource = {
      get hidden() {
        return hidden;
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const order = await createOrder();
    const {tracker} = track(order, {visibility, hiddenPauseMs: 500});
    await live(tracker);
    hidden = true;
    listeners.forEach((l) => l());
    await sleep(100);
    hidden = false;
    listeners.forEach((l) => l());
    await sleep(600);
    assert.equal(tracker.connection, 'live');
    assert.lengthOf(await requestsFor(order.order_id, 'subscribe'), 1);
    assert.lengthOf(await requestsFor(order.order_id, 'order'), 1, 'one catch-up read, and no polling after it');
  });

  test('without EventSource it polls, faster while awaiting payment', async () => {
    const order = await createOrder();
    const {tracker, changes} = track(order, {eventSource: null, paymentPollMs: 100, pollMs: 1500});
    assert.equal(tracker.connection, 'polling');
    await controls.act(order.order_id, 'pay');
    await waitFor(() => changes().length === 1, 'the payment by polling', 3000);
    const countAfterPay = (await requestsFor(order.order_id, 'order')).length;
    await sleep(600);
    // Now awaiting delivery: the slow interval applies.
    assert.isAtMost((await requestsFor(order.order_id, 'order')).length - countAfterPay, 1);
    assert.lengthOf(await requestsFor(order.order_id, 'subscribe'), 0);
  });

  test('a partial payment keeps the fast interval: the buyer is still sending the rest', async () => {
    const order = await createOrder();
    const {tracker, changes} = track(order, {eventSource: null, paymentPollMs: 100, pollMs: 60_000});
    assert.equal(tracker.connection, 'polling');
    await controls.act(order.order_id, 'pay', {amount: 'under'});
    await waitFor(() => changes().length === 1, 'the partial payment by polling', 3000);
    const countAfterPartial = (await requestsFor(order.order_id, 'order')).length;
    await sleep(600);
    assert.isAtLeast((await requestsFor(order.order_id, 'order')).length - countAfterPartial, 3, 'still asked every 100 ms');
    await controls.act(order.order_id, 'pay');
    await waitFor(() => changes().length === 2, 'the rest, by polling', 3000);
  });
});
