// <cr-checkout>: a quote is the price of the amount as read now. "1.000" priced as 1 on an English page is not shown
// under the same text once the page is German, where it reads as a thousand.
import {assert} from '@open-wc/testing';
import {$, formReady, mountCheckout, type, waitFor} from '../support/checkout-helpers.js';
import {amountValue} from '../../src/elements/cr-checkout/form-model.js';

suite('<cr-checkout>: a quote shown belongs to the amount as the page reads it now', () => {
  test('GB Amazon.co.uk, "1.000" quoted in English, then the page turns German: no quote of 1 under "1.000"', async () => {
    const el = await mountCheckout({brand: 'Amazon.co.uk', country: 'GB', lang: 'en'});
    await formReady(el);
    type($<HTMLInputElement>(el, '#amount-input')!, '1.000');
    await waitFor(() => $(el, '.quote-amount'), 'the quote of 1.000 (= 1) in English');
    el.setAttribute('lang', 'de');
    await waitFor(() => el.locale.startsWith('de') && $(el, '#amount-hint')?.textContent?.includes('£'), 'the German form', 8000);
    await el.updateComplete;
    assert.isUndefined(amountValue('1.000', el.locale), 'German reads "1.000" as ambiguous (a thousand)');
    assert.isNull($(el, '.quote-amount'), `no quote for an amount the page no longer reads as 1: ${$(el, '.quote-amount')?.textContent}`);
  });
});
