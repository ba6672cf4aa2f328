// <cr-order-status> in real Chromium, against the real sandbox through the real proxy.
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {ifDefined} from 'lit/directives/if-defined.js';
import '../../src/define.js';
import {parseOrder} from '../../src/api/client.js';
import type {Order} from '../../src/api/schemas.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import {subtractDecimals} from '../../src/api/difference.js';
import {formatCoin} from '../../src/i18n/format.js';
import {loadMessages} from '../../src/i18n/i18n.js';
import type {StatusChangeDetail} from '../../src/events.js';
import {dropStore, getStore} from '../../src/store/store.js';
import {loadOrder, orderStorageKey, saveOrder} from '../../src/store/order-persistence.js';
import {expectAccessible} from '../support/a11y.js';
import {pasteClipboard, realClick} from '../support/clipboard.js';
import {controls, createOrder, freshStore, median, proxyUrl, removeFault, requestsFor, sleep, waitFor, type DeliveryInput} from '../stream/helpers.js';

interface MountOptions {
  orderId?: string;
  store?: string;
  theme?: 'light' | 'dark';
  lang?: string;
}

async function mount(options: MountOptions = {}) {
  const store = options.store ?? freshStore();
  const events: StatusChangeDetail[] = [];
  const el = await fixture<CrOrderStatus>(html`<cr-order-status
    proxy-url=${proxyUrl}
    store=${store}
    order-id=${ifDefined(options.orderId)}
    theme=${ifDefined(options.theme)}
    lang=${ifDefined(options.lang)}
    reconnect-delay="200"
    payment-poll-interval="300"
    @cr-status-change=${(e: CustomEvent<StatusChangeDetail>) => events.push(e.detail)}
  ></cr-order-status>`);
  return {el, events, store};
}

const root = (el: CrOrderStatus) => el.shadowRoot!;
const part = (el: CrOrderStatus, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: CrOrderStatus, name: string) => [...root(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/[ \t\r\n]+/g, ' ').trim();
const liveRegion = (el: CrOrderStatus) => root(el).querySelector('[role="status"][aria-live="polite"]')!;
const isLive = (el: CrOrderStatus) => waitFor(() => el.connection === 'live', 'the stream to open');

/** A delivered order, driven through the sandbox. */
async function delivered(delivery: DeliveryInput): Promise<Order> {
  const order = await createOrder(delivery);
  await controls.act(order.order_id, 'deliver');
  return order;
}

suite('<cr-order-status>', () => {
  teardown(() => fixtureCleanup());

  test('follows the store\'s current order: one cr-status-change per change, store updated, progress marked', async () => {
    const order = await createOrder();
    const store = freshStore();
    getStore(store).update({proxyUrl, order});
    const {el, events} = await mount({store});
    await isLive(el);
    assert.equal(el.order?.order_id, order.order_id);
    assert.equal(part(el, 'progress')!.tagName, 'OL');
    assert.equal(parts(el, 'step')[0]!.getAttribute('aria-current'), 'step');
    assert.include(text(part(el, 'payment-status')), 'Waiting for your payment');

    const documentEvents: StatusChangeDetail[] = [];
    const onDocument = (e: CustomEvent<StatusChangeDetail>) => documentEvents.push(e.detail);
    document.addEventListener('cr-status-change', onDocument);
    try {
      await controls.act(order.order_id, 'pay');
      await waitFor(() => events.length === 1, 'the payment event');
      await controls.act(order.order_id, 'seen');
      await waitFor(() => events.length === 2, 'the second event');
    } finally {
      document.removeEventListener('cr-status-change', onDocument);
    }
    assert.lengthOf(documentEvents, 2, 'bubbles and is composed: the page hears it on document');
    const [paid, seen] = events;
    assert.deepEqual(Object.keys(paid!).sort(), ['order', 'orderId', 'paymentState', 'phase', 'previousState', 'state']);
    assert.deepInclude(paid, {orderId: order.order_id, state: 'PaymentStarted', previousState: 'WaitingForPayment', paymentState: 'PaymentRequested', phase: 'awaiting-delivery'});
    assert.deepInclude(seen, {state: 'PaymentReceived', previousState: 'PaymentStarted', paymentState: 'PaymentReceived', phase: 'awaiting-delivery'});
    assert.strictEqual(getStore(store).get().order, seen!.order, 'the checkout of the store sees the payment');
    await el.updateComplete;
    assert.equal(parts(el, 'step')[1]!.getAttribute('aria-current'), 'step');
    assert.include(parts(el, 'step')[0]!.getAttribute('part')!, 'step-done');
    await waitFor(() => text(liveRegion(el)).includes('Confirming'), 'the polite announcement');
    await sleep(400);
    assert.lengthOf(events, 2, 'no event without a change');
  });

  test('order-id attribute: the first state read is reported with no previous state', async () => {
    const order = await createOrder();
    const {el, events} = await mount({orderId: order.order_id});
    await waitFor(() => events.length === 1, 'the first event');
    assert.isUndefined(events[0]!.previousState);
    assert.equal(events[0]!.state, 'WaitingForPayment');
    assert.equal(events[0]!.phase, 'awaiting-payment');
    await isLive(el);
  });

  test('an order to follow and no proxy-url in the store: after a moment, "not set up" with cr-error config; one arriving in time follows it', async function () {
    this.timeout(15000);
    const order = await createOrder();
    const errors: string[] = [];
    const el = await fixture<CrOrderStatus>(html`<cr-order-status store=${freshStore()} order-id=${order.order_id} lang="en"
      @cr-error=${(e: CustomEvent<{code: string}>) => errors.push(e.detail.code)}></cr-order-status>`);
    const shown = await waitFor(() => part(el, 'error'), 'the configuration error', 4000);
    assert.include(text(shown), 'not set up on this page');
    assert.notInclude(text(shown), 'proxy-url', 'a buyer is not told what the developer must do');
    assert.deepEqual(errors, ['config']);
    assert.equal(shown.getAttribute('role'), 'alert', 'read out as it appears (and so not by the live region too)');
    assert.notInclude(text(liveRegion(el)), 'not set up');
    // Nothing to follow: nothing to load, so nothing is said.
    const idle = await fixture<CrOrderStatus>(html`<cr-order-status store=${freshStore()} lang="en"></cr-order-status>`);
    await sleep(1300);
    assert.isNull(part(idle, 'error'));

    const store = freshStore();
    const events: StatusChangeDetail[] = [];
    const late = await fixture<CrOrderStatus>(html`<cr-order-status store=${store} order-id=${order.order_id} lang="en"
      @cr-status-change=${(e: CustomEvent<StatusChangeDetail>) => events.push(e.detail)}></cr-order-status>`);
    await sleep(300);
    getStore(store).update({proxyUrl});
    await waitFor(() => events.length === 1, 'the order read once the proxy-url came');
    await sleep(1000);
    assert.isNull(part(late, 'error'), 'no "not set up" after all');
  });

  test('the order cannot be read (proxy unreachable): said as an alert with the reason, cr-error once, still trying', async function () {
    this.timeout(30000);
    const errors: string[] = [];
    const el = await fixture<CrOrderStatus>(html`<cr-order-status proxy-url="http://127.0.0.1:9/nothing-here" store=${freshStore()}
      order-id="6f1c0c3e-1111-4222-8333-444455556666" lang="de" reconnect-delay="100" payment-poll-interval="200"
      @cr-error=${(e: CustomEvent<{code: string}>) => errors.push(e.detail.code)}></cr-order-status>`);
    const shown = await waitFor(() => part(el, 'error'), 'the read error', 20000);
    assert.equal(shown.getAttribute('role'), 'alert');
    assert.include(text(shown), (await loadMessages('de', true)).status.loadFailed);
    await sleep(2000);
    assert.deepEqual(errors, ['network'], 'fired once, not at every retry');
    assert.notEqual(el.connection, 'done');
  });

  test('partial payment: what is missing, exactly, to the same address, before the deadline', async () => {
    const order = await createOrder({brand_name: 'Steam', country_code: 'US', denomination: '10 USD'}, 'BTC', 'Mainnet');
    const {el, events} = await mount({orderId: order.order_id});
    await isLive(el);
    const {order: raw} = await controls.act(order.order_id, 'pay', {amount: 'under'});
    await waitFor(() => events.some((e) => e.state === 'PartialPaymentStarted'), 'the partial payment');
    await el.updateComplete;
    const missing = subtractDecimals(String(raw['coin_amount']), String(raw['sent_coin_amount']))!;
    assert.match(missing, /^0\.\d+$/);
    const shown = text(part(el, 'missing-amount'));
    assert.include(shown, `${missing}\u00a0BTC`);
    const status = text(part(el, 'payment-status'));
    assert.include(status, 'same address');
    assert.match(status, /before \d/);
    await waitFor(() => text(liveRegion(el)).includes('still missing'), 'the announcement');
    // Where to send the rest, from the order itself: a page with no checkout shows it too.
    assert.equal(text(part(el, 'address')), String(raw['wallet_address']));
    assert.include(text(part(el, 'network')), String(raw['network']));
    const copyAddress = root(el).querySelector<HTMLButtonElement>('[part="copy-button"][data-copy="address"]')!;
    assert.equal(text(copyAddress), el.messages.common.copyAddress);
    await realClick(copyAddress);
    assert.equal(await pasteClipboard(), String(raw['wallet_address']), 'the copy is the address');
    // The event's phase is upstream's (a paid state), but the buyer's next step is still the payment.
    assert.equal(events.at(-1)!.phase, 'awaiting-delivery');
    const [payment, delivery] = parts(el, 'step');
    assert.equal(payment!.getAttribute('aria-current'), 'step', 'the payment step is the current one');
    assert.notInclude(payment!.getAttribute('part')!, 'step-done');
    assert.isNull(delivery!.getAttribute('aria-current'));
  });

  test('an unknown state is shown as under review, with phase "review"', async () => {
    const order = await createOrder();
    const {el, events} = await mount({orderId: order.order_id});
    await isLive(el);
    await controls.fault({kind: 'unknown-state', endpoint: 'subscribe', orderId: order.order_id, times: 1, state: 'QuantumLimbo'});
    await controls.act(order.order_id, 'pay');
    const review = await waitFor(() => events.find((e) => e.state === 'QuantumLimbo'), 'the unknown state');
    assert.equal(review.phase, 'review');
    await el.updateComplete;
    assert.include(text(part(el, 'review')), 'may take a few hours');
    assert.equal(text(parts(el, 'step')[2]!.querySelector('.step-name')), 'Under review');
    assert.equal(parts(el, 'step')[2]!.getAttribute('aria-current'), 'step');
    assert.equal(text(part(el, 'order-id')!.querySelector('code')), order.order_id);
  });

  test('what the order buys and for whom, from the order itself, until it is delivered; localized', async () => {
    const order = await createOrder({brand_name: 'Steam', country_code: 'US', denomination: '10 USD', beneficiary_account: 'friend@example.com'});
    const d = order.deliveries[0]!.deliverable;
    const item = `${d.family || d.brand_name} ${d.localized_denomination || d.denomination}`;
    const {el, events} = await mount({orderId: order.order_id, lang: 'fr'});
    await isLive(el);
    await el.updateComplete;
    const fr = el.messages.common;
    assert.equal(text(part(el, 'order-summary')), `${fr.buying} ${fr.buyingFor(item, 'friend@example.com')}`);
    assert.match(text(part(el, 'order-summary')), /^Votre achat Steam \S+, pour friend@example\.com$/);
    await controls.act(order.order_id, 'pay');
    await waitFor(() => events.some((e) => e.phase === 'awaiting-delivery'), 'the payment');
    await el.updateComplete;
    assert.include(text(part(el, 'order-summary')), 'friend@example.com', 'still shown while it is delivered');
    await controls.act(order.order_id, 'deliver');
    await waitFor(() => events.some((e) => e.phase === 'completed'), 'the delivery');
    await el.updateComplete;
    assert.isNull(part(el, 'order-summary'), 'the delivered view names the delivery itself');
    assert.include(text(part(el, 'delivery')), 'Steam');
  });

  test('a phone-wide status: each step\'s name under its dot, on one line, no word split', async () => {
    const order = await createOrder();
    const {el} = await mount({orderId: order.order_id});
    el.style.width = '300px';
    await isLive(el);
    for (const step of parts(el, 'step')) {
      const dot = step.querySelector('.dot')!.getBoundingClientRect();
      const name = step.querySelector('.step-name')!;
      const range = document.createRange();
      range.selectNodeContents(name);
      assert.isAtLeast(name.getBoundingClientRect().top, dot.bottom - 1, `${text(name)}: under its dot`);
      assert.lengthOf([...range.getClientRects()].filter((r) => r.width > 0), 1, `${text(name)}: on one line`);
    }
  });

  test('320 px in German and Tagalog: nothing runs off the side, neither the steps nor a delivered card\'s rows', async function () {
    this.timeout(20000);
    const steam = await delivered({brand_name: 'Steam', country_code: 'US', denomination: '10 USD'});
    for (const lang of ['de', 'tl']) {
      const {el, events} = await mount({orderId: steam.order_id, lang});
      el.style.display = 'block';
      el.style.width = '320px';
      await waitFor(() => events.some((e) => e.phase === 'completed'), `${lang}: delivered`);
      await el.updateComplete;
      const base = part(el, 'base')!;
      assert.isAtMost(base.scrollWidth, base.clientWidth, `${lang}: no horizontal overflow`);
      for (const step of parts(el, 'step')) {
        const name = step.querySelector<HTMLElement>('.step-name')!;
        assert.isAtMost(name.getBoundingClientRect().right, step.getBoundingClientRect().right + 0.5, `${lang}: ${text(name)} inside its step`);
      }
    }
  });

  test('expiry: what happened, the support link and the order id to copy', async () => {
    const order = await createOrder();
    const {el, events} = await mount({orderId: order.order_id});
    await isLive(el);
    await controls.act(order.order_id, 'expire');
    await waitFor(() => events.some((e) => e.phase === 'failed'), 'the failure');
    await el.updateComplete;
    assert.include(text(part(el, 'failure')), 'payment time ran out');
    assert.match(text(part(el, 'order-summary')), /^Your purchase Steam \S+, for buyer@example\.com$/, 'what it was for, to quote to support');
    const support = part(el, 'support-link') as HTMLAnchorElement;
    assert.equal(support.href, `https://www.cryptorefills.com/support?order_id=${order.order_id}`);
    assert.equal(support.rel, 'noopener noreferrer');
    assert.equal(support.target, '_blank');
    const copy = part(el, 'order-id')!.querySelector<HTMLButtonElement>('[part~="copy-button"]')!;
    assert.equal(copy.textContent!.trim(), 'Copy the order ID', 'named by its visible text');
    assert.isNull(copy.getAttribute('aria-label'));
    await waitFor(() => el.connection === 'done', 'the end of tracking');
  });

  test('keyboard: the copy button is reached with Tab and works with Enter', async () => {
    const order = await createOrder();
    const {el} = await mount({orderId: order.order_id});
    await waitFor(() => part(el, 'copy-button'), 'the copy button');
    const button = part(el, 'copy-button') as HTMLButtonElement;
    // Tab from the page start reaches the first focusable thing of the element: its only button here.
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({press: 'Tab'});
    assert.strictEqual(root(el).activeElement, button);
    await sendKeys({press: 'Enter'});
    await waitFor(() => text(button) === 'Copied' || text(root(el).querySelector('.error')), 'the copy result');
    await waitFor(() => /Copied|Could not copy/.test(text(liveRegion(el))), 'the copy announcement');
  });

  test('removing the element leaves no open stream', async () => {
    const order = await createOrder();
    const {el} = await mount({orderId: order.order_id});
    await isLive(el);
    const open = async () => (await controls.stats()).openStreamsByOrder[order.order_id] ?? 0;
    assert.equal(await open(), 1);
    el.remove();
    assert.equal(el.connection, 'idle');
    await waitFor(async () => (await open()) === 0, 'the order\'s stream closed', 5000, 50);
    await sleep(500);
    assert.lengthOf(await requestsFor(order.order_id, 'subscribe'), 1, 'and no reconnection after removal');
  });

  test('a new order-id replaces the tracked order and closes the old stream', async () => {
    const first = await createOrder();
    const second = await createOrder();
    const {el, events} = await mount({orderId: first.order_id});
    await isLive(el);
    el.orderId = second.order_id;
    await waitFor(() => el.order?.order_id === second.order_id && el.connection === 'live', 'the second order');
    await controls.act(first.order_id, 'pay');
    await controls.act(second.order_id, 'pay');
    await waitFor(() => events.some((e) => e.orderId === second.order_id && e.state === 'PaymentStarted'), 'the second order paid');
    await sleep(200);
    assert.isFalse(events.some((e) => e.orderId === first.order_id && e.state === 'PaymentStarted'), 'the first order is no longer followed');
  });

  test('starting to follow a new order-id takes one update, not a second one scheduled after it', async () => {
    const first = await createOrder();
    const second = await createOrder();
    const {el} = await mount({orderId: first.order_id});
    await isLive(el);
    el.orderId = second.order_id;
    // updateComplete answers false when the update scheduled another one (Lit's "change-in-update").
    assert.isTrue(await el.updateComplete, 'no update is scheduled by the update that starts the tracker');
    assert.notEqual(el.connection, 'idle', 'and the tracker is already started');
    await waitFor(() => el.order?.order_id === second.order_id && el.connection === 'live', 'the second order');
  });

  test('reload mid-payment: a new element in the same store resumes and reports what changed meanwhile', async () => {
    const order = await createOrder();
    const store = freshStore();
    getStore(store).update({proxyUrl, order});
    const first = await mount({store});
    await isLive(first.el);
    await controls.act(order.order_id, 'pay');
    await waitFor(() => first.events.length === 1, 'the payment');
    first.el.remove();
    await controls.act(order.order_id, 'seen');
    // The store kept the last order shown (as the checkout's sessionStorage copy would after a reload).
    assert.equal(getStore(store).get().order?.order_state, 'PaymentStarted');
    const second = await mount({store});
    assert.include(text(part(second.el, 'payment-status')), 'seen on the network', 'the stored order shows at once');
    await waitFor(() => second.events.length === 1, 'the change made while away');
    assert.deepInclude(second.events[0], {state: 'PaymentReceived', previousState: 'PaymentStarted'});
  });

  test('real reload: the fresh order reaches the store after the element started; the change made meanwhile is still reported', async () => {
    const order = await createOrder();
    const store = freshStore();
    // The previous page last knew it awaiting payment (the checkout keeps that copy in sessionStorage)…
    saveOrder(store, order);
    await controls.act(order.order_id, 'pay');
    // …the reloaded page starts with an empty store; the checkout re-fetches the order and puts the fresh copy in.
    getStore(store).update({proxyUrl});
    const {el, events} = await mount({store});
    const fresh = parseOrder(await (await fetch(`${proxyUrl}/v5/orders/${order.order_id}`)).json());
    getStore(store).update({order: fresh});
    await waitFor(() => events.length >= 1, 'the change made while the page was away');
    assert.deepInclude(events[0], {orderId: order.order_id, state: 'PaymentStarted', previousState: 'WaitingForPayment', phase: 'awaiting-delivery'});
    await sleep(300);
    assert.lengthOf(events, 1, 'reported once');
    await isLive(el);
  });

  test('a page with only <cr-order-status> resumes the order this tab kept, and keeps that copy current', async () => {
    const order = await createOrder();
    const store = freshStore();
    saveOrder(store, order);
    getStore(store).update({proxyUrl});
    const {el, events} = await mount({store});
    await isLive(el);
    assert.equal(el.order?.order_id, order.order_id);
    await controls.act(order.order_id, 'pay');
    await waitFor(() => events.length === 1, 'the payment');
    assert.equal(loadOrder(store)?.order.order_state, 'PaymentStarted', 'the persisted copy follows what was reported');
    assert.equal(getStore(store).get().order?.order_state, 'PaymentStarted', 'and the store has it, for a checkout whose own resume failed');
    // "New purchase" somewhere in the store: the resumed order is no longer followed.
    getStore(store).update({order: el.order});
    await el.updateComplete;
    getStore(store).update({order: undefined});
    await waitFor(() => el.order === undefined, 'nothing followed after the store cleared its order');
  });

  test('moved to another store before its saved order was read: it follows that store, never the old store\'s saved copy', async () => {
    const order = await createOrder();
    const store = freshStore();
    saveOrder(store, order);
    // The old store's proxy cannot be reached: the saved copy is shown, and nothing of it has been read yet.
    getStore(store).update({proxyUrl: 'http://127.0.0.1:9/nothing-here'});
    const el = await fixture<CrOrderStatus>(html`<cr-order-status store=${store} lang="en" reconnect-delay="200"></cr-order-status>`);
    assert.equal(el.order?.order_id, order.order_id, 'the saved copy, after a reload');
    // The page moves it to a store with no order (nor a saved one), whose proxy answers.
    const other = freshStore();
    getStore(other).update({proxyUrl});
    el.store = other;
    await el.updateComplete;
    assert.equal(el.order, undefined, "nothing of the old store's order in the new one");
    await sleep(800);
    assert.equal(getStore(other).get().order, undefined, "the old store's order never becomes the new store's");
    assert.equal(loadOrder(other), undefined, 'nor its saved copy');
    assert.equal(loadOrder(store)?.orderId, order.order_id, 'the old store keeps its own');
  });

  test('a reload after delivery: the tab kept no code; it is read again (said while it loads, or why not), with no second cr-status-change', async () => {
    const order = await delivered({brand_name: 'Steam', country_code: 'US', denomination: '10 USD'});
    const full = parseOrder(await (await fetch(`${proxyUrl}/v5/orders/${order.order_id}`)).json());
    const pin = full.deliveries[0]!.deliverable.pin_code!;
    assert.ok(pin, 'the sandbox delivered a code');
    const codeOf = (el: CrOrderStatus) => root(el).querySelector('[part~="delivery"] code');
    const store = freshStore();
    // A delivered order comes without its buyer (as upstream's capture does); one that carries it is kept without.
    saveOrder(store, {...full, user: {email: 'the.buyer@example.com'}});
    const raw = sessionStorage.getItem(orderStorageKey(store))!;
    for (const secret of [pin, full.deliveries[0]!.deliverable.pin_serial!, 'the.buyer@example.com']) assert.notInclude(raw, secret);
    assert.notProperty(JSON.parse(raw).order, 'user', 'nor the buyer');
    assert.include(raw, 'Steam', 'what was bought is kept');
    assert.isTrue(loadOrder(store)!.withheld);

    // The first page: the read is slow, so the copy shows with "loading" where the code will be.
    const slow = await controls.fault({kind: 'slow', endpoint: 'order', orderId: order.order_id, ms: 600, times: 1});
    getStore(store).update({proxyUrl});
    const first = await mount({store});
    assert.include(text(part(first.el, 'base')), 'Loading your order');
    assert.isNull(codeOf(first.el));
    const code = await waitFor(() => codeOf(first.el), 'the code, read again');
    assert.equal(text(code), pin);
    await removeFault(slow.id);
    fixtureCleanup();

    // In the same page the store kept the order as read, codes and all: a new element shows them at once.
    const again = await mount({store});
    await waitFor(() => codeOf(again.el), 'the code from the store');
    fixtureCleanup();

    // A reload (the page's stores are gone) whose read fails: said, with "try again", which reads it.
    dropStore(store);
    getStore(store).update({proxyUrl});
    const down = await controls.fault({kind: 'server-error', endpoint: 'order', orderId: order.order_id, status: 503});
    const errors: string[] = [];
    const second = await mount({store});
    second.el.addEventListener('cr-error', (e) => errors.push((e as CustomEvent<{code: string}>).detail.code));
    const retry = await waitFor(() => part(second.el, 'retry-button'), 'the failed read, said');
    assert.include(text(part(second.el, 'error')), 'could not be loaded');
    assert.isNull(codeOf(second.el));
    await removeFault(down.id);
    retry.click();
    await waitFor(() => codeOf(second.el), 'the code after "try again"');
    assert.isNull(part(second.el, 'error'));
    for (const {events} of [first, second]) assert.lengthOf(events, 0, 'the state did not change: no cr-status-change');
    assert.equal(second.el.connection, 'done');
    assert.notInclude(sessionStorage.getItem(orderStorageKey(store))!, pin, 'nor is it saved after being shown');
  });

  test('past the payment window (upstream not saying so yet): nothing more to send, as the checkout says; paid in part, support', async () => {
    const realNow = Date.now;
    try {
      for (const amount of [undefined, 'under'] as const) {
        const order = await createOrder();
        if (amount) await controls.act(order.order_id, 'pay', {amount});
        const {el} = await mount({orderId: order.order_id});
        await isLive(el);
        if (amount) await waitFor(() => part(el, 'missing-amount'), 'the partial payment');
        assert.ok(amount ? part(el, 'address') : text(part(el, 'payment-status')).includes('Pay before'));
        // Half an hour later, on the server's clock too (the live stream asks nothing that would say otherwise).
        Date.now = () => realNow() + 31 * 60_000;
        el.requestUpdate();
        await el.updateComplete;
        const shown = text(part(el, 'payment-status'));
        assert.include(shown, el.messages.common.expired, amount ?? 'unpaid');
        assert.equal(part(el, 'payment-status')!.getAttribute('role'), 'alert', 'said as the window ends, with no checkout on the page');
        assert.notInclude(shown, 'Pay before');
        assert.isNull(part(el, 'address'), 'no address to send to');
        assert.isNull(part(el, 'missing-amount'));
        if (amount) assert.include(shown, el.messages.common.failedHelp);
        else assert.notInclude(shown, el.messages.common.failedHelp);
        Date.now = realNow;
        fixtureCleanup();
      }
    } finally {
      Date.now = realNow;
    }
  });

  test('the end of the window with a checkout on the page is said once, by the status', async () => {
    const realNow = Date.now;
    const store = freshStore();
    const order = await createOrder();
    getStore(store).update({proxyUrl, order});
    const checkout = await fixture<CrCheckout>(html`<cr-checkout proxy-url=${proxyUrl} store=${store} brand="Steam" lang="en"></cr-checkout>`);
    const {el} = await mount({store});
    await isLive(el);
    const checkoutStatus = () => checkout.shadowRoot!.querySelector('[part="payment-status"]');
    await waitFor(() => checkout.shadowRoot!.querySelector('[part="address"]'), 'the checkout\'s payment screen');
    try {
      Date.now = () => realNow() + 31 * 60_000;
      el.requestUpdate();
      checkout.requestUpdate();
      await Promise.all([el.updateComplete, checkout.updateComplete]);
      assert.equal(part(el, 'payment-status')!.getAttribute('role'), 'alert', 'the status');
      assert.include(text(checkoutStatus()), el.messages.common.expired);
      assert.isFalse(checkoutStatus()!.hasAttribute('role'), 'the checkout leaves it to the status: said once');
    } finally {
      Date.now = realNow;
    }
  });

  test('a status opened after the window ended (upstream not saying so yet) says so, and never "waiting for your payment"', async () => {
    const order = await createOrder();
    // Upstream's own clock agrees: it is the order that is 40 minutes old (polls only, so every read is rewritten).
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (!new URL(String(input instanceof Request ? input.url : input)).pathname.endsWith(`/v5/orders/${order.order_id}`)) return response;
      const body = (await response.json()) as Order;
      return new Response(JSON.stringify({...body, created_at: Math.floor(Date.now() / 1000) - 40 * 60}), {status: response.status, headers: response.headers});
    };
    try {
      const el = await fixture<CrOrderStatus>(
        html`<cr-order-status proxy-url=${proxyUrl} store=${freshStore()} order-id=${order.order_id} lang="en" .eventSource=${null}></cr-order-status>`,
      );
      const over = await waitFor(() => part(el, 'payment-over'), 'the end of the window');
      assert.equal(over.closest('[part~="payment-status"]')!.getAttribute('role'), 'alert');
      await sleep(100);
      assert.notInclude(text(liveRegion(el)), el.messages.status.now.waiting);
      assert.isNull(part(el, 'address'));
    } finally {
      window.fetch = realFetch;
    }
  });

  test('"pay before" is written in the device\'s time when its clock is off the server\'s', async () => {
    const realNow = Date.now;
    const {resetServerClock} = await import('../../src/api/server-clock.js');
    try {
      const order = await createOrder();
      Date.now = () => realNow() - 20 * 60_000;
      resetServerClock();
      const {el} = await mount({orderId: order.order_id});
      await waitFor(() => text(part(el, 'payment-status')).includes('Pay before'), 'the deadline');
      const deviceDeadline = new Date((order.created_at! + 30 * 60) * 1000 - 20 * 60_000);
      const expected = new Intl.DateTimeFormat('en', {timeStyle: 'short'}).format(deviceDeadline);
      assert.include(text(part(el, 'payment-status')), `Pay before ${expected}`);
    } finally {
      Date.now = realNow;
      resetServerClock();
    }
  });

  test('more than the price arrived: how much is said, with where to turn, while it is delivered and once it is', async () => {
    const order = await createOrder();
    const {el} = await mount({orderId: order.order_id});
    await isLive(el);
    await controls.act(order.order_id, 'pay', {amount: 'over'});
    await controls.act(order.order_id, 'confirm');
    const paid = parseOrder(await (await fetch(`${proxyUrl}/v5/orders/${order.order_id}`)).json());
    const extra = subtractDecimals(paid.sent_coin_amount!, paid.coin_amount)!;
    assert.ok(/[1-9]/.test(extra) && !extra.startsWith('-'), `overpaid by ${extra}`);
    const said = el.messages.common.overpaid(formatCoin('en', extra, paid.coin));
    await waitFor(() => text(part(el, 'overpaid')) === said, 'the overpayment, while it is delivered');
    await controls.act(order.order_id, 'deliver');
    await waitFor(() => part(el, 'deliveries') && text(part(el, 'overpaid')) === said, 'and once it is');
  });

  test('every delivery kind renders: code, link, barcode, eSIM, top-up', async () => {
    const steam = await delivered({brand_name: 'Steam', country_code: 'US', denomination: '10 USD'});
    const airbnb = await delivered({brand_name: 'Airbnb', country_code: 'US', denomination: 'range', product_value: 100});
    const amazon = await delivered({brand_name: 'Amazon.com', country_code: 'US', denomination: 'range', product_value: 25});
    const esim = await delivered({brand_name: 'eSIM', country_code: 'DE', denomination: '3 GB 30 days'});
    const topup = await delivered({brand_name: 'Globe Telecom', country_code: 'PH', denomination: '100 PHP', beneficiary_account: '+639171234567'});
    const show = async (order: Order) => {
      const {el, events} = await mount({orderId: order.order_id});
      await waitFor(() => events.some((e) => e.phase === 'completed'), `${order.order_id} completed`);
      await el.updateComplete;
      assert.equal(el.connection, 'done');
      return {el, deliverable: el.order!.deliveries[0]!.deliverable};
    };

    const s = await show(steam);
    const code = part(s.el, 'delivery')!.querySelector('code[part~="code"]')!;
    assert.equal(text(code), s.deliverable.pin_code);
    assert.equal(code.parentElement!.getAttribute('role'), 'group', 'the code and its label are one named group');
    assert.equal(text(root(s.el).getElementById(code.parentElement!.getAttribute('aria-labelledby')!)), 'Code');
    assert.equal(text(part(s.el, 'serial')), s.deliverable.pin_serial);
    assert.equal(text(part(s.el, 'security-code')), s.deliverable.security_code);
    // The serial and the security code are copied as they are, like the code.
    for (const [key, label, value] of [['d0-serial', 'Copy the serial number', s.deliverable.pin_serial], ['d0-security', 'Copy the security code', s.deliverable.security_code]] as const) {
      const button = part(s.el, 'delivery')!.querySelector<HTMLButtonElement>(`[data-copy="${key}"]`)!;
      assert.equal(text(button), label);
      await realClick(button);
      assert.equal(await pasteClipboard(), value);
    }
    assert.equal(part(s.el, 'delivery')!.querySelector('[part~="copy-button"]')!.textContent!.trim(), 'Copy the code');
    assert.equal(parts(s.el, 'step')[2]!.getAttribute('aria-current'), 'step');

    const a = await show(airbnb);
    const link = part(a.el, 'redeem-link') as HTMLAnchorElement;
    assert.equal(link.href, a.deliverable.pin_code);
    assert.equal(link.rel, 'noopener noreferrer');
    assert.equal(link.target, '_blank');
    assert.isNull(part(a.el, 'delivery')!.querySelector('code'), 'a link is not shown as a code');

    const b = await show(amazon);
    const barcode = part(b.el, 'barcode') as HTMLImageElement;
    assert.equal(barcode.src, b.deliverable.barcode_image_url);
    assert.include(barcode.alt, 'Barcode');
    await waitFor(() => barcode.complete && barcode.naturalWidth > 0, 'the barcode image to load');

    const e = await show(esim);
    assert.match(text(part(e.el, 'lpa')), /^LPA:1\$/);
    assert.equal(text(part(e.el, 'lpa')), e.deliverable.pin_code);
    assert.equal((part(e.el, 'qr-image') as HTMLImageElement).src, e.deliverable.qr_image_url);
    assert.equal(part(e.el, 'esim')!.querySelector('[part~="copy-button"]')!.textContent!.trim(), 'Copy the activation code');

    const t = await show(topup);
    assert.include(text(part(t.el, 'topup')), '+639171234567');
    assert.isNull(part(t.el, 'delivery')!.querySelector('code'), 'a top-up has no code');
  });

  test('XSS traps in redeem instructions are defused', async () => {
    delete (window as {__sandboxXss?: unknown}).__sandboxXss;
    const amazon = await delivered({brand_name: 'Amazon.com', country_code: 'US', denomination: 'range', product_value: 25});
    const esim = await delivered({brand_name: 'eSIM', country_code: 'US', denomination: '1 GB 7 days'});
    for (const order of [amazon, esim]) {
      const {el} = await mount({orderId: order.order_id});
      const instructions = await waitFor(() => part(el, 'instructions')?.querySelector('ol, li'), 'the sanitized instructions');
      const box = part(el, 'instructions')!;
      assert.isAbove(text(instructions).length, 0);
      assert.lengthOf(box.querySelectorAll('script, iframe, style, form'), 0);
      for (const node of box.querySelectorAll('*')) {
        for (const attr of node.getAttributeNames()) assert.notMatch(attr, /^on/i, `${node.tagName} ${attr}`);
        const href = node.getAttribute('href') ?? node.getAttribute('src') ?? '';
        assert.notMatch(href.trim(), /^javascript:/i);
      }
    }
    await sleep(300);
    assert.isUndefined((window as {__sandboxXss?: unknown}).__sandboxXss, 'no trap ran');
  });

  test('an eSIM without a QR image gets one drawn from the activation string; unsafe URLs are dropped', async () => {
    const store = freshStore();
    const order = parseOrder({
      order_id: crypto.randomUUID(),
      created_at: '1787679708',
      order_state: 'Done',
      payment_state: 'PaymentCompleted',
      wallet_address: 'addr',
      coin: 'USDC',
      network: 'Solana',
      coin_amount: '10',
      deliveries: [
        {id: 1, delivery_state: 'Done', kind: 'mobile_recharge', deliverable: {brand_name: 'eSIM', family: 'eSIM', pin_code: 'LPA:1$smdp.example$ABC123'}},
        {
          id: 2,
          delivery_state: 'Done',
          kind: 'giftcard',
          deliverable: {
            family: 'Trap',
            pin_code: 'javascript:alert(1)',
            barcode_image_url: 'javascript:alert(2)',
            qr_image_url: 'data:image/svg+xml,<svg onload=alert(3)>',
          },
        },
      ],
    });
    getStore(store).update({proxyUrl, order});
    const {el} = await mount({store});
    const svg = await waitFor(() => part(el, 'qr'), 'the drawn QR');
    assert.equal(svg.getAttribute('role'), 'img');
    assert.equal(svg.getAttribute('aria-label'), 'QR code to install the eSIM');
    const trap = parts(el, 'delivery')[1]!;
    assert.isNull(trap.querySelector('a, img'), 'no link or image from a non-http(s) URL');
    assert.equal(text(trap.querySelector('code')), 'javascript:alert(1)', 'shown as text only');
    assert.equal(el.connection, 'done', 'a terminal stored order opens no connection');
  });

  test('localized: German words and number formats', async () => {
    const order = await createOrder({brand_name: 'Steam', country_code: 'US', denomination: '10 USD'}, 'BTC', 'Mainnet');
    const {el, events} = await mount({orderId: order.order_id, lang: 'de'});
    await waitFor(() => events.length === 1, 'the first state');
    await el.updateComplete;
    assert.equal(text(part(el, 'title')), 'Ihre Bestellung');
    assert.equal(text(parts(el, 'step')[0]!.querySelector('.step-name')), 'Zahlung');
    await controls.act(order.order_id, 'pay', {amount: 'under'});
    await waitFor(() => events.length === 2, 'the partial payment');
    await el.updateComplete;
    assert.match(text(part(el, 'missing-amount')), /Es fehlen noch 0,\d+\u00a0BTC/);
  });

  test('axe: every phase, light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const waiting = await createOrder();
      const partial = await createOrder();
      await controls.act(partial.order_id, 'pay', {amount: 'under'});
      const done = await delivered({brand_name: 'Amazon.com', country_code: 'US', denomination: 'range', product_value: 25});
      const esim = await delivered({brand_name: 'eSIM', country_code: 'DE', denomination: '3 GB 30 days'});
      const failed = await createOrder();
      await controls.act(failed.order_id, 'expire');
      const review = await createOrder();
      await controls.act(review.order_id, 'review');
      const cases: [Order, string][] = [
        [waiting, 'awaiting-payment'],
        [partial, 'awaiting-delivery'],
        [done, 'completed'],
        [esim, 'completed'],
        [failed, 'failed'],
        [review, 'review'],
      ];
      for (const [order, phase] of cases) {
        const {el, events} = await mount({orderId: order.order_id, theme});
        await waitFor(() => events.some((e) => e.phase === phase), `${phase} (${theme})`);
        await el.updateComplete;
        if (phase === 'completed') await waitFor(() => part(el, 'instructions')?.querySelector('li'), 'instructions');
        await expectAccessible(el);
        fixtureCleanup();
      }
    }
  });

  test('latency: sandbox action → cr-status-change (median of 20)', async () => {
    const order = await createOrder();
    const {el, events} = await mount({orderId: order.order_id});
    await isLive(el);
    await waitFor(() => events.length === 1, 'the first state');
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const state = `SandboxReview${i}`; // unknown states: all "review", so each is a change and none goes backwards
      const started = performance.now();
      await controls.act(order.order_id, 'state', {order_state: state});
      await waitFor(() => events.some((e) => e.state === state), state, 3000, 1);
      times.push(performance.now() - started);
    }
    const m = median(times);
    console.log(`[bench] cr-order-status frame-to-event latency: median ${m.toFixed(1)} ms over ${times.length} (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);
    assert.lengthOf(events, 21);
    assert.isBelow(m, 1000);
  });
});
