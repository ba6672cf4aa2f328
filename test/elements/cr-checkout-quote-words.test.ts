// <cr-checkout>: the denominations' approximate price is the language's `checkout.quote` message, as the live quote
// of a range is, not a "≈ " written in the template: a translator's wording is followed there too.
import {assert} from '@open-wc/testing';
import type {CrCheckout} from '../../src/elements/cr-checkout/cr-checkout.js';
import {loadMessages} from '../../src/i18n/i18n.js';
import {$$, formReady, mountCheckout} from '../support/checkout-helpers.js';

suite('<cr-checkout>: the words of the denominations', () => {
  test('the denominations\' approximate price uses the language\'s checkout.quote message', async () => {
    const messages = await loadMessages('en');
    const original = messages.checkout.quote;
    // What a translator's own wording would be: the template must follow it.
    messages.checkout.quote = (coinAmount: string) => `about ${coinAmount}`;
    try {
      const el: CrCheckout = await mountCheckout({brand: 'Steam'});
      await formReady(el);
      el.requestUpdate();
      await el.updateComplete;
      const shown = $$(el, '.denomination-coin').map((n) => n.textContent!.replace(/\s+/g, ' ').trim());
      assert.isNotEmpty(shown);
      for (const text of shown) assert.match(text, /^about /, `"${text}" does not come from checkout.quote`);
    } finally {
      messages.checkout.quote = original;
    }
  });
});
