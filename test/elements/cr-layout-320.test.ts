// At 320 CSS px (WCAG 1.4.10 reflow), in German, the payment screen and the tracking never scroll sideways.
import {assert, fixture, html} from '@open-wc/testing';
import {setViewport} from '@web/test-runner-commands';
import type {CrOrderStatus} from '../../src/elements/cr-order-status/cr-order-status.js';
import {$, mountCheckout, orderOn, proxyUrl, unique, waitFor} from '../support/checkout-helpers.js';

/** What sticks out of the element's base box, widest first (text measured by its own boxes, not its parent's). */
function stickingOut(el: Element): string[] {
  const base = el.shadowRoot!.querySelector('[part~="base"]')!.getBoundingClientRect();
  const out: string[] = [];
  const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.textContent!.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    for (const r of range.getClientRects()) {
      if (r.right > innerWidth + 0.5) out.push(`"${t.textContent!.trim()}" in <${t.parentElement!.localName} part=${t.parentElement!.getAttribute('part')}> ends at ${Math.round(r.right)} px of ${innerWidth}`);
    }
  }
  if (base.right > innerWidth + 0.5) out.push(`the base box ends at ${Math.round(base.right)} px of ${innerWidth}`);
  return out;
}

suite('320 px, German', () => {
  teardown(() => setViewport({width: 800, height: 600}));

  test('the purchase line (brand, amount, a recipient e-mail of 33 characters) wraps on the payment screen and in the tracking', async () => {
    await setViewport({width: 320, height: 800});
    const el = await mountCheckout({brand: 'Amazon.com', lang: 'de', store: unique('store')});
    // A real address of that length: maximilian.mustermann@example.com (33 characters).
    const email = `m${unique('').slice(0, 20)}@sandbox.test`.padStart(33, 'x');
    const {orderId} = await orderOn(el, email);
    await el.updateComplete;
    assert.ok($(el, '[part="order-summary"]')!.textContent!.includes(email), 'the recipient is on the payment screen');
    const checkout = stickingOut(el);
    const status = await fixture<CrOrderStatus>(html`<cr-order-status proxy-url=${proxyUrl} store=${unique('s')} order-id=${orderId} lang="de"></cr-order-status>`);
    await waitFor(() => status.shadowRoot!.querySelector('[part~="order-summary"]'), 'the tracking');
    assert.deepEqual({checkout, status: stickingOut(status), pageWidth: document.documentElement.scrollWidth}, {checkout: [], status: [], pageWidth: 320});
  });

  test('in a column sized by its content (a grid\'s auto column, as in the demo), the tracking\'s three steps do not widen the page', async () => {
    await setViewport({width: 320, height: 800});
    const el = await mountCheckout({brand: 'Steam', lang: 'de', store: unique('store')});
    const {orderId} = await orderOn(el);
    el.remove();
    // "Zahlung", "Lieferung", "Abgeschlossen" side by side: whole words, they need more than the 304 px left here.
    const grid = await fixture<HTMLDivElement>(html`<div style="display: grid">
      <cr-order-status proxy-url=${proxyUrl} store=${unique('s')} order-id=${orderId} lang="de"></cr-order-status>
    </div>`);
    const status = grid.querySelector<CrOrderStatus>('cr-order-status')!;
    await waitFor(() => status.shadowRoot!.querySelector('[part~="progress"]'), 'the steps');
    assert.deepEqual({status: stickingOut(status), pageWidth: document.documentElement.scrollWidth}, {status: [], pageWidth: 320});
  });
});
