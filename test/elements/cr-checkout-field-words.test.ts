// <cr-checkout>: what the form says of its fields follows a change of language: the messages are written again in
// the new language and locale ("50,00 $" becomes "$50.00"), not left in the old one.
import {assert} from '@open-wc/testing';
import {loadMessages} from '../../src/i18n/i18n.js';
import {$, formReady, mountCheckout, submit, type, waitFor} from '../support/checkout-helpers.js';

suite('<cr-checkout>: client-side messages follow a language change', () => {
  test('German page, e-mail missing and amount below minimum, then switched to English: messages in English', async () => {
    const [de, en] = await Promise.all([loadMessages('de'), loadMessages('en')]);
    const el = await mountCheckout({brand: 'Airbnb', lang: 'de'});
    await formReady(el);
    type($<HTMLInputElement>(el, '#amount-input')!, '10');
    await submit(el);
    await waitFor(() => $(el, '#email-error'), 'the e-mail message');
    assert.equal($(el, '#email-error')!.textContent!.trim(), de.checkout.invalid.emailRequired);
    el.setAttribute('lang', 'en');
    await waitFor(() => $(el, '[part="pay-button"]')!.textContent!.trim() === en.checkout.pay, 'the English form');
    await el.updateComplete;
    assert.equal($(el, '#email-error')!.textContent!.trim(), en.checkout.invalid.emailRequired, 'e-mail message in English');
    assert.equal($(el, '#amount-error')!.textContent!.trim(), en.checkout.invalid.amountMin('$50.00'), 'amount message in English, $50.00');
  });
});
