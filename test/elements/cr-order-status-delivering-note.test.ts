// <cr-order-status>: a Done order whose delivery is still on its way is still followed, and its view says so too when
// the stream drops ("Connection lost. Reconnecting…"), as the payment and review views do.
import {assert, fixtureCleanup} from '@open-wc/testing';
import {frame, liveStatus} from '../support/live-status.js';
import {waitFor} from '../stream/helpers.js';

suite('<cr-order-status>: the connection note while a delivery is on its way', () => {
  teardown(() => fixtureCleanup());

  test('Done, a delivery still to come, the stream drops: "reconnecting" is shown', async function () {
    this.timeout(15000);
    const {el, streams, raw} = await liveStatus(5000);
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
