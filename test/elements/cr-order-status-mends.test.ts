// <cr-order-status>: an update without a state, a failure of one order-id carried over to the next (and said once), and a timer
// armed after removal. Real Chromium, real sandbox through the real proxy (the stream made up where it must say
// what the sandbox would not).
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import '../../src/define.js';
import {parseOrder} from '../../src/api/client.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import type {StatusChangeDetail} from '../../src/events.js';
import {judge} from '../../src/stream/accept.js';
import {isFollowed} from '../../src/elements/shared/order-followers.js';
import {keepStoreOrders, loadOrder} from '../../src/store/order-persistence.js';
import {getStore} from '../../src/store/store.js';
import {phaseOf} from '../../src/upstream/states.js';
import {fakeEventSource, type FakeStream} from '../support/fake-event-source.js';
import {controls, createOrder, freshStore, proxyUrl, sleep, waitFor} from '../stream/helpers.js';

const part = (el: CrOrderStatus, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const frame = (stream: FakeStream, data: unknown) => stream.onmessage?.(new MessageEvent('message', {data: JSON.stringify(data)}));

/** A status of the store's order, its stream a fake one the test writes frames into, open; the events it fires. */
async function liveStatus(store: string) {
  const streams: FakeStream[] = [];
  const fake = fakeEventSource((s) => streams.push(s));
  const events: StatusChangeDetail[] = [];
  const el = await fixture<CrOrderStatus>(html`<cr-order-status store=${store} lang="en" .eventSource=${fake.EventSource}
    @cr-status-change=${(e: CustomEvent<StatusChangeDetail>) => events.push(e.detail)}></cr-order-status>`);
  await waitFor(() => el.connection === 'live', 'the stream to open');
  return {el, streams, events};
}

suite('<cr-order-status>: mends', () => {
  teardown(() => fixtureCleanup());

  test('a frame without order_state (null, or left out) is ignored: the state shown stays (and so the address of the checkout, which reads the store and the saved copy)', async () => {
    const order = await createOrder();
    keepStoreOrders(); // as the elements do: the store's order is saved for a reload from now on
    const store = freshStore();
    getStore(store).update({proxyUrl, order});
    const {el, streams, events} = await liveStatus(store);
    const raw = await (await fetch(`${proxyUrl}/v5/orders/${order.order_id}`)).json();
    const {order_state: _, ...stateless} = raw;
    frame(streams[0]!, {...raw, order_state: null});
    frame(streams[0]!, stateless);
    frame(streams[0]!, raw);
    await sleep(100);
    await el.updateComplete;
    assert.deepEqual(events, [], 'no cr-status-change: nothing changed');
    assert.equal(el.counts?.older, 2);
    assert.equal(el.order?.order_state, 'WaitingForPayment');
    assert.ok(part(el, 'payment-status'), 'still awaiting payment');
    assert.notOk(part(el, 'review'), 'never "under review"');
    assert.equal(getStore(store).get().order?.order_state, 'WaitingForPayment');
    assert.equal(loadOrder(store)?.order.order_state, 'WaitingForPayment');
  });

  test('without a state, an update is older than any order shown; a first read without one is shown (as under review: phaseOf)', async () => {
    const order = await createOrder();
    const {order_state: _, ...raw} = await (await fetch(`${proxyUrl}/v5/orders/${order.order_id}`)).json();
    const stateless = parseOrder(raw);
    assert.equal(stateless.order_state, '');
    for (const shown of ['WaitingForPayment', 'PaymentStarted', 'WaitingForManualAction', 'QuantumLimbo']) {
      assert.deepEqual(judge(order.order_id, {...order, order_state: shown}, stateless), {accept: false, reason: 'older'}, shown);
    }
    assert.deepEqual(judge(order.order_id, undefined, stateless), {accept: true, stateChanged: true});
    assert.equal(phaseOf(stateless.order_state), 'review', 'not awaiting payment: no address');
    // Shown without a state, the order stands nowhere yet: the first state that comes is no step back, even
    // awaiting payment after "under review" (else the buyer would never see where to pay).
    for (const next of ['WaitingForPayment', 'Created', 'PaymentStarted', 'Done', 'Expired']) {
      assert.deepEqual(judge(order.order_id, stateless, {...order, order_state: next}), {accept: true, stateChanged: true}, next);
    }
    assert.deepEqual(judge(order.order_id, stateless, stateless), {accept: false, reason: 'older'});
  });

  test('a first read without a state, then the stream says WaitingForPayment: the payment status is shown, and a cr-status-change says so', async () => {
    const order = await createOrder();
    const {order_state: _, ...stateless} = await (await fetch(`${proxyUrl}/v5/orders/${order.order_id}`)).json();
    const store = freshStore();
    getStore(store).update({proxyUrl, order: parseOrder(stateless)});
    const {el, streams, events} = await liveStatus(store);
    frame(streams[0]!, {...stateless, order_state: 'WaitingForPayment'});
    await waitFor(() => el.order?.order_state === 'WaitingForPayment', 'the state to be shown');
    await el.updateComplete;
    assert.equal(el.counts?.backwards ?? 0, 0);
    assert.ok(part(el, 'payment-status'), 'awaiting payment');
    assert.notOk(part(el, 'review'), 'no longer "under review"');
    assert.deepEqual(events.map((e) => e.state), ['WaitingForPayment']);
  });

  for (const badId of ['undefined', '00000000-0000-4000-8000-000000000000']) {
    test(`order-id "${badId}" could not be followed, then the store's live order: that one is shown and followed`, async function () {
      this.timeout(15000);
      const order = await createOrder();
      const store = freshStore();
      getStore(store).update({proxyUrl, order});
      const errors: string[] = [];
      const el = await fixture<CrOrderStatus>(html`<cr-order-status proxy-url=${proxyUrl} store=${store} lang="en"
        order-id=${badId} reconnect-delay="200" payment-poll-interval="300"
        @cr-error=${(e: CustomEvent<{code: string}>) => errors.push(e.detail.code)}></cr-order-status>`);
      await waitFor(() => el.connection === 'failed', 'the failure to follow it');
      await waitFor(() => part(el, 'error'), '"could not be loaded"');
      assert.isFalse(isFollowed(getStore(store), badId));
      const said = errors.length;
      // The host page now points it at the real order (the store's, which the checkout created).
      el.orderId = order.order_id;
      await waitFor(() => el.connection === 'live', 'the stream to open');
      await el.updateComplete;
      assert.notOk(part(el, 'failure'), 'a live, unpaid order is not "could not be loaded"');
      assert.notOk(part(el, 'error'));
      assert.ok(part(el, 'payment-status'), 'it is awaiting payment');
      await sleep(0); // the store is told after the update (order-followers.ts)
      assert.isTrue(isFollowed(getStore(store), order.order_id), 'a checkout of the store leaves it to the status');
      assert.lengthOf(errors, said, `the first id's failure only: ${errors.join(', ')}`);
    });
  }

  test('a store that already has the proxy URL (the tracker opens on connect, before the first update): one failure said for an id upstream refuses', async function () {
    this.timeout(15000);
    const store = freshStore();
    getStore(store).update({proxyUrl, order: await createOrder()});
    const errors: string[] = [];
    const el = await fixture<CrOrderStatus>(html`<cr-order-status store=${store} lang="en" order-id="undefined"
      @cr-error=${(e: CustomEvent<{code: string}>) => errors.push(e.detail.code)}></cr-order-status>`);
    await waitFor(() => el.connection === 'failed', 'the failure to follow it');
    await waitFor(() => part(el, 'error'), '"could not be loaded"');
    await sleep(300);
    assert.deepEqual(errors, ['invalid-request']);
  });

  test('removed with an update pending: no payment-window timer is armed after removal', async function () {
    this.timeout(15000);
    const order = await createOrder();
    const store = freshStore();
    getStore(store).update({proxyUrl, order});
    const streams: FakeStream[] = [];
    const fake = fakeEventSource((s) => streams.push(s));
    const el = await fixture<CrOrderStatus>(html`<cr-order-status store=${store} lang="en" .eventSource=${fake.EventSource}></cr-order-status>`);
    await waitFor(() => el.connection === 'live', 'the stream to open');
    await controls.act(order.order_id, 'pay', {amount: 'under'});
    // Paid in part: the window (30 minutes) still matters, so an update arms its timer…
    frame(streams[0]!, await (await fetch(`${proxyUrl}/v5/orders/${order.order_id}`)).json());
    const armed: number[] = [];
    const real = window.setTimeout;
    window.setTimeout = ((fn: () => void, ms?: number, ...rest: unknown[]) => {
      if ((ms ?? 0) > 60_000) armed.push(ms!);
      return real(fn, ms, ...rest);
    }) as typeof setTimeout;
    try {
      // …but not this one, which runs after the element was removed.
      el.remove();
      await sleep(100);
    } finally {
      window.setTimeout = real;
    }
    assert.equal(el.order?.order_state, 'PartialPaymentStarted', 'the update did run');
    assert.deepEqual(armed, []);
  });
});
