// The tracker when the stream is no proof of anything: open but silent, ended by upstream before the order is final,
// dropping after each snapshot; and an answer that leaves out what was sent. Real sandbox through the real proxy; the
// silent stream is a small fake EventSource (the sandbox cannot stall a stream), reads are real.
import {assert} from '@open-wc/testing';
import {getOrder} from '../../src/api/client.js';
import {fakeEventSource} from '../support/fake-event-source.js';
import {controls, createOrder, proxyUrl, removeFault, requestsFor, sleep, stopTrackers, track, waitFor} from './helpers.js';

const silent = fakeEventSource();
const fakes = silent.made;

suite('OrderTracker: a stream that says nothing, or stops', () => {
  teardown(() => {
    stopTrackers();
    fakes.length = 0;
  });

  test('a stream that stays open but silent: a slow read while live still sees the payment', async function () {
    this.timeout(10000);
    const order = await createOrder();
    const {tracker} = track(order, {eventSource: silent.EventSource, paymentPollMs: 300, pollMs: 300});
    await waitFor(() => tracker.connection === 'live', 'the (silent) stream to open');
    await controls.act(order.order_id, 'pay');
    // The read while live comes every poll interval (300 ms here, 30 s by default).
    await sleep(4000);
    assert.equal(tracker.order?.order_state, 'PaymentStarted', `still shown: ${tracker.order?.order_state}, connection ${tracker.connection}, polls ${tracker.counts.polls}`);
  });

  test('event: stop for an order that is not final, and the read after it fails (503): polls go on until it is final', async function () {
    this.timeout(10000);
    const order = await createOrder();
    const {tracker} = track(order, {eventSource: silent.EventSource, paymentPollMs: 300, pollMs: 300});
    await waitFor(() => tracker.connection === 'live', 'the stream to open');
    const fault = await controls.fault({kind: 'server-error', status: 503, endpoint: 'order', orderId: order.order_id, times: 1});
    try {
      fakes.at(-1)!.stop();
      await waitFor(async () => (await requestsFor(order.order_id, 'order')).length >= 1, 'the read after stop');
      await controls.act(order.order_id, 'pay');
      await sleep(3000);
      const reads = (await requestsFor(order.order_id, 'order')).length;
      assert.isAbove(reads, 1, `the failed read is tried again (reads ${reads}, connection ${tracker.connection})`);
      assert.equal(tracker.connection, 'polling');
      assert.equal(fakes.length, 1, 'no stream again after stop');
      assert.equal(tracker.order?.order_state, 'PaymentStarted', `shown for good: ${tracker.order?.order_state}`);
    } finally {
      await removeFault(fault.id);
    }
  });

  test('a stream that drops right after each snapshot backs off (a snapshot with nothing new is no proof of health)', async function () {
    this.timeout(10000);
    const order = await createOrder();
    const {tracker} = track(order, {baseDelayMs: 100, paymentPollMs: 60_000});
    await waitFor(() => tracker.connection === 'live', 'the stream to open');
    const fault = await controls.fault({kind: 'drop-stream', timing: 'after-frame', orderId: order.order_id});
    try {
      // Makes the open stream send a frame (and drop); every new one then sends its snapshot and drops.
      await controls.act(order.order_id, 'state', {order_state: 'WaitingForPayment', payment_state: 'PaymentRequested'});
      const before = tracker.counts.connections;
      await sleep(3000);
      const opened = tracker.counts.connections - before;
      const reads = (await requestsFor(order.order_id, 'order')).length;
      // Backoff 100, 200, 400, 800, 1600 ms: at most about 5 connections in 3 s.
      assert.isAtMost(opened, 7, `${opened} connections and ${reads} catch-up reads in 3 s`);
    } finally {
      await removeFault(fault.id);
    }
  });

  test('a read without sent_coin_amount after a partial payment keeps what was sent (the rest to send stays right)', async () => {
    const order = await createOrder();
    await controls.act(order.order_id, 'pay', {amount: 'under'});
    const sent = (await getOrder(proxyUrl, order.order_id)).sent_coin_amount;
    assert.ok(sent && sent !== '0', 'paid in part');
    // Every read answers without the amount (whatever upstream's reason): the tracker keeps the one it knew.
    const realFetch = window.fetch;
    let rewritten = 0;
    const fetchWithoutAmount: typeof fetch = async (input, init) => {
      const response = await realFetch(input, init);
      const body = (await response.json()) as Record<string, unknown>;
      rewritten++;
      return new Response(JSON.stringify({...body, sent_coin_amount: null}), {status: response.status, headers: response.headers});
    };
    const {tracker} = track(await getOrder(proxyUrl, order.order_id), {eventSource: null, paymentPollMs: 200, fetch: fetchWithoutAmount});
    await waitFor(() => rewritten >= 2 && tracker.counts.polls >= 2, 'two reads without the amount');
    assert.equal(tracker.order?.sent_coin_amount, sent);
  });

});
