// A <cr-order-status> whose stream upstream ends (`event: stop`) before the order is final, beside a <cr-checkout>
// that leaves following the order to it: the order is still followed to its end, so the checkout never keeps the
// address of an order that expired. Real sandbox through the real proxy; the stream is a small fake EventSource.
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import '../../src/define.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import {getStore} from '../../src/store/store.js';
import {fakeEventSource} from '../support/fake-event-source.js';
import {controls, createOrder, freshStore, proxyUrl, removeFault, requestsFor, sleep, waitFor} from '../stream/helpers.js';

const stoppable = fakeEventSource();
const fakes = stoppable.made;

suite('<cr-order-status>: a stream ended before the order is', () => {
  teardown(() => {
    fixtureCleanup();
    fakes.length = 0;
  });

  test('stop, then its first read fails: the order is still followed, and the checkout beside it loses the address once it expired', async function () {
    this.timeout(12000);
    const order = await createOrder();
    const store = freshStore();
    getStore(store).update({proxyUrl, order});
    const checkout = await fixture<CrCheckout>(html`<cr-checkout proxy-url=${proxyUrl} store=${store} brand="Steam" lang="en"
      payment-poll-interval="300" poll-interval="300"></cr-checkout>`);
    const el = await fixture<CrOrderStatus>(html`<cr-order-status proxy-url=${proxyUrl} store=${store}
      payment-poll-interval="300" poll-interval="300" .eventSource=${stoppable.EventSource}></cr-order-status>`);
    await waitFor(() => el.connection === 'live' && fakes.length, 'the status\'s stream open');
    const address = () => checkout.shadowRoot!.querySelector('[part="address"]');
    await waitFor(() => address(), 'the checkout\'s payment screen');
    const fault = await controls.fault({kind: 'server-error', status: 503, endpoint: 'order', orderId: order.order_id, times: 1});
    try {
      fakes.at(-1)!.stop();
      await waitFor(async () => (await requestsFor(order.order_id, 'order')).length >= 1, 'the read after stop');
      await controls.act(order.order_id, 'expire');
      await sleep(3000);
      const subs = (await requestsFor(order.order_id, 'subscribe')).length;
      assert.isNull(address(), `no address of an expired order (status connection ${el.connection}, its state ${el.order?.order_state}, real subscribes ${subs})`);
      assert.equal(el.order?.order_state, 'Expired');
    } finally {
      await removeFault(fault.id);
    }
  });
});
