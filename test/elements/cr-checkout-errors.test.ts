// <cr-checkout> when things go wrong: every upstream problem next to its field (localized, input kept), suspended
// coins, malformed answers, an aborted quote, and a create whose outcome is unknown.
import {assert, fixture, html} from '@open-wc/testing';
import {loadMessages} from '../../src/i18n/i18n.js';
import {PROBLEM_FIELDS, VALIDATION_PROBLEM_CODES, type ProblemCode} from '../../src/upstream/problems.js';
import {fieldOfProblem} from '../../src/elements/cr-checkout/form-model.js';
import {sandboxControls} from '../support/sandbox-controls.js';
import {$, buyerEmail, formReady, mountCheckout, ordersFor, paymentShown, pickDenomination, proxyUrl, sandboxUrl, submit, truncateNextAnswer, type, unique, waitFor} from '../support/checkout-helpers.js';
import type {ErrorDetail, OrderCreatedDetail} from '../../src/events.js';
import {dropStore, getStore} from '../../src/store/store.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';

const sandbox = sandboxControls(sandboxUrl);

suite('cr-checkout: problems and failures', () => {
  test('every validation problem is shown, in German, next to its field; what was typed is kept', async function () {
    this.timeout(40000);
    const de = await loadMessages('de');
    const el = await mountCheckout({brand: 'Steam', lang: 'de'});
    await formReady(el);
    pickDenomination(el, '$10');
    type($<HTMLInputElement>(el, '#promo')!, 'SOMECODE-kept');
    const errors: ErrorDetail[] = [];
    el.addEventListener('cr-error', (e) => errors.push(e.detail));
    // LOGIN_REQUIRED comes at HTTP level unless AS_PROBLEM is given; it is tested below.
    const codes = VALIDATION_PROBLEM_CODES.filter((c) => c !== 'LOGIN_REQUIRED');
    for (const code of codes) {
      const email = buyerEmail([code.toLowerCase()]);
      type($<HTMLInputElement>(el, '#email')!, email);
      type($<HTMLInputElement>(el, '#promo')!, 'SANDBOX10');
      await submit(el);
      const field = fieldOfProblem(PROBLEM_FIELDS[code as ProblemCode]);
      const expected = de.common.problems[code as keyof typeof de.common.problems];
      const box = await waitFor(
        () => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part="field-error"][data-field="${field}"]`)].find((b) => b.textContent!.includes(expected)),
        `${code} next to ${field}`,
      );
      assert.ok(box, code);
      assert.equal($<HTMLInputElement>(el, '#email')!.value, email, `${code}: e-mail kept`);
      assert.ok(errors.some((e) => e.code === code && e.message === expected), `${code}: cr-error fired`);
      if (field !== 'form') {
        const describedBy = field === 'amount' ? $(el, 'fieldset[part="amount"]')!.getAttribute('aria-describedby') : undefined;
        if (describedBy !== undefined) assert.include(describedBy ?? '', box.id);
      }
    }
    assert.isTrue($<HTMLInputElement>(el, 'input[name="denomination"]:checked') !== null, 'denomination kept');
    assert.lengthOf(await ordersFor($<HTMLInputElement>(el, '#email')!.value), 0);
  });

  test('a client-side error: aria-invalid, described by its message, focused first; nothing is sent', async () => {
    const el = await mountCheckout({brand: 'T-Mobile'});
    await formReady(el);
    type($<HTMLInputElement>(el, '#beneficiary')!, '12');
    type($<HTMLInputElement>(el, '#email')!, 'not-an-email');
    await submit(el);
    await el.updateComplete;
    const phone = $<HTMLInputElement>(el, '#beneficiary')!;
    assert.equal(phone.getAttribute('aria-invalid'), 'true');
    assert.include(phone.getAttribute('aria-describedby')!, 'beneficiary-error');
    assert.equal($(el, '#beneficiary-error')!.textContent!.trim(), el.messages.checkout.invalid.phone);
    assert.equal($<HTMLInputElement>(el, '#email')!.getAttribute('aria-invalid'), 'true');
    assert.equal(el.shadowRoot!.activeElement, phone);
    assert.equal(phone.value, '12');
  });

  test('HTTP-level SUSPENDED_COIN and LOGIN_REQUIRED: payment and form messages, cr-error with the code', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    await formReady(el);
    const errors: ErrorDetail[] = [];
    el.addEventListener('cr-error', (e) => errors.push(e.detail));
    type($<HTMLInputElement>(el, '#email')!, buyerEmail(['suspended_coin']));
    await submit(el);
    await waitFor(() => $(el, '#payment-error'), 'payment error');
    assert.include($(el, '#payment-error')!.textContent!, el.messages.common.problems.SUSPENDED_COIN);
    assert.equal($<HTMLSelectElement>(el, '#coin')!.getAttribute('aria-invalid'), 'true');
    // A field's problem is said by the live region, and its field focused.
    const said = () => $(el, '[role="status"][aria-live="polite"]')!.textContent!.trim();
    await waitFor(() => said() === el.messages.common.problems.SUSPENDED_COIN, 'the problem said');
    assert.equal(el.shadowRoot!.activeElement, $(el, '#coin'));
    type($<HTMLInputElement>(el, '#email')!, buyerEmail(['login_required']));
    const pay = $<HTMLButtonElement>(el, '[part="pay-button"]')!;
    pay.focus();
    await submit(el);
    await waitFor(() => $(el, '#form-error[data-field="form"]'), 'form error');
    assert.include($(el, '#form-error')!.textContent!, el.messages.common.problems.LOGIN_REQUIRED);
    assert.deepEqual(errors.map((e) => e.code), ['SUSPENDED_COIN', 'LOGIN_REQUIRED']);
    // The whole form's problem is said once, by its alert (not by the live region too); the pay button, which keeps
    // the focus, is described by it.
    assert.equal($(el, '#form-error')!.getAttribute('role'), 'alert');
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)));
    assert.notInclude(said(), el.messages.common.problems.LOGIN_REQUIRED);
    assert.equal(el.shadowRoot!.activeElement, pay);
    assert.equal(pay.getAttribute('aria-describedby'), 'form-error');
  });

  test('suspended coins and networks are listed but disabled, with the reason', async () => {
    const el = await mountCheckout({brand: 'Steam'});
    await formReady(el);
    const doge = $<HTMLOptionElement>(el, '#coin option[value="DOGE"]')!;
    assert.isTrue(doge.disabled);
    assert.include(doge.textContent!, el.messages.checkout.suspended);
    const coin = $<HTMLSelectElement>(el, '#coin')!;
    coin.value = 'USDT';
    coin.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const tron = $<HTMLOptionElement>(el, '#network option[value="Tron"]')!;
    assert.isTrue(tron.disabled);
    assert.notEqual($<HTMLSelectElement>(el, '#network')!.value, 'Tron');
    assert.ok($(el, '#payment-hint'));
  });

  test('malformed products answer: a retry button, then the form', async () => {
    const restore = truncateNextAnswer(/\/v5\/products\/country\//);
    try {
      const el = await mountCheckout({brand: 'Xbox'});
      const retry = await waitFor(() => $<HTMLButtonElement>(el, '[part="retry-button"]'), 'the retry button');
      assert.include($(el, '[part="form-error"]')!.textContent!, el.messages.common.errors['bad-response']);
      retry.click();
      await formReady(el);
      assert.ok($(el, '[part~="denomination"]'));
    } finally {
      restore();
    }
  });

  test('malformed validation answer: form-level message with retry; everything typed kept', async () => {
    const el = await mountCheckout({brand: 'Uber'});
    await formReady(el);
    const email = buyerEmail();
    type($<HTMLInputElement>(el, '#email')!, email);
    const restore = truncateNextAnswer(/\/v5\/orders\/validations$/);
    let box: HTMLElement;
    try {
      await submit(el);
      box = await waitFor(() => $(el, '#form-error[role="alert"]'), 'the form error');
    } finally {
      restore();
    }
    assert.include(box.textContent!, el.messages.common.errors['bad-response']);
    assert.equal($<HTMLInputElement>(el, '#email')!.value, email);
    assert.isNull(box.querySelector('button'), '"Try again" is not read out with the alert');
    $<HTMLButtonElement>(el, '[part="form-error"] [part="retry-button"]')!.click();
    await paymentShown(el);
    assert.lengthOf(await ordersFor(email), 1);
  });

  test('a malformed order on resume (sandbox fault, scoped to this order): message, retry, then the payment screen', async () => {
    const store = unique('store');
    const first = await mountCheckout({brand: 'Steam', store});
    await formReady(first);
    type($<HTMLInputElement>(first, '#email')!, buyerEmail());
    await submit(first);
    const orderId = await paymentShown(first);
    first.remove();
    dropStore(store);
    await sandbox.fault({kind: 'malformed-json', endpoint: 'order', orderId, times: 1});
    const errors: ErrorDetail[] = [];
    document.addEventListener('cr-error', (e) => errors.push(e.detail), {once: true});
    const el = await mountCheckout({brand: 'Steam', store});
    const retry = await waitFor(() => $<HTMLButtonElement>(el, '[part="retry-button"]'), 'the retry button');
    assert.include($(el, '[part="form-error"]')!.textContent!, el.messages.checkout.resumeFailed);
    assert.isNull($(el, '[part="address"]'), 'nothing unvalidated is shown');
    assert.equal(errors[0]?.code, 'bad-response');
    retry.click();
    assert.equal(await paymentShown(el), orderId);
  });

  test('a superseded quote is aborted: the slow answer never replaces the new one', async () => {
    const el = await mountCheckout({brand: 'Airbnb'});
    await formReady(el);
    // The first price request is held back in this page (a sandbox "slow" fault is global and a parallel test file
    // could take it), so the second one certainly starts while the first is in flight.
    const realFetch = window.fetch;
    const signals = new Map<string, AbortSignal | undefined>();
    window.fetch = async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      const value = url.searchParams.get('face_value');
      if (url.pathname.endsWith('/v4/products/price') && value) {
        signals.set(value, init?.signal ?? undefined);
        if (value === '311') await new Promise((r) => setTimeout(r, 1200));
      }
      return realFetch(input, init);
    };
    try {
      const input = $<HTMLInputElement>(el, '#amount-input')!;
      type(input, '311');
      await waitFor(() => signals.has('311'), 'the first price request');
      type(input, '312');
      const quote = await waitFor(() => $(el, '.quote-amount'), 'the quote');
      const text312 = quote.textContent;
      assert.isTrue(signals.get('311')?.aborted, 'the superseded request was aborted');
      await new Promise((r) => setTimeout(r, 1400));
      await el.updateComplete;
      assert.equal($(el, '.quote-amount')!.textContent, text312);
      const expected = await (await realFetch(`${proxyUrl}/v4/products/price?brand_name=Airbnb&country_code=US&face_value=312&coin=USDC`)).json();
      assert.include(text312!, expected.coin_amount);
    } finally {
      window.fetch = realFetch;
    }
  });

  /**
   * Fails the first `count` order POSTs after they reached upstream, as a dropped connection would: upstream acted on
   * them (the first one created the order, unless a sandbox fault refused it), the page never hears how.
   */
  function loseCreateAnswers(count = 1): {restore: () => void; keys: (string | undefined)[]; resends: boolean[]} {
    const realFetch = window.fetch;
    const keys: (string | undefined)[] = [];
    const resends: boolean[] = [];
    window.fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (init?.method === 'POST' && /\/v5\/orders$/.test(url)) {
        const headers = init.headers as Record<string, string> | undefined;
        keys.push(headers?.['idempotency-key']);
        resends.push(headers?.['idempotency-resend'] === '1');
        const answer = await realFetch(input, init);
        if (keys.length <= count) throw new TypeError('Failed to fetch');
        return answer;
      }
      return realFetch(input, init);
    };
    return {restore: () => (window.fetch = realFetch), keys, resends};
  }

  /**
   * A checkout (of `store`) whose create reached upstream but whose answer was lost: it shows "unknown outcome".
   * The first `answersLost` creates lose their answer.
   */
  async function withLostAnswer({store, answersLost = 1}: {store?: string; answersLost?: number} = {}) {
    const el = await mountCheckout({brand: 'Netflix', ...(store ? {store} : {})});
    await formReady(el);
    const email = buyerEmail();
    type($<HTMLInputElement>(el, '#email')!, email);
    const lost = loseCreateAnswers(answersLost);
    const errors: {code: string; message: string}[] = [];
    el.addEventListener('cr-error', (e) => errors.push((e as CustomEvent<{code: string; message: string}>).detail));
    try {
      await submit(el);
      await waitFor(() => $(el, '[part="form-error"]')?.textContent?.includes(el.messages.checkout.unknownOutcome), 'unknown outcome');
      // The host page hears what the buyer was told, not the failure's own text.
      assert.equal(errors.at(-1)?.message, el.messages.checkout.unknownOutcome);
    } catch (error) {
      lost.restore();
      throw error;
    }
    return {el, email, lost};
  }

  test('create answer lost: "unknown outcome", nothing resent by itself; "check again" resends with its key and gets that very order', async () => {
    const {el, email, lost} = await withLostAnswer();
    const created: string[] = [];
    el.addEventListener('cr-order-created', (e) => created.push((e as CustomEvent<OrderCreatedDetail>).detail.order.order_id));
    try {
      await new Promise((r) => setTimeout(r, 300));
      assert.lengthOf(lost.keys, 1, 'never resent by itself');
      const check = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="form-error"] [part="retry-button"]')!;
      check.click();
      const orderId = await paymentShown(el);
      assert.lengthOf(lost.keys, 2);
      assert.match(lost.keys[0] ?? '', /^[0-9a-f-]{36}$/, 'the create carried an Idempotency-Key');
      assert.equal(lost.keys[1], lost.keys[0], 'sent again with the same key');
      assert.deepEqual(lost.resends, [false, true], 'marked as a resend, so a proxy that lost the key never forwards it');
      const orders = await ordersFor(email);
      assert.lengthOf(orders, 1, 'one order upstream');
      assert.equal(orders[0]!.order_id, orderId, 'the payment screen shows the order the lost answer carried');
      assert.deepEqual(created, [orderId]);
      assert.equal(sessionStorage.getItem(`cr-checkout:${el.storeInstance.name}:pending`), null, 'nothing left pending');
    } finally {
      lost.restore();
    }
  });

  test('"check again" whose answer is lost too: still unknown, said once, the key kept; the next check gets the one order', async () => {
    const {el, email, lost} = await withLostAnswer({answersLost: 2});
    const errors: string[] = [];
    el.addEventListener('cr-error', (e) => errors.push((e as CustomEvent<{code: string}>).detail.code));
    try {
      const m = el.messages.checkout;
      const checkAgain = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="form-error"] [part="retry-button"]')!.click();
      checkAgain();
      await waitFor(() => $(el, '[part="form-error"]')?.textContent?.includes(m.stillUnknown), 'still unknown');
      assert.include($(el, '[part="form-error"] [role="alert"]')!.textContent!, m.stillUnknown, 'said by the alert');
      assert.notInclude($(el, '[role="status"][aria-live="polite"]')!.textContent!, m.stillUnknown, 'once: not by the live region too');
      assert.deepEqual(errors, ['network'], 'cr-error for the lost resend');
      assert.isNull($(el, '[part="payment"]'), 'no payment screen without a confirmed order');
      assert.isNotNull(sessionStorage.getItem(`cr-checkout:${el.storeInstance.name}:pending`), 'the key is kept for the next check');
      checkAgain();
      const orderId = await paymentShown(el);
      assert.deepEqual([lost.keys[1], lost.keys[2]], [lost.keys[0], lost.keys[0]], 'every resend with the first key');
      const orders = await ordersFor(email);
      assert.lengthOf(orders, 1, 'one order upstream');
      assert.equal(orders[0]!.order_id, orderId);
    } finally {
      lost.restore();
    }
  });

  test('the lost answer was a refusal (429): "check again" is forwarded, since no order exists, and makes the one order', async () => {
    await sandbox.fault({kind: 'rate-limit', endpoint: 'createOrder', times: 1, retryAfter: 1});
    const {el, email, lost} = await withLostAnswer();
    try {
      assert.lengthOf(await ordersFor(email), 0, 'upstream refused the first create');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="form-error"] [part="retry-button"]')!.click();
      const orderId = await paymentShown(el);
      assert.deepEqual(lost.resends, [false, true], 'sent again marked as a resend, and the proxy let it through');
      assert.equal(lost.keys[1], lost.keys[0]);
      const orders = await ordersFor(email);
      assert.lengthOf(orders, 1, 'one order upstream');
      assert.equal(orders[0]!.order_id, orderId);
    } finally {
      lost.restore();
      await sandbox.clearFaults();
    }
  });

  test('refused again on "check again": the reason in the form, nothing left to resend; the next submit makes the one order', async () => {
    await sandbox.fault({kind: 'rate-limit', endpoint: 'createOrder', times: 2, retryAfter: 1});
    const {el, email, lost} = await withLostAnswer();
    const errors: string[] = [];
    el.addEventListener('cr-error', (e) => errors.push((e as CustomEvent<{code: string}>).detail.code));
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="form-error"] [part="retry-button"]')!.click();
      const rateLimited = el.messages.common.errors['rate-limited'];
      await waitFor(() => $(el, '[part="form-error"]')?.textContent?.includes(rateLimited), 'the refusal, said in the form');
      assert.deepEqual(errors, ['rate-limited']);
      assert.equal(sessionStorage.getItem(`cr-checkout:${el.storeInstance.name}:pending`), null, 'nothing left to resend');
      assert.equal($<HTMLInputElement>(el, '#email')!.value, email, 'what was typed is kept');
      assert.lengthOf(await ordersFor(email), 0);
      await submit(el);
      const orderId = await paymentShown(el);
      assert.notEqual(lost.keys[2], lost.keys[0], 'a new submit is a new create, with a new key');
      const orders = await ordersFor(email);
      assert.lengthOf(orders, 1);
      assert.equal(orders[0]!.order_id, orderId);
    } finally {
      lost.restore();
      await sandbox.clearFaults();
    }
  });

  test('create answer lost, then a reload with two checkouts of the store: one resend, one order, one cr-order-created', async () => {
    const store = unique('store');
    const {el: first, email, lost} = await withLostAnswer({store});
    try {
      // A reload: the page's stores and elements are gone, sessionStorage (with the pending create) is not.
      first.remove();
      dropStore(store);
      const created: string[] = [];
      const onCreated = (e: Event) => created.push((e as CustomEvent<OrderCreatedDetail>).detail.order.order_id);
      document.addEventListener('cr-order-created', onCreated);
      try {
        const [a, b] = await Promise.all([mountCheckout({brand: 'Netflix', store}), mountCheckout({brand: 'Netflix', store})]);
        const [shownA, shownB] = await Promise.all([paymentShown(a!), paymentShown(b!)]);
        assert.equal(shownA, shownB, 'both show the one order');
        assert.lengthOf(lost.keys, 2, 'the first create and one resend, not one per element');
        assert.equal(lost.keys[1], lost.keys[0], 'sent again with its key');
        const orders = await ordersFor(email);
        assert.lengthOf(orders, 1, 'one order upstream');
        assert.deepEqual(created, [shownA], 'announced once, by one element');
      } finally {
        document.removeEventListener('cr-order-created', onCreated);
      }
    } finally {
      lost.restore();
    }
  });

  test('create answer lost, then "start over": back to the form with everything typed, the key forgotten', async () => {
    const {el, email, lost} = await withLostAnswer();
    try {
      assert.isNotNull(sessionStorage.getItem(`cr-checkout:${el.storeInstance.name}:pending`), 'the create is remembered while its outcome is unknown');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="form-error"] [part="new-purchase-button"]')!.click();
      await el.updateComplete;
      assert.equal($<HTMLInputElement>(el, '#email')!.value, email);
      assert.lengthOf(lost.keys, 1);
      assert.lengthOf(await ordersFor(email), 1);
      assert.equal(sessionStorage.getItem(`cr-checkout:${el.storeInstance.name}:pending`), null);
    } finally {
      lost.restore();
    }
  });

  test('no proxy-url in the store: after a moment, "not set up" with cr-error config, brand chosen or not; one arriving in time loads', async function () {
    this.timeout(15000);
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
    try {
      for (const brand of ['Steam', '']) {
        const errors: ErrorDetail[] = [];
        const el = await fixture<CrCheckout>(html`<cr-checkout brand=${brand} lang="en" store=${unique('store')} @cr-error=${(e: CustomEvent<ErrorDetail>) => errors.push(e.detail)}></cr-checkout>`);
        const shown = await waitFor(() => $(el, '[part="form-error"]'), `the configuration error (brand "${brand}")`, 4000);
        assert.include(shown.textContent!, 'not set up on this page');
        assert.notInclude(shown.textContent!, 'proxy-url', 'a buyer is not told what the developer must do');
        assert.deepEqual(errors.map((e) => e.code), ['config']);
        assert.isNull($(el, '[part="form"]'));
      }
    } finally {
      console.warn = warn;
    }
    // The partner's developer is told what to check, once for the page, not once per element or error.
    const hints = warned.filter((w) => w.startsWith('cryptorefills-checkout: <cr-checkout> config'));
    assert.lengthOf(hints, 1, warned.join('\n'));
    assert.include(hints[0]!, `proxy-url not set, page ${location.origin}`);
    assert.include(hints[0]!, 'CR_ALLOWED_ORIGINS');
    const store = unique('store');
    const late = await fixture<CrCheckout>(html`<cr-checkout brand="Steam" lang="en" store=${store}></cr-checkout>`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    getStore(store).update({proxyUrl});
    await formReady(late);
    assert.isNull($(late, '[part="form-error"]'));
  });

  test('the coins cannot be loaded and no brand is chosen yet: said, with "try again", not "choose a brand"', async function () {
    this.timeout(40000);
    const errors: ErrorDetail[] = [];
    const el = await fixture<CrCheckout>(html`<cr-checkout proxy-url="http://127.0.0.1:9/nothing-here" lang="en" store=${unique('store')} @cr-error=${(e: CustomEvent<ErrorDetail>) => errors.push(e.detail)}></cr-checkout>`);
    const shown = await waitFor(() => $(el, '[part="form-error"]'), 'the loading error', 15000);
    assert.notInclude(el.shadowRoot!.textContent!, 'Choose a brand');
    assert.lengthOf(errors, 1, 'the error the buyer sees, fired once');
    // "Try again" from the keyboard: the focus stays in the element, on what replaced the button, then on the error.
    const retry = shown.querySelector<HTMLButtonElement>('[part="retry-button"]')!;
    retry.focus();
    retry.click();
    await el.updateComplete;
    assert.ok(el.shadowRoot!.activeElement, 'not lost to the page while it loads again');
    await waitFor(() => errors.length === 2 && $(el, '[part="form-error"]'), 'the loading error again', 15000);
    await el.updateComplete;
    assert.ok(el.shadowRoot!.activeElement, 'nor when the error is back');
  });
});
