// <cr-order-status>: one 404 for an order that is paid and awaiting delivery (upstream or a proxy failing) is not
// "gone": tracking goes on as after a 5xx, the tab's copy stays, and the codes show once upstream delivers. Only an
// order never seen, or seen unpaid, may be gone (goneWhenNotFound).
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import '../../src/define.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import {keepStoreOrders, loadOrder} from '../../src/store/order-persistence.js';
import {getStore} from '../../src/store/store.js';
import {controls, createOrder, freshStore, proxyUrl, sleep, waitFor} from '../stream/helpers.js';

suite('<cr-order-status>: a 404 while a paid order awaits its delivery', () => {
  teardown(() => fixtureCleanup());

  test('a single 404 (upstream or proxy hiccup) on a paid order: tracking goes on and the codes show once delivered', async function () {
    this.timeout(15000);
    keepStoreOrders();
    const order = await createOrder();
    await controls.act(order.order_id, 'pay');
    await controls.act(order.order_id, 'seen');
    const store = freshStore();
    getStore(store).update({proxyUrl});
    const el = await fixture<CrOrderStatus>(html`<cr-order-status store=${store} lang="en" order-id=${order.order_id}
      payment-poll-interval="200" poll-interval="200" .eventSource=${null}></cr-order-status>`);
    await waitFor(() => el.order?.order_state === 'PaymentReceived', 'the paid order shown');
    getStore(store).update({order: el.order});
    await sleep(50);
    assert.ok(loadOrder(store), 'the tab keeps a copy');
    const real = window.fetch;
    let answered404 = 0;
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (answered404 === 0 && url.includes(`/v5/orders/${order.order_id}`) && !url.includes('subscribe')) {
        answered404++;
        return new Response(JSON.stringify({message: 'not found'}), {status: 404, headers: {'content-type': 'application/json'}});
      }
      return real(input, init);
    }) as typeof fetch;
    try {
      await waitFor(() => answered404 === 1, 'the 404 answered');
      await sleep(100);
    } finally {
      window.fetch = real;
    }
    await controls.act(order.order_id, 'deliver');
    await sleep(1500);
    await el.updateComplete;
    assert.notEqual(el.connection, 'failed', 'still following a paid order after one 404');
    assert.equal(el.order?.order_state, 'Done', 'the delivery shows');
    assert.ok(el.shadowRoot!.querySelector('[part~="code"][class~="code"]'), 'the gift card code is shown');
  });
});
