// <cr-checkout>'s money-path guarantees: one order per purchase (double click, two elements, reload, another tab),
// resume without a second cr-order-created, the countdown and its expiry on an injected clock, state never
// going backwards, no script from rich descriptions, accessibility and a keyboard-only path.
import {assert, fixture, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {getStore} from '../../src/store/store.js';
import {getOrder, parseOrder} from '../../src/api/client.js';
import {loadOrder, saveOrder} from '../../src/store/order-persistence.js';
import {subtractDecimals} from '../../src/api/difference.js';
import {formatCoin} from '../../src/i18n/format.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import {ADOPT_MS, clearMarker, createOnce, fingerprint, MARKER_TTL_MS, markerKey, readMarker, waitForOtherTab} from '../../src/elements/cr-checkout/order-guard.js';
import {ApiError} from '../../src/api/errors.js';
import type {Order} from '../../src/api/schemas.js';
import {expectAccessible} from '../support/a11y.js';
import {sandboxControls} from '../support/sandbox-controls.js';
import {
  $,
  buyerEmail,
  formReady,
  mountCheckout,
  orderOn,
  ordersFor,
  orderThenReload,
  paymentShown,
  proxyUrl,
  sandboxUrl,
  submit,
  type,
  unique,
  waitFor,
} from '../support/checkout-helpers.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Longer than the other tab's marker poll (order-guard.ts), so a wait that would end has ended. */
const POLL_WAIT_MS = 500;

/** What the checkout's polite live region says now. */
const said = (el: CrCheckout) => $(el, '[role="status"][aria-live="polite"]')?.textContent?.trim();

const sandbox = sandboxControls(sandboxUrl);

suite('cr-checkout: one order, resumed, never backwards', () => {
  test('a double click (and a third submit) creates exactly one order', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    await formReady(el);
    const email = buyerEmail();
    type($<HTMLInputElement>(el, '#email')!, email);
    const button = $<HTMLButtonElement>(el, '[part="pay-button"]')!;
    let created = 0;
    el.addEventListener('cr-order-created', () => created++);
    button.click();
    button.click();
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    await el.updateComplete;
    assert.equal(button.getAttribute('aria-disabled'), 'true');
    await paymentShown(el);
    await new Promise((r) => setTimeout(r, 300));
    assert.lengthOf(await ordersFor(email), 1);
    assert.equal(created, 1);
  });

  test('two checkouts of one store submitting at once share one order', async () => {
    const store = unique('store');
    const a = await mountCheckout({brand: 'Steam', store});
    const b = await mountCheckout({brand: 'Steam', store});
    await formReady(a);
    await formReady(b);
    const email = buyerEmail();
    type($<HTMLInputElement>(a, '#email')!, email);
    type($<HTMLInputElement>(b, '#email')!, email);
    await Promise.all([submit(a), submit(b)]);
    const [idA, idB] = await Promise.all([paymentShown(a), paymentShown(b)]);
    assert.equal(idA, idB);
    assert.lengthOf(await ordersFor(email), 1);
    assert.equal(getStore(store).get().order?.order_id, idA);
  });

  test('a reload resumes the payment screen from sessionStorage, re-fetched, with no second event or order', async () => {
    const {store, orderId, email} = await orderThenReload();
    const before = (await sandbox.stats()).requests.filter((r) => r.endpoint === 'order' && r.path.endsWith(orderId)).length;
    let created = 0;
    document.addEventListener('cr-order-created', () => created++);
    const second = await mountCheckout({brand: 'Steam', store});
    assert.equal(await paymentShown(second), orderId);
    const after = (await sandbox.stats()).requests.filter((r) => r.endpoint === 'order' && r.path.endsWith(orderId)).length;
    assert.equal(after, before + 1, 're-fetched from GET /v5/orders/{id}');
    assert.equal(created, 0);
    assert.lengthOf(await ordersFor(email), 1);
    // "New purchase" is the only way to a second order, and it asks first while the order may still be paid.
    $<HTMLButtonElement>(second, '[part="new-purchase-button"]')!.click();
    await second.updateComplete;
    assert.equal($(second, '[part="leave-order"] p')!.textContent!.trim(), second.messages.checkout.leaveOrder);
    $<HTMLButtonElement>(second, '[part="keep-order-button"]')!.click();
    await second.updateComplete;
    assert.isNull($(second, '[part="leave-order"]'), 'kept: the payment screen as it was');
    assert.ok($(second, '[part="address"]'));
    $<HTMLButtonElement>(second, '[part="new-purchase-button"]')!.click();
    await second.updateComplete;
    $<HTMLButtonElement>(second, '[part="leave-order"] [part="new-purchase-button"]')!.click();
    await formReady(second);
    assert.isNull(sessionStorage.getItem(`cr-checkout:${store}:order`));
  });

  test('an order upstream does not know (any more): said with its id, never its address, resumed or followed', async () => {
    const lostOrder = (orderId: string) => parseOrder({
      order_id: orderId, created_at: Math.floor(Date.now() / 1000), order_state: 'WaitingForPayment', payment_state: 'WalletCreated',
      wallet_address: 'LostOrderAddress1111111111111111111111111', coin: 'USDC', network: 'Solana', coin_amount: '20.30',
    });
    const errors: string[] = [];
    const onError = (e: Event) => errors.push((e as CustomEvent<{code: string}>).detail.code);
    document.addEventListener('cr-error', onError);
    try {
      // Resumed after a reload: the saved copy is of an order upstream answers 404 for.
      const resumed = unique('store');
      const resumedId = crypto.randomUUID();
      saveOrder(resumed, lostOrder(resumedId));
      const first = await mountCheckout({brand: 'Steam', store: resumed});
      await waitFor(() => $(first, '[part="new-purchase-button"]'), 'the lost order, said');
      const shown = $(first, '[part="form-error"]')!.textContent!;
      assert.include(shown, first.messages.checkout.resumeFailed);
      assert.include(shown, first.messages.common.errors['not-found']);
      assert.include(shown, resumedId);
      assert.notInclude(first.shadowRoot!.textContent!, 'LostOrderAddress');
      assert.isUndefined(loadOrder(resumed));
      // Followed by the checkout alone: its address shows until upstream says it does not know the order.
      const followed = unique('store');
      const followedId = crypto.randomUUID();
      getStore(followed).update({proxyUrl, order: lostOrder(followedId)});
      const second = await mountCheckout({brand: 'Steam', store: followed});
      second.paymentPollInterval = 150;
      await waitFor(() => $(second, '[part="new-purchase-button"]') && !$(second, '[part="address"]'), 'the followed order, lost');
      assert.include($(second, '[part="form-error"]')!.textContent!, followedId);
      assert.notInclude(second.shadowRoot!.textContent!, 'LostOrderAddress');
      assert.deepEqual(errors, ['not-found', 'not-found']);
      // "New purchase" goes back to the form.
      $<HTMLButtonElement>(second, '[part="new-purchase-button"]')!.click();
      await formReady(second);
    } finally {
      document.removeEventListener('cr-error', onError);
    }
  });

  test('a saved order this tab saw Done that upstream answers 404 for: what the tab saw is shown, and read again', async () => {
    const {store, orderId} = await orderThenReload();
    await sandbox.act(orderId, 'pay');
    const done = parseOrder((await sandbox.act(orderId, 'state', {order_state: 'Done', payment_state: 'PaymentCompleted', delivery_state: 'WaitingForPayment'})).order);
    saveOrder(store, done);
    const reads = orderReadsDown(orderId, () => reads.refused() < 2, 404);
    const errors: string[] = [];
    const onError = (e: Event) => errors.push((e as CustomEvent<{code: string}>).detail.code);
    document.addEventListener('cr-error', onError);
    try {
      const el = await mountCheckout({brand: 'Steam', store});
      el.pollInterval = 250;
      // Not "could not find your order": the Done order as this tab saw it, being delivered, and no address.
      await waitFor(() => $(el, '[part="payment"][data-phase="awaiting-delivery"]'), 'the Done order this tab saw');
      assert.isAtLeast(reads.refused(), 1, 'upstream answered 404');
      assert.isNull($(el, '[part="form-error"]'), 'no failure said');
      assert.isNull($(el, '[part="address"]'));
      assert.equal(loadOrder(store)?.orderId, orderId, "the tab's copy of a Done order is kept");
      // Followed on: once upstream answers again, its delivery shows.
      await sandbox.act(orderId, 'deliver');
      const status = () => $(el, '[part="payment-status"]')?.textContent?.trim();
      await waitFor(() => status() === el.messages.checkout.completed, 'the delivery, read again', 8000);
      assert.equal(reads.refused(), 2);
      assert.deepEqual(errors, [], 'a 404 for an order seen Done is not a failure of the order');
    } finally {
      reads.restore();
      document.removeEventListener('cr-error', onError);
    }
  });

  test('a resume whose read lags behind what the tab saw (paid, read back as awaiting payment): no address, read again', async () => {
    const {store, orderId} = await orderThenReload();
    // The tab last saw it paid (the stream said so), but upstream's read is behind.
    const waiting = await getOrder(proxyUrl, orderId);
    saveOrder(store, {...waiting, order_state: 'PaymentReceived', payment_state: 'PaymentReceived'});
    const second = await mountCheckout({brand: 'Steam', store});
    await sleep(600);
    assert.isNull($(second, '[part="address"]'), 'no address for an order this tab saw paid');
    assert.equal($(second, '[part="status"]')?.textContent?.trim(), second.messages.checkout.resuming);
    assert.isNull($(second, '[part="form-error"]'), 'not an error: it is read again');
    await sandbox.act(orderId, 'pay');
    await sandbox.act(orderId, 'confirm');
    await waitFor(() => $(second, '[part="payment-status"]')?.textContent?.trim() === second.messages.checkout.paymentReceived, 'the read caught up', 8000);
  });

  test('a resume that fails is tried again by itself, and the payment screen comes back', async () => {
    const {store, orderId} = await orderThenReload();
    const reads = orderReadsDown(orderId, () => reads.refused() < 3);
    try {
      const second = await mountCheckout({brand: 'Steam', store});
      await waitFor(() => $(second, '[part="retry-button"]'), 'the failed resume, said');
      assert.equal(await paymentShown(second, 6000), orderId, 'resumed without a click');
      assert.equal(reads.refused(), 3, "one resume, its three attempts (the client's own retries) refused");
    } finally {
      reads.restore();
    }
  });

  /** Answers GET /v5/orders/{orderId} with `status` (a 503) while `down()` says so; every other request goes through. */
  function orderReadsDown(orderId: string, down: () => boolean, status = 503): {restore: () => void; refused: () => number} {
    const realFetch = window.fetch;
    let refused = 0;
    window.fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (down() && new URL(url).pathname.endsWith(`/v5/orders/${orderId}`)) {
        refused++;
        return new Response('{"message":"upstream down"}', {status, headers: {'content-type': 'application/json'}});
      }
      return realFetch(input, init);
    };
    return {restore: () => (window.fetch = realFetch), refused: () => refused};
  }

  test('"New purchase" on a resume that failed asks first (the order may be paid), and keeping it keeps the order', async () => {
    const {store, orderId} = await orderThenReload();
    let down = true;
    const reads = orderReadsDown(orderId, () => down);
    try {
      const second = await mountCheckout({brand: 'Steam', store});
      await waitFor(() => $(second, '[part="retry-button"]'), 'the failed resume, said');
      $<HTMLButtonElement>(second, '[part="new-purchase-button"]')!.click();
      await second.updateComplete;
      assert.equal($(second, '[part="leave-order"] p')!.textContent!.trim(), second.messages.checkout.leaveOrder);
      assert.equal(loadOrder(store)?.orderId, orderId, 'asked, not dropped');
      assert.isNull($(second, 'form'), 'no form yet');
      $<HTMLButtonElement>(second, '[part="keep-order-button"]')!.click();
      await second.updateComplete;
      assert.isNull($(second, '[part="leave-order"]'));
      assert.ok($(second, '[part="retry-button"]'), 'back to "try again"');
      down = false;
      assert.equal(await paymentShown(second, 6000), orderId, 'the order, once it can be read');
      assert.isNull($(second, '[part="leave-order"]'), 'the question is not carried over to the payment screen');
      // Asked and confirmed, it does leave.
      $<HTMLButtonElement>(second, '[part="new-purchase-button"]')!.click();
      await second.updateComplete;
      $<HTMLButtonElement>(second, '[part="leave-order"] [part="new-purchase-button"]')!.click();
      await formReady(second);
      assert.isUndefined(loadOrder(store));
    } finally {
      reads.restore();
    }
  });

  test("another tab's order for this purchase that cannot be read yet is read again by itself: never an unknown outcome, never a second order", async () => {
    // Tab A's order (made in a store of its own here; what matters is that upstream has it).
    const tabA = await mountCheckout({brand: 'Steam'});
    const {orderId} = await orderOn(tabA);
    tabA.remove();
    const store = unique('store');
    const el = await mountCheckout({brand: 'Steam', store});
    await formReady(el);
    const email = buyerEmail();
    type($<HTMLInputElement>(el, '#email')!, email);
    let down = true;
    const reads = orderReadsDown(orderId, () => down);
    // Tab A submits the same form as this tab validates it: its marker, with this form's fingerprint.
    const readsFetch = window.fetch;
    let creates = 0;
    window.fetch = async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.pathname.endsWith('/v5/orders/validations')) {
        localStorage.setItem(markerKey(store), JSON.stringify({tab: 'tab-a', fp: fingerprint(JSON.parse(String(init!.body))), at: Date.now()}));
      }
      if (init?.method === 'POST' && url.pathname.endsWith('/v5/orders')) creates++;
      return readsFetch(input, init);
    };
    try {
      await submit(el);
      await waitFor(() => $(el, '[part="pay-button"]')?.textContent?.includes(el.messages.checkout.waitingOtherTab), 'waiting for the other tab');
      const at = Date.now();
      localStorage.setItem(markerKey(store), JSON.stringify({tab: 'tab-a', fp: readMarker(store)!.fp, at, orderId, doneAt: at}));
      const box = await waitFor(() => $(el, '[part="form-error"]'), 'the failed read, said', 8000);
      assert.include(box.textContent!, el.messages.checkout.resumeFailed);
      assert.notInclude(box.textContent!, el.messages.checkout.unknownOutcome, 'the order is known: its id came from the other tab');
      assert.ok($(el, '[part="retry-button"]'));
      down = false;
      assert.equal(await paymentShown(el, 8000), orderId, "tab A's order, without a click");
      assert.equal(creates, 0, 'this tab never sent a create');
      assert.lengthOf(await ordersFor(email), 0);
      assert.equal(getStore(store).get().order?.order_id, orderId);
    } finally {
      window.fetch = readsFetch;
      reads.restore();
      localStorage.removeItem(markerKey(store));
    }
  });

  test('a tampered sessionStorage entry is ignored', async () => {
    const store = unique('store');
    sessionStorage.setItem(`cr-checkout:${store}:order`, JSON.stringify({v: 1, order_id: 'not-a-uuid', order: {}, saved_at: 1}));
    const el = await mountCheckout({brand: 'Steam', store});
    await formReady(el);
    assert.isNull(sessionStorage.getItem(`cr-checkout:${store}:order`));
  });

  test('a cross-tab marker whose time is over is removed: its order id does not stay in localStorage', async () => {
    const stale = unique('store');
    const live = unique('store');
    const orderId = '0d2c9d55-1111-4bbb-8ccc-000000000043';
    localStorage.setItem(markerKey(stale), JSON.stringify({tab: 'closed-tab', fp: 'f', at: Date.now() - MARKER_TTL_MS - 1, orderId}));
    localStorage.setItem(markerKey(live), JSON.stringify({tab: 'other-tab', fp: 'f', at: Date.now(), orderId}));
    // A checkout starting anywhere on the site removes every store's stale marker, and only those.
    const el = await mountCheckout({brand: 'Steam', store: unique('store')});
    await formReady(el);
    assert.isNull(localStorage.getItem(markerKey(stale)));
    assert.equal(readMarker(live)?.orderId, orderId, 'a marker still in its time guards on');
    // Read after its time: removed then too.
    assert.isUndefined(readMarker(live, Date.now() + MARKER_TTL_MS));
    assert.isNull(localStorage.getItem(markerKey(live)));
  });

  test('"new purchase" removes another tab\'s marker only once its order has come, never one still creating', async () => {
    const store = unique('store');
    localStorage.setItem(markerKey(store), JSON.stringify({tab: 'other-tab', fp: 'f', at: Date.now()}));
    clearMarker(store, 'this-tab', true);
    assert.equal(readMarker(store)?.tab, 'other-tab', 'still creating: a submit of the same form must still wait for it');
    localStorage.setItem(markerKey(store), JSON.stringify({tab: 'other-tab', fp: 'f', at: Date.now(), orderId: '0d2c9d55-1111-4bbb-8ccc-000000000044'}));
    clearMarker(store, 'this-tab');
    assert.ok(readMarker(store), 'not ours, not forced');
    clearMarker(store, 'this-tab', true);
    assert.isUndefined(readMarker(store), 'its order came: "new purchase" does not adopt it again');
  });

  test('another tab creating the same form: this tab waits and adopts its order', async () => {
    const store = unique('store');
    const body = {same: 'form', n: unique()};
    const fp = fingerprint(body);
    // The other tab's marker: it is creating this very form right now.
    localStorage.setItem(markerKey(store), JSON.stringify({tab: 'other-tab', fp, at: Date.now()}));
    let created = 0;
    let waited = false;
    const outcome = createOnce(store, fp, async () => {
      created++;
      throw new Error('must not create');
    }, {tab: 'this-tab', onWaiting: () => (waited = true)});
    await new Promise((r) => setTimeout(r, 150));
    assert.isTrue(waited);
    const orderId = '0d2c9d55-1111-4bbb-8ccc-000000000042';
    localStorage.setItem(markerKey(store), JSON.stringify({tab: 'other-tab', fp, at: Date.now(), orderId}));
    assert.deepEqual(await outcome, {kind: 'adopt-id', orderId});
    assert.equal(created, 0);
    // A different form is not held up by the marker.
    const other = await createOnce(store, fingerprint({other: 1}), async () => ({order_id: 'x'}) as unknown as Order, {tab: 'this-tab'});
    assert.equal(other.kind, 'created');
    localStorage.removeItem(markerKey(store));
  });

  test("a create whose answer was lost keeps its marker: another tab waits for this one's check again, not a second order", async () => {
    const store = unique('store');
    const fp = fingerprint({lost: unique()});
    try {
      // This tab's POST went out and its answer was lost: the order may exist.
      let lose!: () => void;
      const first = createOnce(store, fp, () => new Promise<Order>((_, reject) => (lose = () => reject(new ApiError('network', 'lost')))), {tab: 'this-tab'});
      first.catch(() => undefined);
      await waitFor(() => lose !== undefined && readMarker(store), 'the create sent');
      const other = waitForOtherTab(store, fp, 'other-tab');
      lose();
      await first.catch(() => undefined);
      await sleep(POLL_WAIT_MS);
      assert.equal(readMarker(store)?.tab, 'this-tab', 'the marker stays: the other tab keeps waiting');
      // "Check again" finds the order: its id goes in the marker, and the other tab takes that order.
      const orderId = '0d2c9d55-1111-4bbb-8ccc-000000000046';
      await createOnce(store, fp, async () => ({order_id: orderId}) as unknown as Order, {tab: 'this-tab'});
      assert.equal(await other, orderId);
      // A definite refusal (no order) does remove it: the next tab may create.
      localStorage.removeItem(markerKey(store));
      await createOnce(store, fp, async () => { throw new ApiError('http-4xx', 'refused'); }, {tab: 'this-tab'}).catch(() => undefined);
      assert.isUndefined(readMarker(store));
    } finally {
      localStorage.removeItem(markerKey(store));
    }
  });

  test('the same purchase again in another tab after its order came (not a double click): a new order, never the first one', async () => {
    const store = unique('store');
    const fp = fingerprint({same: 'form', n: unique()});
    const firstOrder = '0d2c9d55-1111-4bbb-8ccc-000000000044';
    const at = Date.now() - ADOPT_MS - 5000;
    // The other tab created its order some seconds ago (the marker is still in its minute).
    localStorage.setItem(markerKey(store), JSON.stringify({tab: 'other-tab', fp, at, orderId: firstOrder, doneAt: at + 1000}));
    let created = 0;
    const outcome = await createOnce(store, fp, async () => {
      created++;
      return {order_id: '0d2c9d55-1111-4bbb-8ccc-000000000045'} as unknown as Order;
    }, {tab: 'this-tab'});
    assert.equal(outcome.kind, 'created');
    assert.equal(created, 1, 'a second purchase is a second order');
    // Seconds after it came, it is the same purchase (two tabs, one click each): adopted.
    localStorage.setItem(markerKey(store), JSON.stringify({tab: 'other-tab', fp, at: Date.now() - 3000, orderId: firstOrder, doneAt: Date.now() - 1000}));
    assert.deepEqual(await createOnce(store, fp, async () => assert.fail('must not create'), {tab: 'this-tab'}), {kind: 'adopt-id', orderId: firstOrder});
    localStorage.removeItem(markerKey(store));
  });

  test('two tabs writing their marker at the same moment: the one overwritten waits, then adopts, or creates if the other gave up', async () => {
    const store = unique('store');
    const fp = fingerprint({race: unique()});
    /** Writes the other tab's marker over ours as soon as ours is there (inside the settle delay). */
    const overwriteOurs = (extra: Record<string, unknown> = {}) =>
      new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          const raw = localStorage.getItem(markerKey(store));
          if (!raw || (JSON.parse(raw) as {tab: string}).tab !== 'this-tab') return;
          clearInterval(poll);
          localStorage.setItem(markerKey(store), JSON.stringify({tab: 'other-tab', fp, at: Date.now(), ...extra}));
          resolve();
        }, 1);
      });
    try {
      // The other tab wins the race and creates: this one adopts its order, and never sends its own.
      let created = 0;
      const raced = overwriteOurs();
      const outcome = createOnce(store, fp, async () => {
        created++;
        throw new Error('must not create');
      }, {tab: 'this-tab'});
      await raced;
      const orderId = '0d2c9d55-1111-4bbb-8ccc-000000000043';
      await new Promise((r) => setTimeout(r, 120));
      localStorage.setItem(markerKey(store), JSON.stringify({tab: 'other-tab', fp, at: Date.now(), orderId}));
      assert.deepEqual(await outcome, {kind: 'adopt-id', orderId});
      assert.equal(created, 0);

      // The other tab wins the race but its create fails (its marker is removed): this one creates after all.
      localStorage.removeItem(markerKey(store));
      const racedAgain = overwriteOurs();
      const second = createOnce(store, fp, async () => ({order_id: '0d2c9d55-1111-4bbb-8ccc-000000000044'}) as unknown as Order, {tab: 'this-tab'});
      await racedAgain;
      await new Promise((r) => setTimeout(r, 120));
      localStorage.removeItem(markerKey(store));
      const outcome2 = await second;
      assert.equal(outcome2.kind, 'created');
    } finally {
      localStorage.removeItem(markerKey(store));
    }
  });

  test('Lightning: the countdown ends with the invoice (15 minutes in the sandbox), not the 30-minute window', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    await formReady(el);
    const coin = $<HTMLSelectElement>(el, '#coin')!;
    coin.value = 'BTC';
    coin.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const network = $<HTMLSelectElement>(el, '#network')!;
    network.value = 'Lightning';
    network.dispatchEvent(new Event('change'));
    await formReady(el);
    type($<HTMLInputElement>(el, '#email')!, buyerEmail());
    await submit(el);
    const orderId = await paymentShown(el);
    const order = await getOrder(proxyUrl, orderId);
    assert.equal(order.network, 'Lightning');
    assert.match($(el, '[part="wallet-link"]')?.getAttribute('href') ?? '', /^lightning:lnbc/);
    const created = order.created_at! * 1000;
    el.now = () => created;
    await el.updateComplete;
    assert.include($(el, '[part="countdown"]')!.textContent!, '15:00');
    el.now = () => created + 15 * 60 * 1000 + 1000;
    await el.updateComplete;
    assert.equal($(el, '[part="payment-status"]')!.textContent!.trim(), el.messages.common.expired, 'expired with the invoice');
    assert.isNull($(el, '[part="address"]'));
  });

  test('countdown: mm:ss from created_at, announced at thresholds only, then expired (address hidden)', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    const {orderId} = await orderOn(el);
    const order = await getOrder(proxyUrl, orderId);
    const created = order.created_at! * 1000;
    el.now = () => created + 20 * 60 * 1000;
    await el.updateComplete;
    assert.include($(el, '[part="countdown"]')!.textContent!, '10:00');
    el.now = () => created + 25 * 60 * 1000 + 1000;
    await el.updateComplete;
    assert.include($(el, '[part="countdown"]')!.textContent!, '04:59');
    const live = $(el, '[role="status"][aria-live="polite"]')!;
    await waitFor(() => live.textContent === el.messages.checkout.minutesLeft(5), 'the 5-minute announcement');
    el.now = () => created + 25 * 60 * 1000 + 2000;
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    assert.equal(live.textContent, el.messages.checkout.minutesLeft(5), 'not announced every second');
    el.now = () => created + 30 * 60 * 1000 + 1000;
    await el.updateComplete;
    const status = $(el, '[part="payment-status"]')!;
    assert.equal(status.textContent!.trim(), el.messages.common.expired);
    assert.isNull($(el, '[part="address"]'));
    assert.isNull($(el, '[part="qr"]'));
    assert.ok($(el, '[part="new-purchase-button"]'));
  });

  test('countdown: a jump past several thresholds says only the nearest; past the end, no "minutes left"', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    const {orderId} = await orderOn(el);
    const created = (await getOrder(proxyUrl, orderId)).created_at! * 1000;
    const live = $(el, '[role="status"][aria-live="polite"]')!;
    el.now = () => created + 60 * 1000;
    await el.updateComplete;
    // Back from the background with 30 s left: "1 minute left", not "10 minutes".
    el.now = () => created + 29.5 * 60 * 1000;
    await el.updateComplete;
    await waitFor(() => live.textContent === el.messages.checkout.minutesLeft(1), 'the nearest threshold');
    el.now = () => created + 31 * 60 * 1000;
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    assert.equal(live.textContent, el.messages.checkout.minutesLeft(1), 'nothing more said once it is over');
    // A jump from before every threshold straight past the end says nothing either.
    const second = await mountCheckout({brand: 'Steam'});
    const other = await orderOn(second);
    const secondCreated = (await getOrder(proxyUrl, other.orderId)).created_at! * 1000;
    second.now = () => secondCreated + 60 * 1000;
    await second.updateComplete;
    second.now = () => secondCreated + 40 * 60 * 1000;
    await second.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    assert.equal($(second, '[role="status"][aria-live="polite"]')!.textContent, '', 'no "1 minute left" at expiry');
  });

  test('a device clock minutes off: the countdown runs on the server\'s time (Date header), never past the window', async () => {
    const realNow = Date.now;
    const {resetServerClock} = await import('../../src/api/server-clock.js');
    try {
      for (const skewMinutes of [31, -20]) {
        // The whole page's clock is off, as a phone's may be.
        Date.now = () => realNow() + skewMinutes * 60_000;
        resetServerClock();
        const el = await mountCheckout({brand: 'Steam'});
        await orderOn(el);
        const left = $(el, '[part="countdown"]')?.textContent ?? '';
        assert.match(left, /(29|30):\d\d/, `device ${skewMinutes} min off: ${left}`);
        assert.ok($(el, '[part="address"]'), 'the address shows: the order can be paid');
        el.remove();
      }
    } finally {
      Date.now = realNow;
      resetServerClock();
    }
  });

  test('paid: "payment received" replaces the address; an older state never brings it back', async () => {
    const store = unique('store');
    const el = await mountCheckout({brand: 'Steam', store});
    const {orderId} = await orderOn(el);
    const waiting = getStore(store).get().order!;
    // A keyboard user is on a copy button when the payment arrives.
    el.shadowRoot!.querySelector<HTMLElement>('[data-copy="address"]')!.focus();
    await sandbox.act(orderId, 'pay');
    // What <cr-order-status> does (and the checkout itself, on its own): put the newer order into the store.
    getStore(store).update({order: await getOrder(proxyUrl, orderId)});
    await el.updateComplete;
    assert.equal($(el, '[part="payment-status"]')!.textContent!.trim(), el.messages.checkout.paymentReceived);
    assert.isNull($(el, '[part="address"]'));
    assert.strictEqual(el.shadowRoot!.activeElement, $(el, '[part="payment-status"]'), 'the focus goes to what replaced the button');
    getStore(store).update({order: waiting});
    await el.updateComplete;
    assert.equal($(el, '[part="payment-status"]')!.textContent!.trim(), el.messages.checkout.paymentReceived);
  });

  /** A checkout alone on its page with an order on its payment screen, following it at short intervals. */
  async function followingItsOwnOrder(): Promise<{el: CrCheckout; orderId: string}> {
    const el = await mountCheckout({brand: 'Steam'});
    el.paymentPollInterval = 150;
    el.pollInterval = 250;
    const {orderId} = await orderOn(el);
    return {el, orderId};
  }

  test('a copy in the store that says less was paid than the one shown is not shown (whoever wrote it)', async () => {
    const {el, orderId} = await followingItsOwnOrder();
    const store = getStore(el.storeInstance.name);
    const shown = store.get().order!;
    const paid = {...shown, order_state: 'PaymentStarted', payment_state: 'PaymentRequested', sent_coin_amount: shown.coin_amount};
    store.update({order: paid});
    await el.updateComplete;
    assert.isNull($(el, '[part="missing-amount"]'));
    const half = subtractDecimals(shown.coin_amount, '0.01');
    store.update({order: {...paid, order_state: 'PartialPaymentStarted', sent_coin_amount: half}});
    await el.updateComplete;
    assert.isNull($(el, '[part="missing-amount"]'), 'paid is not read back as partly paid');
    assert.isNull($(el, '[part="address"]'), 'and the address does not come back');
    assert.equal(orderId, shown.order_id);
  });

  test('alone on its page, the checkout sees its own payment arrive, a review, the delivery, and then stops asking', async () => {
    const {el, orderId} = await followingItsOwnOrder();
    const status = () => $(el, '[part="payment-status"]')?.textContent?.trim();
    await sandbox.act(orderId, 'pay');
    await waitFor(() => status() === el.messages.checkout.paymentReceived, 'the payment, seen by the checkout itself');
    assert.isNull($(el, '[part="address"]'));
    await waitFor(() => said(el) === el.messages.checkout.paymentReceived, 'the payment, announced');
    // Under review is not the end: support may release the order, and the checkout keeps asking.
    await sandbox.act(orderId, 'review');
    await waitFor(() => status() === el.messages.checkout.review, 'the review');
    await sandbox.act(orderId, 'deliver');
    await waitFor(() => status() === el.messages.checkout.completed, 'the delivery');
    const asked = async () => (await sandbox.stats()).requests.filter((r) => r.method === 'GET' && r.path.includes(orderId)).length;
    const before = await asked();
    await sleep(800);
    assert.equal(await asked(), before, 'a delivered order is not asked for again');
  });

  test('alone on its page, at Done with a delivery still on its way: "being delivered", followed on until it comes', async () => {
    const {el, orderId} = await followingItsOwnOrder();
    const status = () => $(el, '[part="payment-status"]')?.textContent?.trim();
    await sandbox.act(orderId, 'pay');
    await waitFor(() => status() === el.messages.checkout.paymentReceived, 'the payment');
    // Upstream says Done before the delivery has its code.
    await sandbox.act(orderId, 'state', {order_state: 'Done', payment_state: 'PaymentCompleted', delivery_state: 'WaitingForPayment'});
    await waitFor(() => getStore(el.storeInstance.name).get().order?.order_state === 'Done', 'the Done read');
    await sleep(400);
    assert.equal(status(), el.messages.checkout.paymentReceived, 'not "delivered" while a delivery is still coming');
    assert.equal($(el, '[part="payment"]')?.dataset['phase'], 'awaiting-delivery', 'the phase the screen says');
    assert.notOk($(el, '[part="new-purchase-button"]'), 'not yet: a new purchase would clear the order whose codes are still to come');
    await sandbox.act(orderId, 'deliver');
    await waitFor(() => status() === el.messages.checkout.completed, 'the delivery, seen by the checkout itself');
    assert.ok($(el, '[part="new-purchase-button"]'), 'every delivery in: a new purchase may begin');
    await waitFor(() => said(el) === el.messages.checkout.completed, 'the delivery, announced');
  });

  test('an order that failed after part of its payment came: the checkout says where to turn (support, with the id)', async () => {
    const {el, orderId} = await followingItsOwnOrder();
    await sandbox.act(orderId, 'pay', {amount: 'under'});
    await waitFor(() => $(el, '[part="missing-amount"]'), 'the partial payment');
    await sandbox.act(orderId, 'fail');
    await waitFor(() => $(el, '[part="payment-status"]')?.textContent?.trim() === el.messages.checkout.failed, 'the failure');
    const screen = $(el, '[part="payment"]')!.textContent!;
    assert.include(screen, el.messages.common.failedHelp);
    assert.include(screen, orderId);
  });

  test('paid more than the price: the checkout says how much, and where to turn for the difference', async () => {
    const {el, orderId} = await followingItsOwnOrder();
    await sandbox.act(orderId, 'pay', {amount: 'over'});
    await sandbox.act(orderId, 'confirm');
    await waitFor(() => $(el, '[part="overpaid"]'), 'the overpayment');
    const order = await getOrder(proxyUrl, orderId);
    assert.equal($(el, '[part="payment-status"]')!.textContent!.trim(), el.messages.checkout.paymentReceived);
    const extra = subtractDecimals(order.sent_coin_amount!, order.coin_amount)!;
    assert.equal($(el, '[part="overpaid"]')!.textContent!.trim(), el.messages.common.overpaid(formatCoin(el.locale, extra, order.coin)));
  });

  test('back on the page (from the wallet app), the checkout asks at once instead of at its next interval', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    // Polling only (no stream), and a long interval: only the return to the page can bring the payment in time.
    el.eventSource = null;
    el.paymentPollInterval = 60_000;
    const {orderId} = await orderOn(el);
    // The page is hidden while the buyer pays in their wallet app, then shown again.
    let hidden = true;
    Object.defineProperty(document, 'hidden', {configurable: true, get: () => hidden});
    Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => (hidden ? 'hidden' : 'visible')});
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      await sandbox.act(orderId, 'pay');
      await sleep(300);
      assert.notEqual($(el, '[part="payment-status"]')?.textContent?.trim(), el.messages.checkout.paymentReceived, 'nothing asked while hidden');
      hidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      await waitFor(() => $(el, '[part="payment-status"]')?.textContent?.trim() === el.messages.checkout.paymentReceived, 'the payment, asked for on return', 3000);
    } finally {
      delete (document as unknown as {hidden?: boolean}).hidden;
      delete (document as unknown as {visibilityState?: string}).visibilityState;
      assert.isUndefined(Object.getOwnPropertyDescriptor(document, 'hidden'), 'the page\'s own visibility again');
    }
  });

  test('beside a <cr-order-status> of its store, the checkout leaves the following to it, and takes over without it', async () => {
    // The checkout's own EventSources, counted: the status's are the page's global ones.
    const open = new Set<EventSource>();
    class CheckoutEventSource extends EventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        open.add(this);
      }
      override close(): void {
        open.delete(this);
        super.close();
      }
    }
    const store = unique('store');
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <cr-checkout proxy-url=${proxyUrl} brand="Steam" store=${store} lang="en" .eventSource=${CheckoutEventSource}></cr-checkout>
      <cr-order-status proxy-url=${proxyUrl} store=${store} lang="en"></cr-order-status>
    </div>`);
    const el = wrapper.querySelector('cr-checkout')!;
    const tracker = wrapper.querySelector('cr-order-status')!;
    const {orderId} = await orderOn(el);
    await waitFor(() => tracker.connection === 'live', 'the status\'s stream');
    await sleep(300);
    assert.equal(open.size, 0, 'no stream of the checkout\'s own while the status follows the order');
    const gets = async () => (await sandbox.stats()).requests.filter((r) => r.method === 'GET' && r.path === `/v5/orders/${orderId}`).length;
    const before = await gets();
    await sandbox.act(orderId, 'pay');
    await waitFor(() => $(el, '[part="payment-status"]')?.textContent?.trim() === el.messages.checkout.paymentReceived, 'the payment, through the store');
    await sleep(100);
    assert.equal(await gets(), before, 'and no request of its own either');
    assert.notEqual(said(el), el.messages.checkout.paymentReceived, 'announced by the status, not a second time by the checkout');
    // Without the status, the checkout follows the order itself, until it is delivered.
    tracker.remove();
    await waitFor(() => open.size === 1, 'the checkout\'s own stream');
    await sandbox.act(orderId, 'deliver');
    await waitFor(() => $(el, '[part="payment-status"]')?.textContent?.trim() === el.messages.checkout.completed, 'the delivery, seen by the checkout');
    await waitFor(() => open.size === 0, 'its stream closed once the order is delivered');
  });

  test('two checkouts of one store, no status: one follows the order, the other takes over when it goes', async () => {
    const streams = new Map<string, Set<EventSource>>([['first', new Set()], ['second', new Set()]]);
    const counted = (name: string) =>
      class extends EventSource {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          streams.get(name)!.add(this);
        }
        override close(): void {
          streams.get(name)!.delete(this);
          super.close();
        }
      };
    const store = unique('store');
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <cr-checkout proxy-url=${proxyUrl} brand="Steam" store=${store} lang="en" .eventSource=${counted('first')}></cr-checkout>
      <cr-checkout proxy-url=${proxyUrl} brand="Steam" store=${store} lang="en" .eventSource=${counted('second')}></cr-checkout>
    </div>`);
    const [first, second] = [...wrapper.querySelectorAll('cr-checkout')] as CrCheckout[];
    const {orderId} = await orderOn(first!);
    await paymentShown(second!);
    const open = () => streams.get('first')!.size + streams.get('second')!.size;
    await waitFor(() => open() === 1, 'one stream for the order');
    await sleep(300);
    assert.equal(open(), 1, 'and only one');
    const follower = streams.get('first')!.size ? first! : second!;
    const other = follower === first ? second! : first!;
    follower.remove();
    await waitFor(() => streams.get(other === first ? 'first' : 'second')!.size === 1, 'the other checkout\'s stream');
    await sandbox.act(orderId, 'pay');
    await waitFor(() => $(other, '[part="payment-status"]')?.textContent?.trim() === other.messages.checkout.paymentReceived, 'the payment');
    await waitFor(() => said(other) === other.messages.checkout.paymentReceived, 'announced by the one that follows');
  });

  test('rich descriptions: sanitized, loaded on open, nothing runs, nothing remote loads', async () => {
    const el = await mountCheckout({brand: 'Amazon.com'});
    await formReady(el);
    const details = [...el.shadowRoot!.querySelectorAll<HTMLDetailsElement>('details')];
    assert.isAtLeast(details.length, 3);
    assert.equal(el.shadowRoot!.querySelector('.rich')!.childElementCount, 0, 'nothing rendered before opening');
    for (const d of details) d.open = true;
    await waitFor(() => el.shadowRoot!.querySelector('[data-detail="description"]')?.textContent?.includes('Shop millions'), 'the description');
    await waitFor(() => el.shadowRoot!.querySelector('[data-detail="term_and_conditions"]')?.textContent?.includes('Void where'), 'the terms');
    await new Promise((r) => setTimeout(r, 300));
    assert.isUndefined((window as {__sandboxXss?: unknown}).__sandboxXss);
    const root = el.shadowRoot!;
    assert.lengthOf(root.querySelectorAll('.rich script, .rich img, .rich iframe, .rich style, .rich form, .rich svg'), 0);
    assert.lengthOf(root.querySelectorAll('.rich [onerror], .rich [onclick]'), 0);
    for (const a of root.querySelectorAll('.rich a[href]')) assert.match(a.getAttribute('href')!, /^(https?:|mailto:)/);
    const remote = performance.getEntriesByType('resource').filter((e) => e.name.includes('127.0.0.1:1/'));
    assert.lengthOf(remote, 0);
    assert.include(root.querySelector('[data-detail="description"]')!.innerHTML, '<b>');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe: the form and the payment screen, ${theme}`, async () => {
      const el = await mountCheckout({brand: 'Airbnb', theme});
      await formReady(el);
      await expectAccessible(el);
      await submit(el); // empty e-mail: the form with its error messages
      await el.updateComplete;
      await expectAccessible(el);
      type($<HTMLInputElement>(el, '#email')!, buyerEmail());
      await submit(el);
      await paymentShown(el);
      await waitFor(() => $(el, 'svg[part="qr"]'), 'the QR code');
      await expectAccessible(el);
    });
  }

  test('keyboard only: amount, recipient, e-mail, coin, network, pay', async () => {
    const el = await fixture<CrCheckout>(html`<cr-checkout proxy-url=${proxyUrl} brand="Xbox" store=${unique('store')} theme="light"></cr-checkout>`);
    await formReady(el);
    const checked = () => el.shadowRoot!.querySelector<HTMLInputElement>('input[name="denomination"]:checked')!;
    checked().focus();
    const before = checked().value;
    await sendKeys({press: 'ArrowRight'});
    await el.updateComplete;
    assert.notEqual(checked().value, before);
    await sendKeys({press: 'Tab'});
    assert.equal(el.shadowRoot!.activeElement?.id, 'beneficiary');
    await sendKeys({press: 'Tab'});
    assert.equal(el.shadowRoot!.activeElement?.id, 'email');
    const email = buyerEmail();
    await sendKeys({type: email});
    await sendKeys({press: 'Tab'});
    await sendKeys({press: 'Tab'});
    assert.equal(el.shadowRoot!.activeElement?.id, 'coin');
    await sendKeys({press: 'Tab'});
    assert.equal(el.shadowRoot!.activeElement?.id, 'network');
    await sendKeys({press: 'Tab'});
    assert.equal(el.shadowRoot!.activeElement?.getAttribute('part'), 'pay-button');
    await sendKeys({press: 'Enter'});
    await paymentShown(el);
    assert.lengthOf(await ordersFor(email), 1);
    // The pay button is gone: the focus is on the payment screen's title, not lost at the top of the page.
    const title = el.shadowRoot!.activeElement;
    assert.equal(title?.textContent?.trim(), el.messages.checkout.paymentTitle);
    await sendKeys({press: 'Tab'});
    assert.equal(el.shadowRoot!.activeElement?.getAttribute('data-copy'), 'amount', 'Tab goes on to the first copy button');
    // "New purchase" with the keyboard: it asks first (the focus on the question), then the form comes back, and the
    // focus with it.
    $<HTMLButtonElement>(el, '[part~="new-purchase-button"]')!.focus();
    await sendKeys({press: 'Enter'});
    await el.updateComplete;
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'leave-order', 'the focus on the question');
    await sendKeys({press: 'Tab'});
    assert.equal(el.shadowRoot!.activeElement?.getAttribute('part'), 'keep-order-button', 'keeping the order comes first');
    // Kept: the focus goes back to "New purchase", where it came from, not to the top of the screen.
    await sendKeys({press: 'Enter'});
    await waitFor(() => !$(el, '[part="leave-order"]') && el.shadowRoot!.activeElement?.getAttribute('part') === 'new-purchase-button', 'the focus back on "New purchase"');
    await sendKeys({press: 'Enter'});
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'leave-order', 'the focus on the question, asked again');
    await sendKeys({press: 'Tab'});
    await sendKeys({press: 'Tab'});
    assert.equal(el.shadowRoot!.activeElement?.getAttribute('part'), 'new-purchase-button');
    await sendKeys({press: 'Enter'});
    await formReady(el);
    assert.equal(el.shadowRoot!.activeElement?.tagName, 'H2', 'the form\'s title');
    assert.ok(el.shadowRoot!.activeElement?.closest('form'));
  });
});
