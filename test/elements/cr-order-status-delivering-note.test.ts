// <cr-order-status>: a Done order whose delivery is still on its way is still followed, and its view says so too when
// the stream drops ("Connection lost. Reconnecting…"), as the payment and review views do.
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import '../../src/define.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import {getStore} from '../../src/store/store.js';
import {fakeEventSource, type FakeStream} from '../support/fake-event-source.js';
import {createOrder, freshStore, proxyUrl, waitFor} from '../stream/helpers.js';

const frame = (stream: FakeStream, data: unknown) => stream.onmessage?.(new MessageEvent('message', {data: JSON.stringify(data)}));

suite('<cr-order-status>: the connection note while a delivery is on its way', () => {
  teardown(() => fixtureCleanup());

  test('Done, a delivery still to come, the stream drops: "reconnecting" is shown', async function () {
    this.timeout(15000);
    const order = await createOrder();
    const store = freshStore();
    getStore(store).update({proxyUrl, order});
    const streams: FakeStream[] = [];
    const fake = fakeEventSource((s) => streams.push(s));
    const el = await fixture<CrOrderStatus>(html`<cr-order-status store=${store} lang="en" reconnect-delay="5000"
      .eventSource=${fake.EventSource}></cr-order-status>`);
    await waitFor(() => el.connection === 'live' && streams.length === 1, 'the stream to open');
    const raw = await (await fetch(`${proxyUrl}/v5/orders/${order.order_id}`)).json();
    frame(streams[0]!, {...raw, order_state: 'Done', payment_state: 'PaymentCompleted'});
    await waitFor(() => el.order?.order_state === 'Done', 'Done shown');
    assert.notEqual(el.connection, 'done', 'still followed: the delivery is on its way');
    streams[0]!.onerror?.(new Event('error'));
    await waitFor(() => el.connection === 'polling', 'the stream lost');
    await el.updateComplete;
    const note = el.shadowRoot!.querySelector('[part~="connection"]');
    assert.ok(note, 'the "reconnecting" note is on screen');
  });
});
