// <cr-checkout> end to end in real Chromium: the element talks to the real proxy, the proxy to the sandbox upstream.
import {assert, oneEvent} from '@open-wc/testing';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import type {OrderCreatedDetail} from '../../src/events.js';
import {decodeQrSvg} from '../support/qr-decode.js';
import {$, $$, buyerEmail, formReady, mountCheckout, ordersFor, paymentShown, pickDenomination, priceRequests, sandboxOrder, submit, type, waitFor} from '../support/checkout-helpers.js';

/**
 * Pay, with the order validation held on its way while `meanwhile` edits the form; then the validation answers, and
 * this returns once the form is idle again (or a payment screen is shown) and a moment has passed for any order.
 */
async function submitEditedWhileValidating(el: CrCheckout, meanwhile: () => void | Promise<void>): Promise<void> {
  const realFetch = window.fetch;
  let release: (() => void) | undefined;
  window.fetch = async (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('/v5/orders/validations')) await new Promise<void>((r) => (release = r));
    return realFetch(input, init);
  };
  try {
    await submit(el);
    await waitFor(() => release, 'the validation on its way');
    await meanwhile();
    release!();
    await waitFor(() => $(el, '[part="payment"]') || $(el, '[part="pay-button"]')?.getAttribute('aria-disabled') === 'false', 'the form idle again');
  } finally {
    window.fetch = realFetch;
  }
  await new Promise((r) => setTimeout(r, 300));
}

suite('cr-checkout: flows to the payment screen', () => {
  test('fixed product: the listed denomination is sent as given, one order, QR = qr_text', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    await formReady(el);
    const labels = $$(el, '.denomination-label').map((l) => l.textContent!.trim());
    assert.includeMembers(labels, ['$5', '$10', '$20', '$50', '$100']);
    pickDenomination(el, '$20');
    const email = buyerEmail();
    type($<HTMLInputElement>(el, '#email')!, email);
    // USDC on Solana is pre-selected.
    assert.equal($<HTMLSelectElement>(el, '#coin')!.value, 'USDC');
    assert.equal($<HTMLSelectElement>(el, '#network')!.value, 'Solana');
    setTimeout(() => void submit(el));
    const event = await oneEvent(el, 'cr-order-created');
    const order = (event as CustomEvent<OrderCreatedDetail>).detail.order;
    const orderId = await paymentShown(el);
    assert.equal(orderId, order.order_id);
    const stored = await sandboxOrder(orderId);
    assert.equal(stored.deliveries[0]!.deliverable['denomination'], '20 USD');
    assert.equal(stored['network'], 'Solana');
    await el.updateComplete;
    assert.equal($(el, '[part="address"]')!.textContent!.trim(), stored['wallet_address']);
    assert.equal($(el, '[part="network-name"]')!.textContent!.trim(), 'Solana');
    assert.include($(el, '[part="amount-to-pay"]')!.textContent!, String(stored['coin_amount']));
    const svg = await waitFor(() => $<SVGSVGElement>(el, 'svg[part="qr"]'), 'the QR code');
    assert.equal(await decodeQrSvg(svg), stored['qr_text']);
    const link = $<HTMLAnchorElement>(el, '[part="wallet-link"]')!;
    assert.equal(link.getAttribute('href'), stored['qr_text']);
    assert.lengthOf(await ordersFor(email), 1);
  });

  test('range product: amount sent as "range" + product_value, live quote shown', async () => {
    const el = await mountCheckout({brand: 'Airbnb'});
    await formReady(el);
    const input = $<HTMLInputElement>(el, '#amount-input')!;
    type(input, '137');
    await waitFor(() => $(el, '.quote-amount'), 'the quote');
    const expected = await (await fetch(`${(await import('../support/env.js')).proxyUrl}/v4/products/price?brand_name=Airbnb&country_code=US&face_value=137&coin=USDC`)).json();
    assert.include($(el, '.quote-amount')!.textContent!, expected.coin_amount);
    assert.match($(el, '.quote-amount')!.textContent!, /^≈ /);
    const email = buyerEmail();
    type($<HTMLInputElement>(el, '#email')!, email);
    await submit(el);
    const orderId = await paymentShown(el);
    const stored = await sandboxOrder(orderId);
    assert.equal(stored.deliveries[0]!.deliverable['product_value'], 137);
  });

  test('range product on a German page: "137,0" gets its quote, asked as face_value 137.0', async () => {
    // Sent as typed, the comma made the proxy refuse the price query (face_value must be a decimal): no quote ever.
    const el = await mountCheckout({brand: 'Airbnb', lang: 'de'});
    await formReady(el);
    type($<HTMLInputElement>(el, '#amount-input')!, '137,0');
    await waitFor(() => $(el, '.quote-amount'), 'the quote');
    assert.include(await priceRequests('Airbnb'), '137.0');
  });

  test('the pre-filled range default gets its quote, without a keystroke', async () => {
    // The quote was asked for in onComplete, before the task held the new family: never asked, none shown.
    const el = await mountCheckout({brand: 'Airbnb'});
    await formReady(el);
    assert.equal($<HTMLInputElement>(el, '#amount-input')!.value, '500');
    await waitFor(() => $(el, '.quote-amount'), 'the quote of the default amount');
  });

  test("a quote belongs to its brand: the same amount on another brand never shows the previous brand's", async () => {
    const el = await mountCheckout({brand: 'Airbnb'});
    await formReady(el);
    type($<HTMLInputElement>(el, '#amount-input')!, '137');
    await waitFor(() => $(el, '.quote-amount'), "Airbnb's quote");
    // Amazon.com's price cannot be had here: any quote it shows is Airbnb's.
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/v4/products/price') && url.includes('Amazon')) throw new TypeError('Failed to fetch');
      return realFetch(input, init);
    };
    try {
      el.brand = 'Amazon.com';
      await waitFor(() => $(el, 'h2.title')?.textContent === 'Amazon.com', 'the Amazon.com form', 8000);
      type($<HTMLInputElement>(el, '#amount-input')!, '137');
      await el.updateComplete;
      assert.isNull($(el, '.quote-amount'), 'no quote while Amazon.com is asked');
      await new Promise((r) => setTimeout(r, 600));
      await el.updateComplete;
      assert.isNull($(el, '.quote-amount'), 'none once it failed');
    } finally {
      window.fetch = realFetch;
    }
  });

  test('coins loaded again without the chosen network: the order goes out on the network the select shows', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    await formReady(el);
    assert.equal($<HTMLSelectElement>(el, '#network')!.value, 'Solana');
    // USDC is still offered, Solana no longer.
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const res = await realFetch(input, init);
      if (!String(input instanceof Request ? input.url : input).includes('/v3/payment_vias')) return res;
      const vias = (await res.json()) as {currencies: {name: string; networks: {name: string}[]}[]}[];
      for (const via of vias) for (const c of via.currencies) if (c.name === 'USDC') c.networks = c.networks.filter((n) => n.name !== 'Solana');
      return new Response(JSON.stringify(vias), {status: 200, headers: {'content-type': 'application/json'}});
    };
    try {
      await el.reload();
      await el.updateComplete;
    } finally {
      window.fetch = realFetch;
    }
    const shown = $<HTMLSelectElement>(el, '#network')!.value;
    assert.notEqual(shown, 'Solana');
    type($<HTMLInputElement>(el, '#email')!, buyerEmail());
    await submit(el);
    const stored = await sandboxOrder(await paymentShown(el));
    assert.equal(stored['network'], shown);
  });

  test('networks picked by hand, then another coin: the select shows the network the order goes out on', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    await formReady(el);
    // As a user picks: the browser marks the option picked, which a `selected` attribute no longer moves.
    const pick = (select: HTMLSelectElement, value: string) => {
      select.value = value;
      select.dispatchEvent(new Event('change', {bubbles: true}));
      return el.updateComplete;
    };
    const network = () => $<HTMLSelectElement>(el, '#network')!;
    await pick(network(), 'Base');
    await pick(network(), 'Polygon (Matic)');
    await pick($<HTMLSelectElement>(el, '#coin')!, 'USDT');
    const shown = network().selectedOptions[0]!;
    assert.equal(shown.value, 'Polygon (Matic)', 'the network kept is the one shown');
    assert.equal(network().value, shown.value);
    type($<HTMLInputElement>(el, '#email')!, buyerEmail());
    await submit(el);
    const stored = await sandboxOrder(await paymentShown(el));
    assert.deepEqual([stored['coin'], stored['network']], ['USDT', shown.value]);
  });

  test('what the form says when the validation answers is what is ordered: an edit meanwhile makes no order of the old one', async () => {
    const el = await mountCheckout({brand: 'Airbnb'});
    await formReady(el);
    type($<HTMLInputElement>(el, '#amount-input')!, '137');
    const email = buyerEmail();
    type($<HTMLInputElement>(el, '#email')!, email);
    // The buyer changes the amount while "Validating…" is shown: $137 must not be ordered.
    await submitEditedWhileValidating(el, () => type($<HTMLInputElement>(el, '#amount-input')!, '200'));
    assert.deepEqual((await ordersFor(email)).map((o) => o.deliveries[0]!.deliverable['product_value']), []);
    assert.equal($<HTMLInputElement>(el, '#amount-input')!.value, '200');
    await submit(el);
    const stored = await sandboxOrder(await paymentShown(el));
    assert.equal(stored.deliveries[0]!.deliverable['product_value'], 200);
  });

  test('another brand picked while the validation is on its way: the previous brand is not ordered', async () => {
    const el = await mountCheckout({brand: 'Airbnb'});
    await formReady(el);
    const email = buyerEmail();
    type($<HTMLInputElement>(el, '#email')!, email);
    await submitEditedWhileValidating(el, async () => {
      el.brand = 'Steam';
      await waitFor(() => $(el, 'h2.title')?.textContent === 'Steam', 'the Steam form', 8000);
    });
    assert.lengthOf(await ordersFor(email), 0);
    assert.isNull($(el, '[part="payment"]'));
  });

  test("the validation's verdict on what the form said before an edit is not shown over what it says now", async () => {
    const el = await mountCheckout({brand: 'Airbnb'});
    await formReady(el);
    const email = buyerEmail();
    type($<HTMLInputElement>(el, '#email')!, email);
    type($<HTMLInputElement>(el, '#promo')!, 'NO-SUCH-CODE');
    const errors: string[] = [];
    el.addEventListener('cr-error', (e) => errors.push((e as CustomEvent<{code: string}>).detail.code));
    // The buyer removes the promo code while "Validating…" is shown: "this coupon does not exist" is no longer so.
    await submitEditedWhileValidating(el, () => type($<HTMLInputElement>(el, '#promo')!, ''));
    assert.isNull($(el, '#coupon-error'));
    assert.deepEqual(errors, []);
    assert.lengthOf(await ordersFor(email), 0);
  });

  test('nor is a refusal of the coin the form no longer has (HTTP-level SUSPENDED_COIN, another coin chosen meanwhile)', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    await formReady(el);
    const email = buyerEmail(['suspended_coin']);
    type($<HTMLInputElement>(el, '#email')!, email);
    const errors: string[] = [];
    el.addEventListener('cr-error', (e) => errors.push((e as CustomEvent<{code: string}>).detail.code));
    await submitEditedWhileValidating(el, () => {
      const coin = $<HTMLSelectElement>(el, '#coin')!;
      coin.value = 'BTC';
      coin.dispatchEvent(new Event('change'));
    });
    assert.isNull($(el, '#payment-error'));
    assert.deepEqual(errors, []);
    assert.lengthOf(await ordersFor(email), 0);
  });

  test('range quote is debounced: quick typing asks once', async () => {
    const el = await mountCheckout({brand: 'Airbnb'});
    await formReady(el);
    const input = $<HTMLInputElement>(el, '#amount-input')!;
    for (const value of ['241', '242', '243']) {
      type(input, value);
      await new Promise((r) => setTimeout(r, 40));
    }
    await waitFor(() => $(el, '.quote-amount'), 'the quote');
    const asked = (await priceRequests('Airbnb')).filter((v) => ['241', '242', '243'].includes(v));
    assert.deepEqual(asked, ['243']);
  });

  test('top-up: the phone is normalised to E.164 before it is sent', async () => {
    const el = await mountCheckout({brand: 'T-Mobile'});
    await formReady(el);
    assert.equal($<HTMLInputElement>(el, '#beneficiary')!.type, 'tel');
    type($<HTMLInputElement>(el, '#beneficiary')!, '(415) 555-1234');
    type($<HTMLInputElement>(el, '#email')!, buyerEmail());
    await submit(el);
    const orderId = await paymentShown(el);
    const stored = await sandboxOrder(orderId);
    assert.equal(stored.deliveries[0]!.deliverable['beneficiary_account'], '+14155551234');
  });

  test('eSIM: a plan is ordered by its exact denomination', async () => {
    const el = await mountCheckout({brand: 'eSIM'});
    await formReady(el);
    pickDenomination(el, '3 GB 30 days');
    const email = buyerEmail();
    type($<HTMLInputElement>(el, '#email')!, email);
    await submit(el);
    const orderId = await paymentShown(el);
    const stored = await sandboxOrder(orderId);
    assert.equal(stored.deliveries[0]!.deliverable['denomination'], '3 GB 30 days');
    assert.equal(stored.deliveries[0]!.deliverable['beneficiary_account'], email);
  });

  test('a brand the country does not sell: said so, no form and nothing to submit, instead of loading for ever', async () => {
    const el = await mountCheckout({brand: 'No Such Brand Anywhere'});
    await waitFor(() => $(el, '[part="status"]')?.textContent?.includes(el.messages.checkout.noProducts), 'the "nothing here" message');
    assert.isNull($(el, 'form'), 'no form');
    assert.notInclude($(el, '[part="status"]')!.textContent!, el.messages.checkout.loadingProducts);
  });
});
