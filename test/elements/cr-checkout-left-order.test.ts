// <cr-checkout> beside a <cr-order-status> of one store: a reload while the order's reads fail (5xx), so the store
// has no copy of it and the status follows the tab's saved one. The checkout says "could not be loaded" and the
// buyer leaves the order ("new purchase"). The store says which order was left (`left`), so the status lets it go
// too: once the reads come back, neither element shows it nor gives it back to the store or to sessionStorage.
import {assert, fixtureCleanup} from '@open-wc/testing';
import {getStore} from '../../src/store/store.js';
import {loadOrder} from '../../src/store/order-persistence.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import {$, formReady, mountCheckout, orderThenReload, proxyUrl, waitFor} from '../support/checkout-helpers.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const pathOf = (input: RequestInfo | URL) => new URL(String(input instanceof Request ? input.url : input)).pathname;

async function leave(el: CrCheckout): Promise<void> {
  $<HTMLButtonElement>(el, '[part="new-purchase-button"]')!.click();
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part="leave-order"] [part="new-purchase-button"]')!.click();
  await formReady(el);
}

suite('<cr-checkout>: new purchase beside a <cr-order-status>, reads failing', () => {
  teardown(() => fixtureCleanup());

  test('the order left does not come back once its reads recover', async function () {
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
    const status = document.createElement('cr-order-status') as HTMLElement & {eventSource: unknown; paymentPollInterval: number; updateComplete: Promise<unknown>};
    try {
      // Polling only, so the fetch stub stands for upstream's reads.
      status.eventSource = null;
      status.paymentPollInterval = 300;
      status.setAttribute('proxy-url', proxyUrl);
      status.setAttribute('store', store);
      status.setAttribute('lang', 'en');
      document.body.append(status);
      const checkout = await mountCheckout({brand: 'Steam', store});
      await waitFor(() => $(checkout, '[part="retry-button"]'), 'the failed resume, said');
      await leave(checkout);
      assert.isUndefined(getStore(store).get().order);
      assert.isUndefined(loadOrder(store));
      fail = false;
      await sleep(2500);
      await checkout.updateComplete;
      assert.isFalse(!!$(checkout, '[part="payment"]'), 'the checkout shows no payment screen for the order left');
      assert.isUndefined(getStore(store).get().order, 'the store does not take the left order back');
      assert.isUndefined(loadOrder(store), 'sessionStorage keeps no copy of the order left');
      assert.notInclude(status.shadowRoot!.textContent ?? '', orderId, 'the status shows nothing of the order left');
    } finally {
      window.fetch = realFetch;
      status.remove();
    }
  });
});
