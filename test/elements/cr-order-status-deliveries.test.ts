// <cr-order-status> once the order is paid: what the buyer sees of each delivery, in real Chromium against the sandbox.
import {assert, fixture, fixtureCleanup, html} from '@open-wc/testing';
import {ifDefined} from 'lit/directives/if-defined.js';
import '../../src/define.js';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import type {StatusChangeDetail} from '../../src/events.js';
import {parseOrder} from '../../src/api/client.js';
import {getStore} from '../../src/store/store.js';
import {loadOrder, saveOrder} from '../../src/store/order-persistence.js';
import {pasteClipboard, realClick} from '../support/clipboard.js';
import {controls, createOrder, freshStore, proxyUrl, sleep, waitFor} from '../stream/helpers.js';

const root = (el: CrOrderStatus) => el.shadowRoot!;
const part = (el: CrOrderStatus, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function mount(options: {orderId?: string; store?: string} = {}) {
  const events: StatusChangeDetail[] = [];
  const el = await fixture<CrOrderStatus>(html`<cr-order-status proxy-url=${proxyUrl} store=${options.store ?? freshStore()}
    order-id=${ifDefined(options.orderId)} lang="en" reconnect-delay="200" payment-poll-interval="300" poll-interval="400"
    @cr-status-change=${(e: CustomEvent<StatusChangeDetail>) => events.push(e.detail)}></cr-order-status>`);
  return {el, events};
}

/** An order upstream calls Done while its delivery is still on its way (no code yet). */
async function doneBeforeDelivery() {
  const order = await createOrder();
  await controls.act(order.order_id, 'pay');
  return parseOrder((await controls.act(order.order_id, 'state', {order_state: 'Done', payment_state: 'PaymentCompleted', delivery_state: 'WaitingForPayment'})).order);
}

/** A status of an order upstream calls Done before its delivery has come, once it has reported the Done. */
async function trackedDoneBeforeDelivery() {
  const order = await doneBeforeDelivery();
  const {el, events} = await mount({orderId: order.order_id});
  await waitFor(() => events.some((e) => e.phase === 'completed'), 'completed');
  return {order, el, events};
}

/** Every text the live region `region` says from now on, in order. */
function announcements(region: Element): string[] {
  const said: string[] = [];
  new MutationObserver(() => text(region) && said.push(text(region))).observe(region, {childList: true, subtree: true, characterData: true});
  return said;
}

/** A delivered order as upstream might send it (not from the sandbox), put in a fresh store. */
function deliveredStore(deliveries: {kind: string; deliverable: Record<string, unknown>}[]): string {
  const store = freshStore();
  const order = parseOrder({
    order_id: crypto.randomUUID(), created_at: '1787679708', order_state: 'Done', payment_state: 'PaymentCompleted',
    wallet_address: 'addr', coin: 'USDC', network: 'Solana', coin_amount: '10',
    deliveries: deliveries.map((d, i) => ({id: i + 1, delivery_state: 'Done', ...d})),
  });
  getStore(store).update({proxyUrl, order});
  return store;
}

/**
 * Answers 404 to every read of `orderId` (`GET /v5/orders/{id}`, through this page's fetch) until the returned
 * function is called, which puts the real fetch back; `reads()` says how many were answered so.
 */
function notFoundFor(orderId: string): {restore: () => void; reads: () => number} {
  const realFetch = window.fetch;
  let reads = 0;
  window.fetch = async (...args: Parameters<typeof fetch>) => {
    const url = String(args[0] instanceof Request ? args[0].url : args[0]);
    if (!url.endsWith(`/v5/orders/${orderId}`)) return realFetch(...args);
    reads++;
    return new Response(JSON.stringify({message: 'Order not found'}), {status: 404, headers: {'content-type': 'application/json'}});
  };
  return {restore: () => (window.fetch = realFetch), reads: () => reads};
}

suite('<cr-order-status> deliveries', () => {
  teardown(() => fixtureCleanup());

  test('invisible characters in codes (bidi overrides, zero-width spaces, controls): neither shown nor copied', async () => {
    const store = deliveredStore([
      {kind: 'giftcard', deliverable: {family: 'Steam', pin_code: '\u200bAB\u202eCD-EF\u202c\u200d12\u00ad', pin_serial: '12\u200b34\u0007', security_code: '\u2066999\u2069'}},
      {kind: 'mobile_recharge', deliverable: {brand_name: 'eSIM', family: 'eSIM', pin_code: 'LPA:1$smdp.example$\ufeffABC\u200e123'}},
    ]);
    const {el} = await mount({store});
    await waitFor(() => part(el, 'lpa'), 'the deliveries');
    const expected: [string, string, string][] = [
      ['d0-code', 'code', 'ABCD-EF12'],
      ['d0-serial', 'serial', '1234'],
      ['d0-security', 'security-code', '999'],
      ['d1-lpa', 'lpa', 'LPA:1$smdp.example$ABC123'],
    ];
    for (const [key, name, value] of expected) {
      assert.equal(part(el, name)!.textContent!.trim(), value, `${name} as shown`);
      await realClick(root(el).querySelector(`[data-copy="${key}"]`)!);
      assert.equal(await pasteClipboard(), value, `${name} as copied`);
    }
  });

  test('a delivery that arrives after the order says Done: its code is shown when it comes, with no second cr-status-change', async function () {
    this.timeout(20000);
    const {order, el, events} = await trackedDoneBeforeDelivery();
    await el.updateComplete;
    assert.include(text(part(el, 'delivery')), 'Being prepared');
    await sleep(600);
    const delivered = parseOrder((await controls.act(order.order_id, 'deliver')).order);
    const pin = delivered.deliveries[0]!.deliverable.pin_code!;
    const code = await waitFor(() => part(el, 'delivery')?.querySelector('code[part~="code"]'), 'the code that came after Done', 5000);
    assert.equal(text(code), pin);
    assert.lengthOf(events, 1, 'the state did not change again: one cr-status-change');
    await waitFor(() => el.connection === 'done', 'the end of tracking once every delivery is in');
  });

  test('a code that comes after the order says Done is announced once, by the live region alone', async function () {
    this.timeout(20000);
    const {order, el} = await trackedDoneBeforeDelivery();
    const region = root(el).querySelector('[role="status"][aria-live="polite"]')!;
    await waitFor(() => text(region) === 'Payment confirmed. Your order is being delivered.', 'the Done announced, its delivery to come');
    const said = announcements(region);
    const delivered = parseOrder((await controls.act(order.order_id, 'deliver')).order);
    await waitFor(() => part(el, 'delivery')?.querySelector('code[part~="code"]'), 'the code that came after Done', 5000);
    const d = delivered.deliveries[0]!.deliverable;
    const expected = `${d.family} ${d.denomination} has been delivered. Your order is complete.`;
    await waitFor(() => said.length > 0, 'the arrival announced', 3000);
    // Reads that bring nothing new (the poll after the stream's frame) say nothing more.
    await sleep(900);
    assert.deepEqual(said, [expected]);
    assert.notInclude(text(root(el).querySelector('[role="alert"]')), 'delivered', 'no alert says it too');
  });

  test('Done with a delivery still on its way: it says the order is being delivered, and complete only once the code is in', async function () {
    this.timeout(20000);
    const {order, el, events} = await trackedDoneBeforeDelivery();
    await el.updateComplete;
    const current = () => text(root(el).querySelector('[part~="progress"] [aria-current="step"] .step-name'));
    const headline = () => text(root(el).querySelector('p.strong.success'));
    assert.equal(headline(), 'Payment confirmed. Your order is being delivered.');
    const lastStep = () => root(el).querySelector('[part~="progress"] li:last-child')!.getAttribute('part')!.split(' ');
    assert.equal(current(), 'Delivery', 'the delivery is the step under way');
    assert.notInclude(lastStep(), 'step-done', '"Completed" is not done yet');
    assert.notInclude(root(el).textContent ?? '', 'Your order is complete.');
    await controls.act(order.order_id, 'deliver');
    await waitFor(() => part(el, 'delivery')?.querySelector('code[part~="code"]'), 'the code', 5000);
    await waitFor(() => headline() === 'Your order is complete.', 'complete once every delivery is in');
    assert.include(lastStep(), 'step-done', 'every step done');
    assert.lengthOf(events, 1, 'the event of Done alone (CONTRACT.md: once per change of state)');
  });

  test('Done with a delivery on its way, after upstream ends the stream (event: stop): polled on, and no "connection lost" said or shown', async function () {
    this.timeout(20000);
    const {order, el} = await trackedDoneBeforeDelivery();
    const region = root(el).querySelector('[role="status"][aria-live="polite"]')!;
    const said = announcements(region);
    // The sandbox ends a Done order's stream with `event: stop`: the delivery is followed by polls from then on.
    await waitFor(() => el.connection === 'polling', 'polling for good after the stop');
    await sleep(600);
    await el.updateComplete;
    assert.isNull(part(el, 'connection'), 'nothing was lost: no "Reconnecting…" note');
    assert.notInclude(said.join(' '), 'Reconnecting', 'nor announced');
    await controls.act(order.order_id, 'deliver');
    await waitFor(() => part(el, 'delivery')?.querySelector('code[part~="code"]'), 'the code, by a poll', 5000);
  });

  test('a reload of a Done order whose delivery was still on its way: the code is shown when it comes', async function () {
    this.timeout(20000);
    const order = await doneBeforeDelivery();
    const store = freshStore();
    saveOrder(store, order);
    const {el, events} = await mount({store});
    await waitFor(() => text(part(el, 'delivery')).includes('Being prepared'), 'the kept copy, delivery pending');
    const delivered = parseOrder((await controls.act(order.order_id, 'deliver')).order);
    const code = await waitFor(() => part(el, 'delivery')?.querySelector('code[part~="code"]'), 'the code after the reload', 5000);
    assert.equal(text(code), delivered.deliveries[0]!.deliverable.pin_code);
    assert.lengthOf(events, 0, 'no change of state to report');
  });

  test('on a right-to-left page, a code reads in the order it is copied (digit groups are not reversed)', async () => {
    document.documentElement.dir = 'rtl';
    try {
      const store = deliveredStore([{kind: 'giftcard', deliverable: {family: 'Steam', pin_code: '1234 5678 9012', pin_serial: '12 34-56'}}]);
      const {el} = await mount({store});
      const code = await waitFor(() => part(el, 'code'), 'the code');
      for (const node of [code, part(el, 'serial')!]) {
        const chars = [...node.childNodes].find((n): n is Text => n.nodeType === Node.TEXT_NODE && !!(n as Text).data.trim())!;
        const data = chars.data;
        // The characters sorted by where they are drawn, left to right.
        const seen = [...data]
          .map((c, i) => {
            const range = document.createRange();
            range.setStart(chars, i);
            range.setEnd(chars, i + 1);
            return {c, x: range.getBoundingClientRect().x};
          })
          .filter(({c}) => c !== ' ')
          .sort((a, b) => a.x - b.x)
          .map(({c}) => c)
          .join('');
        assert.equal(seen, data.replace(/ /g, ''), `${node.getAttribute('part')} reads as copied`);
      }
    } finally {
      document.documentElement.dir = '';
    }
  });

  test('long unbroken redeem instructions (a long link, preformatted text) stay inside a 320 px card', async () => {
    const long = `https://www.example.com/redeem/${'x'.repeat(80)}`;
    const store = deliveredStore([
      {kind: 'giftcard', deliverable: {family: 'Steam', pin_code: 'ABC', redeem_instructions: `<p>Go to ${long}</p><pre>${'y'.repeat(80)}</pre>`}},
    ]);
    const {el} = await mount({store});
    el.style.display = 'block';
    el.style.width = '320px';
    await waitFor(() => part(el, 'instructions')?.querySelector('pre'), 'the instructions');
    const card = part(el, 'delivery')!;
    assert.isAtMost(card.scrollWidth, card.clientWidth, 'nothing runs off the card');
    assert.isAtMost(el.scrollWidth, 320);
  });

  test('a delivered order whose PIN and serial upstream sends as numbers: the order completes and shows them', async function () {
    this.timeout(15000);
    const order = await createOrder();
    await controls.act(order.order_id, 'pay');
    const realFetch = window.fetch;
    // Upstream's answer as it might come: the same order, its codes as JSON numbers.
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      const response = await realFetch(...args);
      if (!String(args[0] instanceof Request ? args[0].url : args[0]).includes(`/v5/orders/${order.order_id}`)) return response;
      const body = (await response.json()) as {deliveries: {deliverable: Record<string, unknown>}[]};
      for (const d of body.deliveries) {
        if (d.deliverable['pin_code']) d.deliverable['pin_code'] = 4711;
        if (d.deliverable['pin_serial']) d.deliverable['pin_serial'] = 123456;
      }
      return new Response(JSON.stringify(body), {status: response.status, headers: response.headers});
    };
    try {
      const events: StatusChangeDetail[] = [];
      const el = await fixture<CrOrderStatus>(html`<cr-order-status proxy-url=${proxyUrl} store=${freshStore()} order-id=${order.order_id} .eventSource=${null}
        payment-poll-interval="200" poll-interval="200" @cr-status-change=${(e: CustomEvent<StatusChangeDetail>) => events.push(e.detail)}></cr-order-status>`);
      await waitFor(() => events.length === 1, 'the paid order');
      await controls.act(order.order_id, 'deliver');
      await waitFor(() => events.some((e) => e.phase === 'completed'), 'completed', 5000);
      await el.updateComplete;
      assert.equal(text(part(el, 'code')), '4711');
      assert.equal(text(part(el, 'serial')), '123456');
    } finally {
      window.fetch = realFetch;
    }
  });
  test('a delivery with nothing to show here says where upstream sent it, and shows no code of its own making', async () => {
    const store = deliveredStore([
      // A gift card upstream e-mailed (by_email, as the sandbox's every gift card and eSIM is): no code in the order.
      {kind: 'giftcard', deliverable: {family: 'Amazon.com', denomination: '25 USD', beneficiary_account: 'friend@example.com', delivery_type: 'by_email'}},
      // An eSIM with neither activation string nor QR image: no "scan the QR code" with nothing to scan.
      {kind: 'mobile_recharge', deliverable: {family: 'eSIM', brand_name: 'eSIM', beneficiary_account: 'friend@example.com', delivery_type: 'by_email'}},
      // Only URLs that are not http(s): dropped, so nothing of it is left to show.
      {kind: 'giftcard', deliverable: {family: 'Steam', barcode_image_url: 'javascript:alert(1)', delivery_type: 'by_email'}},
      // No type, an account that is no e-mail address, and none at all.
      {kind: 'giftcard', deliverable: {family: 'Netflix', beneficiary_account: 'player-42'}},
      {kind: 'giftcard', deliverable: {family: 'Spotify'}},
      // A top-up, as before: to its phone number.
      {kind: 'mobile_recharge', deliverable: {family: 'T-Mobile', beneficiary_account: '+14155551234', delivery_type: 'by_phone'}},
    ]);
    const {el} = await mount({store});
    await waitFor(() => part(el, 'topup'), 'the deliveries');
    const cards = [...root(el).querySelectorAll('[part~="delivery"]')];
    const said = cards.map((card) => text(card.querySelector('[part~="sent"], [part~="topup"]')));
    assert.deepEqual(said, [
      'Sent by e-mail to friend@example.com. Look in that inbox, and in its spam folder too.',
      'Sent by e-mail to friend@example.com. Look in that inbox, and in its spam folder too.',
      'Sent by e-mail to the address given with the order. Look in that inbox, and in its spam folder too.',
      'Sent to player-42.',
      'Delivered. If you cannot find it, contact support and quote your order ID.',
      'The top-up was sent to +14155551234.',
    ]);
    for (const card of cards) assert.isNull(card.querySelector('code, img, [part~="esim"], a'), `nothing else in ${text(card.querySelector('h4'))}`);
  });
  test('a 404 while a Done order waits for its delivery: the saved copy and the order stay, and the code still comes', async function () {
    this.timeout(20000);
    const order = await doneBeforeDelivery();
    // The store's order, as the checkout of this page left it, and its saved copy.
    const store = freshStore();
    saveOrder(store, order);
    getStore(store).update({order});
    const upstream = notFoundFor(order.order_id);
    try {
      // Polling only (no stream), so every read is a GET that answers 404.
      const el = await fixture<CrOrderStatus>(html`<cr-order-status proxy-url=${proxyUrl} store=${store} lang="en" .eventSource=${null}
        payment-poll-interval="150" poll-interval="150"></cr-order-status>`);
      await waitFor(() => upstream.reads() >= 1, 'a read answered 404');
      await sleep(600);
      await el.updateComplete;
      assert.equal(loadOrder(store)?.orderId, order.order_id, "the tab's saved copy is kept");
      assert.isAtLeast(upstream.reads(), 2, 'the reads go on, as after a 5xx');
      assert.include(text(part(el, 'delivery')), 'Being prepared', 'the order is still shown, as it was');
      assert.isNull(part(el, 'failure'), 'no "could not be loaded" over a paid order');
      assert.notEqual(el.connection, 'failed', 'still followed');
      upstream.restore();
      const delivered = parseOrder((await controls.act(order.order_id, 'deliver')).order);
      const code = await waitFor(() => part(el, 'delivery')?.querySelector('code[part~="code"]'), 'the code, once upstream answers again', 5000);
      assert.equal(text(code), delivered.deliveries[0]!.deliverable.pin_code);
    } finally {
      upstream.restore();
    }
  });

  test('a 404 reading the codes of a delivered order again after a reload: the saved copy stays, and "Try again" reads them', async function () {
    this.timeout(20000);
    const order = await createOrder();
    await controls.act(order.order_id, 'pay');
    const delivered = parseOrder((await controls.act(order.order_id, 'deliver')).order);
    const store = freshStore();
    saveOrder(store, delivered);
    const upstream = notFoundFor(order.order_id);
    try {
      const {el} = await mount({store});
      await waitFor(() => part(el, 'retry-button'), 'the failed read said, with "Try again"');
      assert.equal(loadOrder(store)?.orderId, order.order_id, "the tab's saved copy is kept");
      upstream.restore();
      part(el, 'retry-button')!.click();
      const code = await waitFor(() => part(el, 'delivery')?.querySelector('code[part~="code"]'), 'the codes read again', 5000);
      assert.equal(text(code), delivered.deliveries[0]!.deliverable.pin_code);
    } finally {
      upstream.restore();
    }
  });
});
