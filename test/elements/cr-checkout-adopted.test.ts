// The money path where an order is read before it is shown: a resume after a reload, or another tab's order this
// tab adopted. A late answer to an abandoned read, a reload, a second checkout of the store, a <cr-order-status> that
// cannot follow the order, and the end of the payment window: never a second order, never a stale screen.
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import {dropStore, getStore} from '../../src/store/store.js';
import {getOrder, parseOrder} from '../../src/api/client.js';
import {loadOrder} from '../../src/store/order-persistence.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import {ADOPT_MS, fingerprint, markerKey, readMarker} from '../../src/elements/cr-checkout/order-guard.js';
import type {Order} from '../../src/api/schemas.js';
import {sandboxControls} from '../support/sandbox-controls.js';
import {$, buyerEmail, formReady, mountCheckout, orderOn, ordersFor, orderThenReload, paymentShown, proxyUrl, sandboxUrl, submit, type, unique, waitFor} from '../support/checkout-helpers.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const sandbox = sandboxControls(sandboxUrl);
const pathOf = (input: RequestInfo | URL) => new URL(String(input instanceof Request ? input.url : input)).pathname;

type Mode = 'pass' | 'fail' | 'hold';
/**
 * GET /v5/orders/{orderId}: 'fail' answers 503, 'hold' keeps the request open until `release(answer)`, 'pass' lets
 * it through. Everything else goes through. Also counts POST /v5/orders.
 */
function orderReads(orderId: string) {
  const realFetch = window.fetch;
  const ctl = {
    mode: 'fail' as Mode,
    held: 0,
    creates: 0,
    release: (_answer: 'real' | '404') => {},
    restore: () => (window.fetch = realFetch),
  };
  let gate: Promise<'real' | '404'> = new Promise((r) => (ctl.release = r));
  window.fetch = async (input, init) => {
    const path = pathOf(input);
    if (init?.method === 'POST' && path.endsWith('/v5/orders')) ctl.creates++;
    if (path.endsWith(`/v5/orders/${orderId}`)) {
      if (ctl.mode === 'fail') return new Response('{"message":"upstream down"}', {status: 503, headers: {'content-type': 'application/json'}});
      if (ctl.mode === 'hold') {
        ctl.held++;
        const answer = await gate;
        if (answer === '404') return new Response('{"message":"no such order"}', {status: 404, headers: {'content-type': 'application/json'}});
      }
    }
    return realFetch(input, init);
  };
  return ctl;
}

/** Makes the other tab's order older than ADOPT_MS (its marker still fresh): a create would no longer adopt it. */
function ageOtherTabsOrder(store: string): void {
  const marker = readMarker(store)!;
  const old = Date.now() - ADOPT_MS - 500;
  localStorage.setItem(markerKey(store), JSON.stringify({...marker, at: old, doneAt: old}));
}

/** Presses "New purchase" on the resume-failed screen and confirms. */
async function leave(el: CrCheckout): Promise<void> {
  $<HTMLButtonElement>(el, '[part="new-purchase-button"]')!.click();
  await el.updateComplete;
  $<HTMLButtonElement>(el, '[part="leave-order"] [part="new-purchase-button"]')!.click();
  await formReady(el);
}

/**
 * Makes `el` (store `store`) adopt another tab's order `orderId` for the purchase it submits: the other tab's marker
 * with this form's fingerprint is written as this tab validates, and gets the order id once this tab waits.
 */
async function adoptAnotherTabsOrder(el: CrCheckout, store: string, orderId: string, email: string): Promise<() => void> {
  await formReady(el);
  type($<HTMLInputElement>(el, '#email')!, email);
  const inner = window.fetch;
  window.fetch = async (input, init) => {
    if (pathOf(input).endsWith('/v5/orders/validations')) {
      localStorage.setItem(markerKey(store), JSON.stringify({tab: 'tab-a', fp: fingerprint(JSON.parse(String(init!.body))), at: Date.now()}));
    }
    return inner(input, init);
  };
  await submit(el);
  await waitFor(() => $(el, '[part="pay-button"]')?.textContent?.includes(el.messages.checkout.waitingOtherTab), 'waiting for the other tab');
  const at = Date.now();
  localStorage.setItem(markerKey(store), JSON.stringify({tab: 'tab-a', fp: readMarker(store)!.fp, at, orderId, doneAt: at}));
  return () => (window.fetch = inner);
}

/** Tab A's order (upstream has it), made in a store of its own. */
async function tabAOrder(): Promise<{orderId: string}> {
  const tabA = await mountCheckout({brand: 'Steam'});
  const {orderId} = await orderOn(tabA);
  tabA.remove();
  return {orderId};
}

suite('cr-checkout: orders read before they are shown', () => {
  teardown(() => fixtureCleanup());

  test('"New purchase" (confirmed) while the retry of a failed resume is in flight: its late answer does not bring the order back', async () => {
    const {store, orderId} = await orderThenReload();
    const reads = orderReads(orderId);
    try {
      const el = await mountCheckout({brand: 'Steam', store});
      await waitFor(() => $(el, '[part="retry-button"]'), 'the failed resume, said');
      reads.mode = 'hold';
      await waitFor(() => reads.held > 0, 'the automatic retry, in flight', 6000);
      await leave(el);
      assert.isUndefined(getStore(store).get().order);
      reads.release('real');
      await sleep(800);
      await el.updateComplete;
      assert.isFalse(!!$(el, '[part="payment"]'), 'the order the buyer chose to leave is not shown again');
      assert.ok($(el, 'form'), 'the form the buyer asked for stays');
      assert.isUndefined(getStore(store).get().order, 'nor does the store take it back (a status would follow it)');
      assert.isUndefined(loadOrder(store), 'nor sessionStorage');
    } finally {
      reads.restore();
    }
  });

  test("an adopted order left while its read is in flight, a new order made, then the late read says 404: the new order stays", async () => {
    const {orderId} = await tabAOrder();
    const store = unique('store');
    const reads = orderReads(orderId);
    const el = await mountCheckout({brand: 'Steam', store});
    const undo = await adoptAnotherTabsOrder(el, store, orderId, buyerEmail());
    try {
      await waitFor(() => $(el, '[part="retry-button"]'), "the failed read of the adopted order, said", 8000);
      undo();
      reads.mode = 'hold';
      await waitFor(() => reads.held > 0, 'the automatic retry, in flight', 6000);
      await leave(el);
      // The buyer buys again: a new order, its payment screen.
      type($<HTMLInputElement>(el, '#email')!, buyerEmail());
      await submit(el);
      const newId = await paymentShown(el);
      assert.notEqual(newId, orderId);
      assert.equal(loadOrder(store)?.orderId, newId);
      reads.release('404');
      await sleep(800);
      await el.updateComplete;
      assert.equal(loadOrder(store)?.orderId, newId, "the new order's saved copy is kept (a reload comes back to it)");
      assert.equal($<HTMLElement>(el, '[part="payment"][data-order-id]')?.dataset['orderId'], newId, 'the new order is still shown');
    } finally {
      undo();
      reads.restore();
      localStorage.removeItem(markerKey(store));
    }
  });

  test('a reload while the adopted order cannot be read yet reads it again: no form, so no second order once the other tab\'s is old', async () => {
    const {orderId} = await tabAOrder();
    const store = unique('store');
    const email = buyerEmail();
    const reads = orderReads(orderId);
    const el = await mountCheckout({brand: 'Steam', store});
    const undo = await adoptAnotherTabsOrder(el, store, orderId, email);
    try {
      await waitFor(() => $(el, '[part="retry-button"]'), "the failed read of the adopted order, said", 8000);
      undo();
      // Reload of this tab (sessionStorage kept, page state gone).
      el.remove();
      dropStore(store);
      const reloaded = await mountCheckout({brand: 'Steam', store});
      await sleep(1500);
      await reloaded.updateComplete;
      const formBack = !!$(reloaded, 'form');
      // Same purchase again, once the other tab's order is too old to adopt.
      ageOtherTabsOrder(store);
      if (formBack) {
        await formReady(reloaded);
        type($<HTMLInputElement>(reloaded, '#email')!, email);
        await submit(reloaded);
        await sleep(1500);
      }
      assert.equal(reads.creates, 0, 'no second order for the purchase the other tab already made');
      assert.isFalse(formBack, 'after the reload the adopted order is read again, not the form shown');
      assert.ok($(reloaded, '[part="retry-button"]'), 'its read, still failing, said with "try again"');
      reads.mode = 'pass';
      assert.equal(await paymentShown(reloaded, 8000), orderId, 'and shown once it can be read');
      assert.equal(loadOrder(store)?.orderId, orderId);
      assert.lengthOf(await ordersFor(email), 0);
    } finally {
      undo();
      reads.restore();
      localStorage.removeItem(markerKey(store));
    }
  });

  test('two checkouts of one store: while one reads an adopted order, a submit on the other reads it too, and creates nothing', async () => {
    const {orderId} = await tabAOrder();
    const store = unique('store');
    const email = buyerEmail();
    const reads = orderReads(orderId);
    const a = await mountCheckout({brand: 'Steam', store});
    const b = await mountCheckout({brand: 'Steam', store});
    await formReady(b);
    const undo = await adoptAnotherTabsOrder(a, store, orderId, email);
    try {
      await waitFor(() => $(a, '[part="retry-button"]'), 'the failed read of the adopted order, said', 8000);
      undo();
      ageOtherTabsOrder(store);
      type($<HTMLInputElement>(b, '#email')!, email);
      await submit(b);
      await waitFor(() => $(b, '[part="retry-button"]'), 'the second checkout reading the adopted order', 8000);
      assert.equal(reads.creates, 0, 'no second order');
      reads.mode = 'pass';
      assert.equal(await paymentShown(b, 8000), orderId);
      assert.equal(await paymentShown(a, 8000), orderId);
      assert.lengthOf(await ordersFor(email), 0);
    } finally {
      undo();
      reads.restore();
      localStorage.removeItem(markerKey(store));
    }
  });

  test('beside a <cr-order-status>, an order upstream does not know (404) loses its address on the checkout too', async () => {
    const store = unique('store');
    const lostId = crypto.randomUUID();
    const lost = parseOrder({
      order_id: lostId, created_at: Math.floor(Date.now() / 1000), order_state: 'WaitingForPayment', payment_state: 'WalletCreated',
      wallet_address: 'LostOrderAddress1111111111111111111111111', coin: 'USDC', network: 'Solana', coin_amount: '20.30',
    });
    getStore(store).update({proxyUrl, order: lost});
    const status = await fixture<CrOrderStatus>(html`<cr-order-status proxy-url=${proxyUrl} store=${store} lang="en" payment-poll-interval="150" .eventSource=${null}></cr-order-status>`);
    const checkout = await mountCheckout({brand: 'Steam', store});
    await waitFor(() => status.shadowRoot!.querySelector('[part~="failure"]'), 'the status: order not known upstream', 8000);
    await sleep(1000);
    await checkout.updateComplete;
    await waitFor(() => !checkout.shadowRoot!.textContent!.includes('LostOrderAddress'), 'the address gone from the checkout', 8000);
    assert.include(checkout.shadowRoot!.textContent!, (checkout as CrCheckout).messages.checkout.resumeFailed, 'said, with its id');
    assert.include(checkout.shadowRoot!.textContent!, lostId);
  });

  test('status: a PartialPaymentStarted order whose whole amount arrived is not "time over" once the window ends', async () => {
    const store = unique('store');
    const checkout = await mountCheckout({brand: 'Steam', store});
    const {orderId} = await orderOn(checkout);
    checkout.remove();
    await sandbox.act(orderId, 'pay');
    await sandbox.act(orderId, 'state', {order_state: 'PartialPaymentStarted', payment_state: 'PaymentReceived'});
    const real = await getOrder(proxyUrl, orderId);
    assert.equal(real.sent_coin_amount, real.coin_amount);
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (!pathOf(input).endsWith(`/v5/orders/${orderId}`)) return response;
      const body = (await response.json()) as Order;
      return new Response(JSON.stringify({...body, created_at: Math.floor(Date.now() / 1000) - 40 * 60}), {status: response.status, headers: response.headers});
    };
    try {
      const el = await fixture<CrOrderStatus>(html`<cr-order-status proxy-url=${proxyUrl} store=${unique('s')} order-id=${orderId} lang="en" .eventSource=${null}></cr-order-status>`);
      await waitFor(() => el.order, 'the order');
      await el.updateComplete;
      const over = el.shadowRoot!.querySelector('[part~="payment-over"]');
      assert.isNull(over, `fully paid: no "${over?.textContent?.trim()}"`);
    } finally {
      window.fetch = realFetch;
    }
  });

  test('two checkouts of one store submitting at once while another tab creates the same purchase: both read its order, no error', async () => {
    const {orderId} = await tabAOrder();
    const store = unique('store');
    const email = buyerEmail();
    const a = await mountCheckout({brand: 'Steam', store});
    const b = await mountCheckout({brand: 'Steam', store});
    await formReady(a);
    await formReady(b);
    type($<HTMLInputElement>(a, '#email')!, email);
    type($<HTMLInputElement>(b, '#email')!, email);
    // Its reads fail at first, so what each checkout makes of the other tab's order shows.
    const reads = orderReads(orderId);
    const inner = window.fetch;
    window.fetch = async (input, init) => {
      if (pathOf(input).endsWith('/v5/orders/validations')) {
        localStorage.setItem(markerKey(store), JSON.stringify({tab: 'tab-a', fp: fingerprint(JSON.parse(String(init!.body))), at: Date.now()}));
      }
      return inner(input, init);
    };
    try {
      await Promise.all([submit(a), submit(b)]);
      await waitFor(() => $(a, '[part="pay-button"]')?.textContent?.includes(a.messages.checkout.waitingOtherTab), 'waiting for the other tab');
      const at = Date.now();
      localStorage.setItem(markerKey(store), JSON.stringify({tab: 'tab-a', fp: readMarker(store)!.fp, at, orderId, doneAt: at}));
      // The second took the first one's outcome (the other tab's order id), not an error of its own.
      for (const el of [a, b]) await waitFor(() => $(el, '[part="retry-button"]'), 'the failed read of the adopted order, said', 8000);
      assert.isNull($(b, '#form-error'), 'no form error on the second checkout');
      reads.mode = 'pass';
      assert.equal(await paymentShown(a, 8000), orderId);
      assert.equal(await paymentShown(b, 8000), orderId);
      assert.equal(reads.creates, 0);
    } finally {
      window.fetch = inner;
      reads.restore();
      localStorage.removeItem(markerKey(store));
    }
  });

  test('checkout alone: once its window is over (expired screen), a partial payment is not announced as "… is still missing"', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    const {orderId} = await orderOn(el);
    el.paymentPollInterval = 150;
    const realNow = el.now;
    el.now = () => realNow() + 31 * 60_000;
    el.requestUpdate();
    await waitFor(() => $(el, '[part="payment"][data-phase="expired"]'), 'the expired screen');
    await sandbox.act(orderId, 'pay', {amount: 'under'});
    await sleep(1500);
    const live = $(el, '[role="status"][aria-live="polite"]')?.textContent?.trim() ?? '';
    assert.isTrue(!!$(el, '[part="payment"][data-phase="expired"]'), 'still the expired screen (send nothing)');
    assert.equal(live, '', 'the live region does not ask for the rest');
  });
});
