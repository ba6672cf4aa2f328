// <cr-checkout>: "Try again" after the products failed to load, for a brand with nothing for sale. The focus goes
// from the button to the loading message, which "nothing for sale" then replaces: that message takes the focus
// (and is a status, so it is said), rather than the focus being lost to <body>.
import {assert, fixture, html} from '@open-wc/testing';
import '../../src/define.js';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import {$, proxyUrl, unique, waitFor} from '../support/checkout-helpers.js';

suite('<cr-checkout>: focus after a screen change to "nothing for sale"', () => {
  test('"Try again" that ends on "This brand has nothing for sale": the focus stays in the checkout', async () => {
    const realFetch = window.fetch;
    let down = true;
    window.fetch = async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (down && url.pathname.includes('/v5/products/')) throw new TypeError('Failed to fetch');
      return realFetch(input, init);
    };
    try {
      const el = await fixture<CrCheckout>(
        html`<cr-checkout proxy-url=${proxyUrl} brand="No Such Brand" lang="en" store=${unique('store')}></cr-checkout>`,
      );
      const retry = await waitFor(() => $<HTMLButtonElement>(el, '[part="form-error"] [part="retry-button"]'), 'the load failure', 15000);
      down = false;
      retry.focus();
      assert.ok(el.shadowRoot!.activeElement, 'focus on "Try again"');
      retry.click();
      await waitFor(() => $(el, '[part="status"]')?.textContent?.includes(el.messages.checkout.noProducts), '"nothing for sale"', 10000);
      await el.updateComplete;
      assert.ok(el.shadowRoot!.activeElement, `focus lost to <${document.activeElement?.localName}>`);
    } finally {
      window.fetch = realFetch;
    }
  });
});
