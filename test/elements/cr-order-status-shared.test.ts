// Two (or more) <cr-order-status> of one order in one store share one tracker: one stream, one read, while each
// element fires its own cr-status-change, shows the same connection and announces in its own live region. In real
// Chromium, against the real sandbox through the real proxy; streams are counted in the sandbox's request log.
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import {ifDefined} from 'lit/directives/if-defined.js';
import '../../src/define.js';
import type {Order} from '../../src/api/schemas.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import type {StatusChangeDetail} from '../../src/events.js';
import {getStore} from '../../src/store/store.js';
import {controls, createOrder, freshStore, proxyUrl, removeFault, requestsFor, sleep, waitFor} from '../stream/helpers.js';

interface MountOptions {
  store: string;
  orderId?: string;
  proxy?: string;
}

async function mount({store, orderId, proxy = proxyUrl}: MountOptions) {
  const events: StatusChangeDetail[] = [];
  const el = await fixture<CrOrderStatus>(html`<cr-order-status
    proxy-url=${proxy}
    store=${store}
    order-id=${ifDefined(orderId)}
    lang="en"
    reconnect-delay="200"
    payment-poll-interval="300"
    @cr-status-change=${(e: CustomEvent<StatusChangeDetail>) => events.push(e.detail)}
  ></cr-order-status>`);
  return {el, events};
}
type Mounted = Awaited<ReturnType<typeof mount>>;

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const liveRegion = (el: CrOrderStatus) => el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]')!;
const isLive = (el: CrOrderStatus) => waitFor(() => el.connection === 'live', 'the stream to open');
const streamsOpened = async (order: Order) => (await requestsFor(order.order_id, 'subscribe')).length;
const streamsOpen = async (order: Order) => (await controls.stats()).openStreamsByOrder[order.order_id] ?? 0;
const states = (events: StatusChangeDetail[]) => events.map((e) => [e.previousState, e.state]);

/** A new order in a fresh store, and two statuses of it there (a badge and a panel), both live. */
async function twoLiveStatuses() {
  const order = await createOrder();
  const store = freshStore();
  getStore(store).update({proxyUrl, order});
  const badge = await mount({store});
  const panel = await mount({store});
  await isLive(badge.el);
  await isLive(panel.el);
  return {order, badge, panel};
}

suite('<cr-order-status>: two of one order share one stream', () => {
  teardown(() => fixtureCleanup());

  test('two statuses of the store\'s order: one stream; each fires every change with the full detail and announces it', async () => {
    const {order, badge, panel} = await twoLiveStatuses();
    assert.equal(await streamsOpened(order), 1, 'one stream between them');
    assert.equal(await streamsOpen(order), 1);

    await controls.act(order.order_id, 'pay');
    await waitFor(() => badge.events.length === 1 && panel.events.length === 1, 'the payment, heard by both');
    await controls.act(order.order_id, 'seen');
    await waitFor(() => badge.events.length === 2 && panel.events.length === 2, 'the second change, heard by both');
    for (const {el, events} of [badge, panel]) {
      const [paid, seen] = events;
      assert.deepEqual(Object.keys(paid!).sort(), ['order', 'orderId', 'paymentState', 'phase', 'previousState', 'state']);
      assert.deepInclude(paid, {orderId: order.order_id, state: 'PaymentStarted', previousState: 'WaitingForPayment', paymentState: 'PaymentRequested', phase: 'awaiting-delivery'});
      assert.deepInclude(seen, {orderId: order.order_id, state: 'PaymentReceived', previousState: 'PaymentStarted', paymentState: 'PaymentReceived', phase: 'awaiting-delivery'});
      assert.equal(seen!.order.order_state, 'PaymentReceived');
      await waitFor(() => text(liveRegion(el)).includes('Confirming'), 'the announcement in each element\'s own live region');
      assert.equal(el.connection, 'live');
    }
    await sleep(400);
    assert.lengthOf(badge.events, 2, 'no event twice');
    assert.lengthOf(panel.events, 2, 'no event twice');
    assert.equal(await streamsOpened(order), 1);
  });

  test('a status added later joins the stream: its first cr-status-change is the state read, with no previous state, as for one alone', async () => {
    const order = await createOrder();
    const store = freshStore();
    const first = await mount({store, orderId: order.order_id});
    await isLive(first.el);
    await waitFor(() => first.events.length === 1, 'the first status\'s first event');
    const later = await mount({store, orderId: order.order_id});
    await waitFor(() => later.events.length === 1, 'the later status\'s first event');
    assert.deepInclude(later.events[0], {orderId: order.order_id, state: 'WaitingForPayment', previousState: undefined, phase: 'awaiting-payment'});
    assert.equal(later.el.connection, 'live', 'the same connection state at once');
    assert.equal(later.el.order?.order_id, order.order_id, 'the same content');
    assert.equal(await streamsOpened(order), 1, 'no second stream');
    assert.lengthOf(await requestsFor(order.order_id, 'order'), 1, 'nor a second read');

    await controls.act(order.order_id, 'pay');
    await waitFor(() => first.events.length === 2 && later.events.length === 2, 'the payment, heard by both');
    assert.deepEqual(states(first.events), [[undefined, 'WaitingForPayment'], ['WaitingForPayment', 'PaymentStarted']]);
    assert.deepEqual(states(later.events), [[undefined, 'WaitingForPayment'], ['WaitingForPayment', 'PaymentStarted']]);
  });

  test('the status that opened the stream is removed: the other goes on with it, no gap, no event twice or backwards', async () => {
    const order = await createOrder();
    const store = freshStore();
    getStore(store).update({proxyUrl, order});
    const opener = await mount({store});
    await isLive(opener.el);
    const other = await mount({store});
    await isLive(other.el);
    opener.el.remove();
    assert.equal(opener.el.connection, 'idle');
    assert.equal(other.el.connection, 'live', 'still live: nothing was closed under it');
    await sleep(300);
    assert.equal(await streamsOpen(order), 1, 'the one stream stays open');

    await controls.act(order.order_id, 'pay');
    await waitFor(() => other.events.length === 1, 'the payment');
    await controls.act(order.order_id, 'seen');
    await waitFor(() => other.events.length === 2, 'the second change');
    await sleep(400);
    assert.deepEqual(states(other.events), [['WaitingForPayment', 'PaymentStarted'], ['PaymentStarted', 'PaymentReceived']]);
    assert.lengthOf(opener.events, 0, 'the removed one hears nothing');
    assert.equal(await streamsOpened(order), 1, 'one stream all along');

    other.el.remove();
    await waitFor(async () => (await streamsOpen(order)) === 0, 'the stream closed with the last status', 5000, 50);
  });

  test('one status moves to another order and back: one stream per order all along', async () => {
    const first = await createOrder();
    const second = await createOrder();
    const store = freshStore();
    const stays = await mount({store, orderId: first.order_id});
    const moves = await mount({store, orderId: first.order_id});
    await isLive(stays.el);
    await isLive(moves.el);

    moves.el.orderId = second.order_id;
    await waitFor(() => moves.el.order?.order_id === second.order_id && moves.el.connection === 'live', 'the second order, live');
    assert.deepInclude(moves.events.at(-1), {orderId: second.order_id, state: 'WaitingForPayment', previousState: undefined});
    await controls.act(first.order_id, 'pay');
    await waitFor(() => stays.events.length === 2, 'the payment of the first order');
    await sleep(300);
    assert.isTrue(moves.events.every((e) => e.orderId === second.order_id || e.state === 'WaitingForPayment'), 'the mover hears nothing more of the first order');

    moves.el.orderId = first.order_id;
    await waitFor(() => moves.events.at(-1)?.orderId === first.order_id, 'the first order again');
    assert.deepInclude(moves.events.at(-1), {state: 'PaymentStarted', previousState: undefined}, 'reported as read, as by a status opened now');
    assert.equal(moves.el.connection, 'live');
    assert.equal(await streamsOpened(first), 1, 'it joined the stream still open for the other');
    assert.equal(await streamsOpened(second), 1);
    await waitFor(async () => (await streamsOpen(second)) === 0, 'the second order\'s stream closed', 5000, 50);
  });

  test('another store, or another proxy-url, never shares: each opens its own stream', async () => {
    const order = await createOrder();
    const id = order.order_id;
    const shared = freshStore();
    const a = await mount({store: shared, orderId: id});
    const b = await mount({store: shared, orderId: id});
    const otherStore = await mount({store: freshStore(), orderId: id});
    const otherProxy = await mount({store: freshStore(), orderId: id, proxy: `${proxyUrl}/`});
    const all = [a, b, otherStore, otherProxy];
    for (const {el} of all) await isLive(el);
    assert.equal(await streamsOpened(order), 3, 'one for the two of one store, one each for the others');
    assert.equal(await streamsOpen(order), 3);
    await controls.act(id, 'pay');
    await waitFor(() => all.every(({events}) => events.length === 2), 'the payment, heard by all four');
    await sleep(300);
    for (const {events} of all) assert.deepEqual(states(events), [[undefined, 'WaitingForPayment'], ['WaitingForPayment', 'PaymentStarted']]);

    // One of the two moves to a store of its own: it leaves the other's stream for one of its own.
    b.el.store = freshStore();
    await waitFor(async () => (await streamsOpened(order)) === 4, 'a stream of its own in its new store', 5000, 50);
    await isLive(b.el);
    await isLive(a.el);
    assert.equal(await streamsOpen(order), 4);
  });

  test('joined while the order cannot be read yet: the same "could not be loaded" at once, then the same order', async function () {
    this.timeout(15000);
    const order = await createOrder();
    const store = freshStore();
    const refused = [
      await controls.fault({kind: 'server-error', endpoint: 'subscribe', orderId: order.order_id, status: 503}),
      await controls.fault({kind: 'server-error', endpoint: 'order', orderId: order.order_id, status: 503}),
    ];
    let first: Mounted | undefined;
    let later: Mounted | undefined;
    try {
      first = await mount({store, orderId: order.order_id});
      await waitFor(() => first!.el.shadowRoot!.querySelector('[part~="error"]'), 'the first status\'s read error');
      later = await mount({store, orderId: order.order_id});
      // In its first render, not at the tracker's next retry.
      assert.include(text(later.el.shadowRoot!.querySelector('[part~="error"]')), 'could not be loaded');
    } finally {
      for (const {id} of refused) await removeFault(id);
    }
    await waitFor(() => first!.events.length === 1 && later!.events.length === 1, 'the order, once read');
    for (const {events} of [first!, later!]) assert.deepEqual(states(events), [[undefined, 'WaitingForPayment']]);
  });

  test('the stream drops: both say "reconnecting" at once, each fires the change read meanwhile once, and both are live again', async function () {
    this.timeout(15000);
    const {order, badge, panel} = await twoLiveStatuses();
    const refused = await controls.fault({kind: 'server-error', endpoint: 'subscribe', orderId: order.order_id, status: 503});
    try {
      const drop = await controls.fault({kind: 'drop-stream', endpoint: 'subscribe', orderId: order.order_id, times: 1});
      assert.equal(drop.dropped, 1, 'one stream to drop');
      await waitFor(() => badge.el.connection === 'polling' && panel.el.connection === 'polling', 'both in backoff');
      await badge.el.updateComplete;
      await panel.el.updateComplete;
      for (const {el} of [badge, panel]) assert.include(text(el.shadowRoot!.querySelector('[part~="connection"]')), 'Reconnecting…');
      // A status message (WCAG 4.1.3): said in each element's live region too, not only shown.
      for (const {el} of [badge, panel]) await waitFor(() => text(liveRegion(el)).includes('Reconnecting…'), 'the reconnecting note, announced');
      await controls.act(order.order_id, 'pay');
      await waitFor(() => badge.events.length === 1 && panel.events.length === 1, 'the payment, read by polling');
    } finally {
      await removeFault(refused.id);
    }
    await waitFor(() => badge.el.connection === 'live' && panel.el.connection === 'live', 'both live again', 8000);
    await sleep(400);
    for (const {events} of [badge, panel]) assert.deepEqual(states(events), [['WaitingForPayment', 'PaymentStarted']]);
  });
});
