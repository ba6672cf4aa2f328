// <cr-order-status>: a state with no rank (WaitingForManualAction, any unknown state) no longer lets a replayed older
// frame through after a reconnect: the tracker keeps the highest rank it showed (accept.ts), so no cr-status-change
// fires again for a state already reported, and none goes backwards by rank.
import {assert, fixtureCleanup} from '@open-wc/testing';
import {parseOrder} from '../../src/api/client.js';
import {judge, reachedWith} from '../../src/stream/accept.js';
import {frame, liveStatus} from '../support/live-status.js';
import {createOrder, proxyUrl, sleep, waitFor} from '../stream/helpers.js';

suite('<cr-order-status>: replay after a reconnect, past a state with no rank', () => {
  teardown(() => fixtureCleanup());

  test('frames replayed on a new connection after WaitingForManualAction fire no event again, never backwards', async function () {
    this.timeout(15000);
    const {streams, events, raw} = await liveStatus(100);
    const history = [
      {...raw, order_state: 'PaymentStarted', payment_state: 'PaymentRequested'},
      {...raw, order_state: 'PaymentReceived', payment_state: 'PaymentReceived'},
      {...raw, order_state: 'WaitingForManualAction', payment_state: 'PaymentReceived'},
    ];
    history.forEach((o, i) => frame(streams[0]!, o, i + 2));
    await waitFor(() => events.length === 3, 'three changes');
    // The connection drops; upstream replays its frames on the new one (ids restart per connection are allowed).
    streams[0]!.onerror?.(new Event('error'));
    await waitFor(() => streams.length === 2, 'the reconnect');
    history.forEach((o, i) => frame(streams[1]!, o, i + 2));
    await sleep(300);
    assert.deepEqual(
      events.map((e) => `${e.previousState}->${e.state}`),
      ['WaitingForPayment->PaymentStarted', 'PaymentStarted->PaymentReceived', 'PaymentReceived->WaitingForManualAction'],
      'each change reported once; PaymentStarted is never reported after PaymentReceived',
    );
  });

  test('what may follow a review still does: a payment completed after a part one, delivery, Done; only a replay does not', async () => {
    const raw = await (await fetch(`${proxyUrl}/v5/orders/${(await createOrder()).order_id}`)).json();
    const at = (order_state: string) => parseOrder({...raw, order_state});
    const id = raw.order_id as string;
    // Shown: PartialPaymentStarted (rank 2), then under review.
    const reached = reachedWith(reachedWith(undefined, at('WaitingForPayment')), at('PartialPaymentStarted'));
    const review = at('WaitingForManualAction');
    for (const next of ['PaymentReceived', 'WaitingForDelivery', 'Done', 'Refunded']) {
      assert.isTrue(judge(id, review, at(next), undefined, reached).accept, `review → ${next}`);
    }
    for (const replay of ['WaitingForPayment', 'PaymentStarted', 'PartialPaymentStarted']) {
      assert.deepEqual(judge(id, review, at(replay), undefined, reached), {accept: false, reason: replay === 'WaitingForPayment' ? 'backwards' : 'older'}, `review → ${replay}`);
    }
  });
});
