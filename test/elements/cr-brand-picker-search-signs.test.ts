// <cr-brand-picker>: the search finds names with signs inside them however they are typed: without the signs
// ("tmobile", "7eleven", "mcdonalds"), or with the typographic apostrophe a phone keyboard puts in ("McDonald’s").
import {assert, fixture, html} from '@open-wc/testing';
import '../../src/define.js';
import type {CrBrandPicker} from '../../src/elements/cr-brand-picker/cr-brand-picker.js';
import type {BrandsPage} from '../../src/api/schemas.js';
import {filterBrands, indexBrands} from '../../src/elements/cr-brand-picker/brand-index.js';
import {proxyUrl} from '../support/env.js';
import {loaded, names, root} from '../support/picker-helpers.js';

suite('<cr-brand-picker>: search ignores the signs inside names', () => {
  test('US top-ups: "tmobile" finds T-Mobile', async () => {
    const el = await fixture<CrBrandPicker>(html`<cr-brand-picker proxy-url=${proxyUrl} country="US" lang="en" store=${`punct-${Date.now()}`}></cr-brand-picker>`);
    await loaded(el);
    root(el).querySelector<HTMLElement>('#tab-topups')!.click();
    await el.updateComplete;
    assert.include(names(el), 'T-Mobile');
    const input = root(el).querySelector<HTMLInputElement>('#search')!;
    input.value = 'tmobile';
    input.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
    await el.updateComplete;
    assert.include(names(el), 'T-Mobile', '"tmobile" finds T-Mobile');
  });

  test('the index: "mcdonalds" and "McDonald’s" find McDonald\'s, "7eleven" finds 7-Eleven', () => {
    const page = {all_brands: ["McDonald's", '7-Eleven'].map((family) => ({family, brand: family, kind: 'giftcard', category: 'food'}))} as unknown as BrandsPage;
    const index = indexBrands(page);
    const found = (q: string) => filterBrands(index.all, q).map((e) => e.brand.family);
    assert.deepEqual(found('mcdonalds'), ["McDonald's"]);
    assert.deepEqual(found('McDonald’s'), ["McDonald's"]);
    assert.deepEqual(found('7eleven'), ['7-Eleven']);
  });
});
