// <cr-brand-picker> on a right-to-left page: the tabs and the grid run from the right, and the arrow keys move the
// way they point on screen (the right arrow to the tile or tab on the right, which comes before).
import {assert, fixture, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/define.js';
import type {CrBrandPicker} from '../../src/elements/cr-brand-picker/cr-brand-picker.js';
import {proxyUrl} from '../support/env.js';
import {loaded, options, root} from '../support/picker-helpers.js';

suite('<cr-brand-picker>: arrow keys follow the screen on a right-to-left page', () => {
  test('dir="rtl": ArrowRight moves to the tile on the right, ArrowLeft to the one on the left', async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div dir="rtl" style="width: 760px"><cr-brand-picker proxy-url=${proxyUrl} country="US" lang="en" store=${`rtl-${Date.now()}`}></cr-brand-picker></div>`,
    );
    const el = wrap.querySelector<CrBrandPicker>('cr-brand-picker')!;
    await loaded(el);
    const tiles = options(el);
    assert.isAbove(tiles[0]!.getBoundingClientRect().left, tiles[1]!.getBoundingClientRect().left, 'the grid flows right to left');
    // From the search box, ArrowDown goes to the first brand: the rightmost tile of the first row.
    root(el).querySelector<HTMLInputElement>('#search')!.focus();
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    assert.strictEqual(root(el).activeElement, tiles[0]);
    const x = tiles[0]!.getBoundingClientRect().left;
    await sendKeys({press: 'ArrowRight'});
    await el.updateComplete;
    const now = root(el).activeElement as HTMLElement;
    assert.isAtLeast(now.getBoundingClientRect().left, x, `ArrowRight on the rightmost tile went to brand ${Number(now.dataset['index']) + 1}, on its left`);
  });

  test('dir="rtl": ArrowRight on the tabs goes to the tab on the right', async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div dir="rtl"><cr-brand-picker proxy-url=${proxyUrl} country="US" lang="en" store=${`rtl-tabs-${Date.now()}`}></cr-brand-picker></div>`,
    );
    const el = wrap.querySelector<CrBrandPicker>('cr-brand-picker')!;
    await loaded(el);
    const tabs = [...root(el).querySelectorAll<HTMLElement>('[role="tab"]')];
    assert.isAtLeast(tabs.length, 2);
    tabs[1]!.click();
    await el.updateComplete;
    tabs[1]!.focus();
    const x = tabs[1]!.getBoundingClientRect().left;
    await sendKeys({press: 'ArrowRight'});
    await el.updateComplete;
    const now = root(el).activeElement as HTMLElement;
    assert.isAbove(now.getBoundingClientRect().left, x, `ArrowRight went to ${now.id}, which is on the left`);
  });
});
