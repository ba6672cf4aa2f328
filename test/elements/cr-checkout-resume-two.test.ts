// "New purchase" (confirmed) while a saved order is resumed and its reads fail, beside another element of the store
// that follows it too: another checkout (its automatic retry), or a <cr-order-status> following the tab's saved copy
// (the store had none). Once the reads come back, neither brings the left order back: into the store, into
// sessionStorage, or onto the screen (for the status, the store's `left` says which order was left).
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

/** A saved order after a reload, whose reads answer 503 until `recover()`; `restore()` puts fetch back. */
async function savedOrderReadsFailing() {
  const {store, orderId} = await orderThenReload();
  const realFetch = window.fetch;
  let fail = true;
  window.fetch = async (input, init) => {
    if (fail && pathOf(input).endsWith(`/v5/orders/${orderId}`)) {
      return new Response('{"message":"upstream down"}', {status: 503, headers: {'content-type': 'application/json'}});
    }
    return realFetch(input, init);
  };
  return {store, orderId, recover: () => (fail = false), restore: () => (window.fetch = realFetch)};
}

function assertLeft(store: string): void {
  assert.isUndefined(loadOrder(store), 'sessionStorage keeps no copy of the order left');
  assert.isUndefined(getStore(store).get().order, 'the store does not take the left order back');
}

suite('cr-checkout: new purchase while the saved order is resumed', () => {
  teardown(() => fixtureCleanup());

  test("the other checkout's retry timer does not resurrect the order left", async function () {
    this.timeout(20000);
    const {store, recover, restore} = await savedOrderReadsFailing();
    try {
      const a = await mountCheckout({brand: 'Steam', store});
      const b = await mountCheckout({brand: 'Steam', store});
      await waitFor(() => $(a, '[part="retry-button"]') && $(b, '[part="retry-button"]'), 'both resumes failed');
      await leave(a);
      assert.isUndefined(getStore(store).get().order);
      recover();
      // b's automatic retry: 2 s, then 4 s.
      await sleep(7000);
      await a.updateComplete;
      assertLeft(store);
      assert.isFalse(!!$(a, '[part="payment"]'), 'the checkout where "new purchase" was pressed shows no payment screen');
    } finally {
      restore();
    }
  });

  test('beside a <cr-order-status> following the saved copy: the order left does not come back once its reads recover', async function () {
    this.timeout(20000);
    const {store, orderId, recover, restore} = await savedOrderReadsFailing();
    const status = document.createElement('cr-order-status') as HTMLElement & {eventSource: unknown; paymentPollInterval: number};
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
      assertLeft(store);
      recover();
      await sleep(2500);
      await checkout.updateComplete;
      assert.isFalse(!!$(checkout, '[part="payment"]'), 'the checkout shows no payment screen for the order left');
      assertLeft(store);
      assert.notInclude(status.shadowRoot!.textContent ?? '', orderId, 'the status shows nothing of the order left');
    } finally {
      restore();
      status.remove();
    }
  });
});
