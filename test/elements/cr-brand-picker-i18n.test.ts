// <cr-brand-picker> numbers in the reader's notation: a brand's price span sent as bare numbers.
import {assert, fixture, html} from '@open-wc/testing';
import '../../src/define.js';
import type {CrBrandPicker} from '../../src/elements/cr-brand-picker/cr-brand-picker.js';
import {proxyUrl} from '../support/env.js';
import {unique} from '../support/checkout-helpers.js';
import {loaded, option} from '../support/picker-helpers.js';

/**
 * A German picker whose brands answer sends `span` in place of upstream's "$5"–"$500" labels (`"min":1000,…`), as
 * upstream may send a price span; returns the picker and the price spans its tiles show.
 */
async function germanPickerWith(span: string) {
  const realFetch = window.fetch;
  window.fetch = async (input, init) => {
    const answer = await realFetch(input, init);
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (!url.pathname.endsWith('/v2/brands') || !answer.ok) return answer;
    const text = (await answer.text()).replace(/"min":"\$5","max":"\$500"/g, span);
    return new Response(text, {status: 200, headers: {'content-type': 'application/json'}});
  };
  try {
    const el = await loaded(await fixture<CrBrandPicker>(html`<cr-brand-picker proxy-url=${proxyUrl} country="US" lang="de" store=${unique('s')}></cr-brand-picker>`));
    return {el, spans: [...el.shadowRoot!.querySelectorAll('[part~="brand-range"]')].map((s) => s.textContent!.trim())};
  } finally {
    window.fetch = realFetch;
  }
}

suite('cr-brand-picker: in the reader\'s language', () => {
  test('a price span upstream sends as numbers is shown in the page\'s notation ("1.000 – 25.000" in German); labels as written', async () => {
    const {el, spans} = await germanPickerWith('"min":1000,"max":25000');
    assert.include(spans, '1.000 – 25.000', spans.join(' | '));
    assert.ok(spans.some((s) => s.includes('$')), 'labels stay as upstream wrote them');
    assert.ok(option(el, 'Amazon.com'));
  });

  test('a price span sent as fractional numbers keeps every digit upstream sent ("0,0005 – 12,3456", not rounded to "0,001")', async () => {
    const {spans} = await germanPickerWith('"min":0.0005,"max":12.3456');
    assert.include(spans, '0,0005 – 12,3456', spans.join(' | '));
  });
});
