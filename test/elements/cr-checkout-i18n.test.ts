// <cr-checkout> text and numbers in the reader's language beyond the messages themselves: lists, punctuation.
import {assert} from '@open-wc/testing';
import {loadMessages} from '../../src/i18n/i18n.js';
import {$$, buyerEmail, formReady, mountCheckout, submit, type, waitFor} from '../support/checkout-helpers.js';
import {$} from '../support/checkout-helpers.js';

suite('cr-checkout: in the reader\'s language', () => {
  test('a problem\'s supported pairs: the language\'s list ("A、B和C", "A, B und C"), no Latin space after a Chinese colon', async () => {
    for (const [lang, and] of [['zh', '和'], ['de', ' und ']] as const) {
      const common = (await loadMessages(lang)).common;
      const el = await mountCheckout({brand: 'Steam', lang});
      await formReady(el);
      type($<HTMLInputElement>(el, '#email')!, buyerEmail(['unsupported_protocol_coin_combination']));
      await submit(el);
      const line = await waitFor(
        () => $$(el, '[part="field-error"] p').map((p) => p.textContent!.trim()).find((t) => t.startsWith(common.supportedPairs)),
        `${lang}: the supported pairs`,
      );
      const list = line.slice(common.supportedPairs.length);
      assert.include(list, and, `${lang}: ${line}`);
      if (lang === 'zh') {
        assert.notMatch(line, /, |： /, line);
        assert.include(list, '、', line);
      }
      el.remove();
    }
  });
});
