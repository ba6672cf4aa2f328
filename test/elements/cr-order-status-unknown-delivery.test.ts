// <cr-order-status>: one delivery in a shape the schema does not know (here `deliverable` as an array, as a
// quantity-2 delivery might come) no longer makes the whole order unreadable: the Done frame is shown, with the other,
// well-formed delivery's code, and the unknown one as delivered (its state is read), with nothing to show.
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import '../../src/define.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import type {StatusChangeDetail} from '../../src/events.js';
import {getStore} from '../../src/store/store.js';
import {fakeEventSource, type FakeStream} from '../support/fake-event-source.js';
import {createOrder, freshStore, proxyUrl, sleep, waitFor} from '../stream/helpers.js';

const frame = (stream: FakeStream, data: unknown) => stream.onmessage?.(new MessageEvent('message', {data: JSON.stringify(data)}));

suite('<cr-order-status>: a delivery of an unknown shape', () => {
  teardown(() => fixtureCleanup());

  test('a Done order with one delivery of an unknown shape: Done is shown, with the other delivery\'s code', async function () {
    this.timeout(15000);
    const order = await createOrder();
    const store = freshStore();
    getStore(store).update({proxyUrl, order});
    const streams: FakeStream[] = [];
    const fake = fakeEventSource((s) => streams.push(s));
    const events: StatusChangeDetail[] = [];
    const el = await fixture<CrOrderStatus>(html`<cr-order-status store=${store} lang="en"
      .eventSource=${fake.EventSource} @cr-status-change=${(e: CustomEvent<StatusChangeDetail>) => events.push(e.detail)}></cr-order-status>`);
    await waitFor(() => el.connection === 'live' && streams.length === 1, 'the stream to open');
    const raw = await (await fetch(`${proxyUrl}/v5/orders/${order.order_id}`)).json();
    const first = raw.deliveries[0];
    frame(streams[0]!, {
      ...raw,
      order_state: 'Done',
      payment_state: 'PaymentCompleted',
      deliveries: [
        {...first, delivery_state: 'Done', deliverable: {...first.deliverable, pin_code: 'GOOD-CODE-1234'}},
        {id: 'x2', kind: 'giftcard', quantity: 2, delivery_state: 'Done', deliverable: [{pin_code: 'AAAA-1111'}, {pin_code: 'BBBB-2222'}]},
      ],
    });
    await sleep(300);
    await el.updateComplete;
    assert.equal(el.counts?.malformed ?? 0, 0, 'the frame was not thrown away whole');
    assert.deepEqual(events.map((e) => e.state), ['Done']);
    const codes = [...el.shadowRoot!.querySelectorAll('code.code')].map((c) => c.textContent?.trim());
    assert.include(codes, 'GOOD-CODE-1234', 'the well-formed delivery\'s code is shown');
  });
});
