// <cr-order-status>: a state with no rank (WaitingForManualAction, any unknown state) no longer lets a replayed older
// frame through after a reconnect: the tracker keeps the highest rank it showed (accept.ts), so nothing below it is
// reported again. The state review began in is still taken: support may hand the order back so.
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
    // PaymentStarted is below what was shown: dropped. PaymentReceived, the state review began in, may be support
    // handing the order back, which a replay of it cannot be told from: it is shown again, then the review.
    assert.deepEqual(
      events.map((e) => `${e.previousState}->${e.state}`),
      [
        'WaitingForPayment->PaymentStarted',
        'PaymentStarted->PaymentReceived',
        'PaymentReceived->WaitingForManualAction',
        'WaitingForManualAction->PaymentReceived',
        'PaymentReceived->WaitingForManualAction',
      ],
      'PaymentStarted is never reported after PaymentReceived',
    );
  });

  test('what may follow a review still does (handed back, paid, delivered, Done); a state below it does not', async () => {
    const raw = await (await fetch(`${proxyUrl}/v5/orders/${(await createOrder()).order_id}`)).json();
    const at = (order_state: string) => parseOrder({...raw, order_state});
    const id = raw.order_id as string;
    // Shown: PartialPaymentStarted (rank 2), then under review.
    const reached = reachedWith(reachedWith(undefined, at('WaitingForPayment')), at('PartialPaymentStarted'));
    const review = at('WaitingForManualAction');
    // Handed back to "send the rest" (the state review began in), or on to the payment, delivery, an end.
    for (const next of ['PartialPaymentStarted', 'PaymentReceived', 'WaitingForDelivery', 'Done', 'Refunded']) {
      assert.isTrue(judge(id, review, at(next), undefined, reached).accept, `review → ${next}`);
    }
    // Review begun at WaitingForDelivery, the top rank: released back to it.
    const top = reachedWith(reached, at('WaitingForDelivery'));
    assert.isTrue(judge(id, review, at('WaitingForDelivery'), undefined, top).accept, 'review → WaitingForDelivery again');
    assert.deepEqual(judge(id, review, at('PaymentReceived'), undefined, top), {accept: false, reason: 'older'});
    for (const replay of ['WaitingForPayment', 'PaymentStarted']) {
      assert.deepEqual(judge(id, review, at(replay), undefined, top), {accept: false, reason: replay === 'WaitingForPayment' ? 'backwards' : 'older'}, `review → ${replay}`);
    }
  });
});
