// Two checkouts of one store both resuming a saved order whose reads fail; "New purchase" (confirmed) on one
// of them. The other's automatic retry must not bring the left order back into the store.
import {assert, fixtureCleanup} from '@open-wc/testing';
import {getStore} from '../../src/store/store.js';
import {loadOrder} from '../../src/store/order-persistence.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import {$, formReady, mountCheckout, orderThenReload, waitFor} from '../support/checkout-helpers.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const pathOf = (input: RequestInfo | URL) => new URL(String(input instanceof Request ? input.url : input)).pathname;

async function leave(el: CrCheckout): Promise<void> {
  $<HTMLButtonElement>(el, '[part="new-purchase-button"]')!.click();
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part="leave-order"] [part="new-purchase-button"]')!.click();
  await formReady(el);
}

suite('cr-checkout: new purchase on one checkout of a store', () => {
  teardown(() => fixtureCleanup());

  test("the other checkout's retry timer does not resurrect the order left", async function () {
    this.timeout(20000);
    const {store, orderId} = await orderThenReload();
    const realFetch = window.fetch;
    let fail = true;
    window.fetch = async (input, init) => {
      if (fail && pathOf(input).endsWith(`/v5/orders/${orderId}`)) {
        return new Response('{"message":"upstream down"}', {status: 503, headers: {'content-type': 'application/json'}});
      }
      return realFetch(input, init);
    };
    try {
      const a = await mountCheckout({brand: 'Steam', store});
      const b = await mountCheckout({brand: 'Steam', store});
      await waitFor(() => $(a, '[part="retry-button"]') && $(b, '[part="retry-button"]'), 'both resumes failed');
      await leave(a);
      assert.isUndefined(getStore(store).get().order);
      fail = false;
      // b's automatic retry: 2 s, then 4 s.
      await sleep(7000);
      await a.updateComplete;
      assert.isUndefined(loadOrder(store), 'sessionStorage keeps no copy of the order left');
      assert.isUndefined(getStore(store).get().order, 'the store does not take the left order back');
      assert.isFalse(!!$(a, '[part="payment"]'), 'the checkout where "new purchase" was pressed shows no payment screen');
    } finally {
      window.fetch = realFetch;
    }
  });
});
