// <cr-checkout>'s payment screen and payment choice, in real Chromium against the sandbox through the proxy: the
// localized "send exactly that amount on exactly that network" warning, copying the address for real (a real click,
// the real clipboard, the polite live region), and a suspended network that is shown disabled and cannot be chosen.
import {assert} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {getOrder} from '../../src/api/client.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import {missingAmount} from '../../src/elements/shared/amounts.js';
import {loadMessages} from '../../src/i18n/i18n.js';
import {formatCoin} from '../../src/i18n/format.js';
import {getStore} from '../../src/store/store.js';
import {
  $,
  $$,
  buyerEmail,
  formReady,
  mountCheckout,
  orderOn,
  ordersFor,
  proxyUrl,
  sandboxOrder,
  sandboxUrl,
  submit,
  type,
  unique,
  waitFor,
} from '../support/checkout-helpers.js';
import {expectAccessible} from '../support/a11y.js';
import {pasteClipboard, realClick} from '../support/clipboard.js';
import {decodeQrSvg} from '../support/qr-decode.js';
import {sandboxControls} from '../support/sandbox-controls.js';

/** Chooses a coin as the select's change would (what a user's pick does). */
async function chooseCoin(el: CrCheckout, coin: string): Promise<void> {
  const select = $<HTMLSelectElement>(el, '#coin')!;
  select.value = coin;
  assert.equal(select.value, coin, `${coin} is an option`);
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

/** The element's polite live region (where copies and thresholds are announced). */
function liveRegion(el: CrCheckout): HTMLElement {
  const region = $(el, '[role="status"][aria-live="polite"]');
  assert.ok(region, 'a polite live region');
  return region!;
}

suite('cr-checkout: the payment screen', () => {
  test('the warning says to send exactly the order\'s amount on exactly its network, in English', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    await formReady(el);
    // Not the default (USDC on Solana): the warning must follow the order, not a default.
    await chooseCoin(el, 'USDT');
    assert.equal($<HTMLSelectElement>(el, '#network')!.value, 'Polygon (Matic)');
    const {orderId} = await orderOn(el);
    const stored = await sandboxOrder(orderId);
    assert.equal(stored['coin'], 'USDT');
    assert.equal(stored['network'], 'Polygon (Matic)');
    const warning = $(el, '[part="warning"]');
    assert.ok(warning, 'the warning is shown');
    const text = warning!.textContent!.trim();
    const amount = formatCoin('en', String(stored['coin_amount']), 'USDT');
    assert.equal(text, el.messages.checkout.warning(amount, 'Polygon (Matic)'));
    assert.include(text, 'USDT', 'the coin');
    assert.include(text, 'Polygon (Matic)', 'the network, verbatim');
    assert.include(text, String(stored['coin_amount']), 'the exact amount');
    assert.match(text, /^Send exactly .+ on the Polygon \(Matic\) network\./);
    // The same amount as the one to pay, and above the facts (it is read first).
    assert.equal($(el, '[part="amount-to-pay"]')!.textContent!.trim(), amount);
    const payment = $(el, '[part="payment"]')!;
    assert.isTrue(
      !!(warning!.compareDocumentPosition(payment.querySelector('[part="address"]')!) & Node.DOCUMENT_POSITION_FOLLOWING),
      'the warning comes before the address',
    );
  });

  test('the warning is localized: German text with the order\'s amount, coin and network', async () => {
    const de = await loadMessages('de');
    const en = await loadMessages('en');
    const el = await mountCheckout({brand: 'Steam', lang: 'de'});
    const {orderId} = await orderOn(el);
    const stored = await sandboxOrder(orderId);
    const text = $(el, '[part="warning"]')!.textContent!.trim();
    const amount = formatCoin('de', String(stored['coin_amount']), String(stored['coin']));
    assert.equal(text, de.checkout.warning(amount, String(stored['network'])));
    assert.notEqual(text, en.checkout.warning(amount, String(stored['network'])), 'not the English text');
    assert.include(text, String(stored['coin']));
    assert.include(text, String(stored['network']));
  });

  test('labels carry their own language\'s colon: French puts a narrow space before it', async () => {
    const el = await mountCheckout({brand: 'Steam', lang: 'fr'});
    const {orderId} = await orderOn(el);
    const fr = await loadMessages('fr');
    assert.match($(el, '[part="countdown"]')!.textContent!.trim(), /^Temps restant\u202f: \d+:\d\d$/);
    const idLine = [...el.shadowRoot!.querySelectorAll('p')].find((p) => p.textContent!.includes(orderId))!;
    assert.equal(idLine.textContent!.trim(), `${fr.checkout.orderId}${orderId}`);
    assert.equal(fr.checkout.orderId, 'Commande\u202f: ');
  });

  test('what the order buys and for whom is shown before the amount: the order\'s own brand, denomination and recipient', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    await formReady(el);
    const recipient = `friend-${Date.now()}@example.com`;
    type($<HTMLInputElement>(el, '#beneficiary')!, recipient);
    const {orderId} = await orderOn(el);
    const d = (await sandboxOrder(orderId)).deliveries[0]!.deliverable;
    assert.equal(d['beneficiary_account'], recipient, 'upstream received the recipient typed');
    const summary = $$(el, '[part="order-summary"]');
    assert.lengthOf(summary, 1, 'one line for the one delivery');
    const item = `${String(d['family'] ?? d['brand_name'])} ${String(d['localized_denomination'] ?? d['denomination'])}`;
    assert.equal(summary[0]!.textContent!.trim(), el.messages.common.buyingFor(item, recipient));
    assert.match(summary[0]!.textContent!, /^Steam \$\d+, for friend-\d+@example\.com$/);
    assert.isTrue(
      !!(summary[0]!.compareDocumentPosition($(el, '[part="amount-to-pay"]')!) & Node.DOCUMENT_POSITION_FOLLOWING),
      'read before the amount to send',
    );
  });

  test('a top-up\'s summary names the phone number as upstream received it, in the page\'s language', async () => {
    const de = await loadMessages('de');
    const el = await mountCheckout({brand: 'T-Mobile', lang: 'de'});
    await formReady(el);
    type($<HTMLInputElement>(el, '#beneficiary')!, '(415) 555-0199');
    const {orderId} = await orderOn(el);
    const d = (await sandboxOrder(orderId)).deliveries[0]!.deliverable;
    assert.equal(d['beneficiary_account'], '+14155550199');
    const line = $(el, '[part="order-summary"]')!.textContent!.trim();
    assert.equal(line, de.common.buyingFor(`T-Mobile ${String(d['localized_denomination'] ?? d['denomination'])}`, '+14155550199'));
    assert.include(line, 'für', 'in German');
  });

  test('copy address: a real click puts the address on the clipboard, the button says so, the live region announces it', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    const {orderId} = await orderOn(el);
    const address = String((await sandboxOrder(orderId))['wallet_address']);
    assert.equal($(el, '[part="address"]')!.textContent!.trim(), address);
    const m = el.messages.checkout;
    const button = $$<HTMLButtonElement>(el, '[part="copy-button"]').find((b) => b.dataset['copy'] === 'address');
    assert.ok(button, 'a copy button for the address');
    assert.equal(button!.textContent!.trim(), el.messages.common.copyAddress);
    assert.notInclude(liveRegion(el).textContent!, m.copiedAddress, 'nothing announced before the click');

    await realClick(button!);
    await waitFor(() => liveRegion(el).textContent!.trim() === m.copiedAddress, 'the "address copied" announcement');
    assert.equal(liveRegion(el).getAttribute('aria-atomic'), 'true');
    assert.equal(button!.textContent!.trim(), m.copied, 'the button shows the confirmation');
    const amountButton = $$<HTMLButtonElement>(el, '[part="copy-button"]').find((b) => b.dataset['copy'] === 'amount')!;
    assert.equal(amountButton.textContent!.trim(), m.copyAmount, 'only the address is marked copied');
    assert.equal(await pasteClipboard(), address, 'the clipboard holds the address');
  });

  test('the copy of the amount is the exact coin amount, announced as such', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    const {orderId} = await orderOn(el);
    const stored = await sandboxOrder(orderId);
    const button = $$<HTMLButtonElement>(el, '[part="copy-button"]').find((b) => b.dataset['copy'] === 'amount')!;
    await realClick(button);
    await waitFor(() => liveRegion(el).textContent!.trim() === el.messages.checkout.copiedAmount, 'the "amount copied" announcement');
    assert.equal(await pasteClipboard(), String(stored['coin_amount']), 'the plain decimal, no coin symbol or grouping');
  });
});

suite('cr-checkout: a partial payment', () => {
  const sandbox = sandboxControls(sandboxUrl);

  test('the payment screen stays and asks for the rest: the amount missing, the same address, a code for the rest', async () => {
    const store = unique('store');
    const el = await mountCheckout({brand: 'Steam', store});
    const {orderId} = await orderOn(el);
    await sandbox.act(orderId, 'pay', {amount: 'under'});
    // What <cr-order-status> does: put the newer order into the store.
    getStore(store).update({order: await getOrder(proxyUrl, orderId)});
    await el.updateComplete;
    const order = getStore(store).get().order!;
    assert.equal(order.order_state, 'PartialPaymentStarted');
    const missing = missingAmount(order.coin_amount, order.sent_coin_amount)!;
    assert.ok(missing && missing !== order.coin_amount, 'part of it is missing');
    const amount = formatCoin('en', missing, order.coin);
    const m = el.messages;

    assert.equal($(el, '[part="payment"]')!.dataset['phase'], 'partial-payment');
    assert.equal($(el, '[part="missing-amount"]')!.textContent!.trim(), m.common.partial(amount));
    assert.equal($(el, '[part="amount-to-pay"]')!.textContent!.trim(), amount, 'what to send is the rest');
    assert.equal($(el, '[part="warning"]')!.textContent!.trim(), m.checkout.warning(amount, order.network));
    assert.equal($(el, '[part="address"]')!.textContent!.trim(), order.wallet_address, 'to the same address');
    assert.ok($(el, '[part="countdown"]'), 'with the time left');
    assert.notInclude(el.shadowRoot!.textContent!, m.checkout.paymentReceived);
    const uri = await decodeQrSvg(await waitFor(() => $<SVGSVGElement>(el, 'svg[part="qr"]'), 'the code for the rest'));
    assert.include(uri, order.wallet_address);
    assert.include(uri, `amount=${missing}`, 'the code asks for the rest, not the whole amount again');
    await expectAccessible(el);
    const copyAmount = $$<HTMLButtonElement>(el, '[part="copy-button"]').find((b) => b.dataset['copy'] === 'amount')!;
    await realClick(copyAmount);
    await waitFor(() => liveRegion(el).textContent!.trim() === m.checkout.copiedAmount, 'the "amount copied" announcement');
    assert.equal(await pasteClipboard(), missing, 'the copy is the rest too');

    // The rest arrives: now it is paid.
    await sandbox.act(orderId, 'pay');
    getStore(store).update({order: await getOrder(proxyUrl, orderId)});
    await el.updateComplete;
    assert.equal($(el, '[part="payment-status"]')!.textContent!.trim(), m.checkout.paymentReceived);
    assert.isNull($(el, '[part="address"]'));
  });

  test('a Lightning invoice paid in part gets no code or wallet link: an invoice can only be paid whole', async () => {
    const store = unique('store');
    const el = await mountCheckout({brand: 'Steam', store});
    await formReady(el);
    await chooseCoin(el, 'BTC');
    const network = $<HTMLSelectElement>(el, '#network')!;
    network.value = 'Lightning';
    network.dispatchEvent(new Event('change'));
    const {orderId} = await orderOn(el);
    assert.ok($(el, '[part="wallet-link"]'), 'the whole invoice has its link');
    await sandbox.act(orderId, 'pay', {amount: 'under'});
    getStore(store).update({order: await getOrder(proxyUrl, orderId)});
    await el.updateComplete;
    assert.equal(getStore(store).get().order!.network, 'Lightning');
    assert.ok($(el, '[part="missing-amount"]'), 'what is missing is said');
    assert.isNull($(el, 'svg[part="qr"]'));
    assert.isNull($(el, '.qr'));
    assert.isNull($(el, '[part="wallet-link"]'));
  });
});

suite('cr-checkout: a suspended network', () => {
  test('USDT on Tron is listed disabled with its reason, and the keyboard never lands on it', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    await formReady(el);
    const m = el.messages.checkout;
    await chooseCoin(el, 'USDT');
    const network = $<HTMLSelectElement>(el, '#network')!;
    const options = [...network.options];
    assert.deepEqual(options.map((o) => o.value), ['Tron', 'Polygon (Matic)', 'ETH Mainnet'], 'all networks listed, in order');
    const tron = options[0]!;
    assert.isTrue(tron.disabled, 'Tron is disabled');
    assert.equal(tron.textContent!.trim(), `Tron (${m.suspended})`, 'with the reason');
    for (const usable of options.slice(1)) {
      assert.isFalse(usable.disabled, `${usable.value} is usable`);
      assert.notInclude(usable.textContent!, m.suspended);
    }
    // The reason is explained in a hint the select is described by.
    const hint = $(el, '#payment-hint');
    assert.equal(hint?.textContent!.trim(), m.suspendedCoinHint);
    assert.include(network.getAttribute('aria-describedby')!.split(' '), 'payment-hint');
    // Not pre-selected on the coin change…
    assert.equal(network.value, 'Polygon (Matic)');
    // …and not reachable by keyboard: Home / ArrowUp go to the first option that is enabled, never to Tron.
    network.focus();
    for (const key of ['Home', 'ArrowUp', 'ArrowUp', 'ArrowDown', 'ArrowUp', 'PageUp']) {
      await sendKeys({press: key});
      await el.updateComplete;
      assert.notEqual(network.value, 'Tron', `after ${key}`);
      assert.isFalse(tron.selected, `Tron not selected after ${key}`);
    }
    assert.equal(network.value, 'Polygon (Matic)');
    // The other usable networks are reachable the same way (the keys do move the selection).
    await sendKeys({press: 'End'});
    await el.updateComplete;
    assert.equal(network.value, 'ETH Mainnet');
  });

  test('a suspended network forced by script cannot be ordered: refused in the browser, nothing sent, no order', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    await formReady(el);
    await chooseCoin(el, 'USDT');
    const email = buyerEmail();
    type($<HTMLInputElement>(el, '#email')!, email);
    const posts: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (init?.method === 'POST') posts.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
    try {
      const network = $<HTMLSelectElement>(el, '#network')!;
      network.value = 'Tron';
      network.dispatchEvent(new Event('change'));
      await el.updateComplete;
      await submit(el);
      const error = await waitFor(() => $(el, '#payment-error'), 'the payment field error');
      assert.include(error.textContent!, el.messages.checkout.invalid.networkRequired);
      assert.equal($<HTMLSelectElement>(el, '#network')!.getAttribute('aria-invalid'), 'true');
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(posts, [], 'no validation and no order request');
      assert.isNull($(el, '[part="payment"]'), 'no payment screen');
    } finally {
      window.fetch = realFetch;
    }
    assert.lengthOf(await ordersFor(email), 0);
  });
});
