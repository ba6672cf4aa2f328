// <cr-order-status>: one delivery in a shape the schema does not know (here `deliverable` as an array, as a
// quantity-2 delivery might come) no longer makes the whole order unreadable: the Done frame is shown, with the other,
// well-formed delivery's code, and the unknown one as delivered (its state is read), with nothing to show.
import {assert, fixtureCleanup} from '@open-wc/testing';
import {frame, liveStatus} from '../support/live-status.js';
import {sleep} from '../stream/helpers.js';

suite('<cr-order-status>: a delivery of an unknown shape', () => {
  teardown(() => fixtureCleanup());

  test('a Done order with one delivery of an unknown shape: Done is shown, with the other delivery\'s code', async function () {
    this.timeout(15000);
    const {el, streams, events, raw} = await liveStatus();
    const first = raw.deliveries[0]!;
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
