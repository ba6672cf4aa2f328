// The checkout's problem screens for a screen reader and in other languages: the focus kept in the widget, each
// thing said once (an alert holds only what went wrong, never the buttons or the question beside it), and the
// sentences and brackets of the reader's language.
import {assert, fixture, html} from '@open-wc/testing';
import {dropStore} from '../../src/store/store.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import {$, buyerEmail, formReady, mountCheckout, orderOn, type, unique, waitFor} from '../support/checkout-helpers.js';

/** What the checkout's polite live region says now. */
const said = (el: CrCheckout) => $(el, '[role="status"][aria-live="polite"]')?.textContent?.trim() ?? '';
const frames = (n = 3) => new Promise<void>((resolve) => {
  const step = (left: number) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
  step(n);
});

/** The first `count` creates reach upstream but their answer is lost (the connection drops). */
function loseCreateAnswers(count: number): () => void {
  const realFetch = window.fetch;
  let lost = 0;
  window.fetch = async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (init?.method === 'POST' && url.pathname.endsWith('/v5/orders')) {
      const answer = await realFetch(input, init);
      if (lost++ < count) throw new TypeError('Failed to fetch');
      return answer;
    }
    return realFetch(input, init);
  };
  return () => (window.fetch = realFetch);
}

/** Answers GET /v5/orders/{orderId} with a 503 while `down()` says so. */
function orderReadsDown(orderId: string, down: () => boolean): () => void {
  const realFetch = window.fetch;
  window.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (down() && new URL(url).pathname.endsWith(`/v5/orders/${orderId}`)) {
      return new Response('{"message":"upstream down"}', {status: 503, headers: {'content-type': 'application/json'}});
    }
    return realFetch(input, init);
  };
  return () => (window.fetch = realFetch);
}

/** The checkout, the buyer's focus on the pay button, whose create's answer is then lost: "unknown outcome". */
async function unknownOutcomeFromKeyboard(): Promise<{el: CrCheckout; restore: () => void}> {
  const el = await mountCheckout({brand: 'Netflix'});
  await formReady(el);
  type($<HTMLInputElement>(el, '#email')!, buyerEmail());
  const restore = loseCreateAnswers(1);
  const pay = $<HTMLButtonElement>(el, '[part="pay-button"]')!;
  pay.focus();
  pay.click();
  await waitFor(() => $(el, '[part="form-error"]')?.textContent?.includes(el.messages.checkout.unknownOutcome), 'unknown outcome', 8000);
  await el.updateComplete;
  await frames();
  return {el, restore};
}

suite('cr-checkout: problem screens, said once, in the reader\'s language', () => {
  test('unknown outcome reached from the pay button: the focus stays in the checkout (not lost to <body>)', async () => {
    const {el, restore} = await unknownOutcomeFromKeyboard();
    try {
      assert.ok(el.shadowRoot!.activeElement, `focus lost to ${document.activeElement?.tagName}`);
    } finally {
      restore();
    }
  });

  test('unknown outcome is said once: not by the alert and the live region both', async () => {
    const {el, restore} = await unknownOutcomeFromKeyboard();
    try {
      const m = el.messages.checkout;
      const alert = $(el, '[role="alert"]');
      assert.include(alert?.textContent ?? '', m.unknownOutcome, 'the alert says it');
      assert.notInclude(said(el), m.unknownOutcome, 'not said a second time by the polite live region');
    } finally {
      restore();
    }
  });

  test('"New purchase" on the "could not be loaded" screen: asking does not make the alert say the failure again', async () => {
    const store = unique('store');
    const first = await mountCheckout({brand: 'Steam', store});
    const {orderId} = await orderOn(first);
    first.remove();
    dropStore(store);
    const restore = orderReadsDown(orderId, () => true);
    try {
      const el = await mountCheckout({brand: 'Steam', store});
      await waitFor(() => $(el, '[part="retry-button"]'), 'the failed resume', 8000);
      const alert = $(el, '[role="alert"]')!;
      const before = alert.textContent!.replace(/\s+/g, ' ').trim();
      $<HTMLButtonElement>(el, '[part="new-purchase-button"]')!.click();
      await el.updateComplete;
      assert.ok($(el, '[part="leave-order"]'), 'the question');
      // role=alert is aria-atomic and assertive: any change of its text re-reads all of it (the error, again).
      const inAlert = $(el, '[part="leave-order"]')!.closest('[role="alert"]');
      assert.isNull(inAlert, `the question is outside the alert (which said "${before}")`);
      assert.equal(alert.textContent!.replace(/\s+/g, ' ').trim(), before, 'the alert\'s text did not change');
    } finally {
      restore();
    }
  });

  test('Chinese: the failure sentences are joined without a Latin space after the full-width stop', async () => {
    const el = await fixture<CrCheckout>(html`<cr-checkout proxy-url="http://127.0.0.1:9/" brand="Steam" lang="zh" store=${unique('store')}></cr-checkout>`);
    const box = await waitFor(() => $(el, '[part="form-error"] .error'), 'the load failure', 10000);
    const text = box.textContent!;
    assert.include(text, el.messages.checkout.loadFailed);
    assert.notMatch(text, /。 /, `"${text}": no Latin space between two Chinese sentences`);
  });

  test('the load failure: the alert holds what went wrong, "Try again" is beside it, and the focus is on the message', async () => {
    const el = await fixture<CrCheckout>(html`<cr-checkout proxy-url="http://127.0.0.1:9/" brand="Steam" lang="en" store=${unique('store')}></cr-checkout>`);
    const alert = await waitFor(() => $(el, '[part="form-error"] [role="alert"]'), 'the load failure', 10000);
    assert.include(alert.textContent!, el.messages.checkout.loadFailed);
    assert.isNull(alert.querySelector('button'), 'the button is not read out with the alert');
    const retry = $<HTMLButtonElement>(el, '[part="form-error"] [part="retry-button"]')!;
    // "Try again" from the keyboard, and the proxy still down: the focus ends on the message said again, not <body>.
    retry.focus();
    retry.click();
    await waitFor(() => {
      const again = $(el, '[part="form-error"] [role="alert"]');
      return again && again !== alert && el.shadowRoot!.activeElement === again ? again : null;
    }, 'the focus on the new message', 10000);
  });

  test('Chinese: the amount label takes its parentheses from the locale, not ASCII ones written into the template', async () => {
    const el = await mountCheckout({brand: 'Amazon.com', lang: 'zh'});
    await formReady(el);
    const label = $(el, 'label[for="amount-input"]')!.textContent!.trim();
    assert.notMatch(label, /[ ]\(|\)$/, `"${label}": no ASCII " (…)"`);
    assert.match(label, /（USD）$/);
  });
});
