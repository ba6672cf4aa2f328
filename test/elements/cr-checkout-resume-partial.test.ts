// <cr-checkout>: a reload of a checkout-only page whose order was paid in part, and the read that resumes it leaves
// sent_coin_amount out. What the saved copy knows was sent stays (keepSent, as the tracker does for every answer):
// the rest to send and the address it goes to are still shown, never "Payment received".
import {assert} from '@open-wc/testing';
import {dropStore} from '../../src/store/store.js';
import {loadOrder} from '../../src/store/order-persistence.js';
import {sandboxControls} from '../support/sandbox-controls.js';
import {$, mountCheckout, orderOn, sandboxUrl, waitFor} from '../support/checkout-helpers.js';

const sandbox = sandboxControls(sandboxUrl);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** GET /v5/orders/{id} answers without sent_coin_amount (as upstream may: the tracker allows for it). */
function readsWithoutSent(orderId: string): () => void {
  const realFetch = window.fetch;
  window.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const response = await realFetch(input, init);
    if (!new URL(url).pathname.endsWith(`/v5/orders/${orderId}`) || !response.ok) return response;
    const order = (await response.json()) as Record<string, unknown>;
    delete order['sent_coin_amount'];
    return new Response(JSON.stringify(order), {status: response.status, headers: response.headers});
  };
  return () => (window.fetch = realFetch);
}

suite('<cr-checkout>: resume of a partly paid order', () => {
  test('after a reload, a read without sent_coin_amount still asks for the rest (as the tracker would)', async () => {
    const store = `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const first = await mountCheckout({brand: 'Steam', store});
    first.eventSource = null;
    first.paymentPollInterval = 150;
    const {orderId} = await orderOn(first);
    await sandbox.act(orderId, 'pay', {amount: 'under'});
    await waitFor(() => $(first, '[part="missing-amount"]'), 'the partial payment');
    assert.ok(loadOrder(store)?.order.sent_coin_amount, 'the saved copy knows what was sent');
    // The reload.
    first.remove();
    dropStore(store);
    const restore = readsWithoutSent(orderId);
    try {
      const el = await mountCheckout({brand: 'Steam', store});
      el.eventSource = null;
      await waitFor(() => $(el, '[part="payment"]'), 'the resumed order');
      await sleep(300);
      const screen = $(el, '[part="payment"]')!;
      assert.equal(screen.dataset['phase'], 'partial-payment', `still asks for the rest; shows: "${screen.textContent?.replace(/\s+/g, ' ').trim()}"`);
      assert.ok($(el, '[part="address"]'), 'the address the rest goes to');
    } finally {
      restore();
    }
  });
});
