// <cr-brand-picker>: in a long list, tiles are rendered from the first tile of a row, so when a page is put back above
// (scrolling or arrowing up after End) no tile moves sideways: with four tiles a row and pages of 30, the grid used to
// jump two columns, the focused tile with it.
import {assert, fixture, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import '../../src/define.js';
import type {CrBrandPicker} from '../../src/elements/cr-brand-picker/cr-brand-picker.js';
import {proxyUrl} from '../support/env.js';
import {loaded, options, root, until} from '../support/picker-helpers.js';

suite('<cr-brand-picker>: the grid of a long list keeps its columns', () => {
  test('IN (2,000 brands), four tiles a row: after End, tiles stay in their columns when the page above comes back', async function () {
    this.timeout(30000);
    const el = await fixture<CrBrandPicker>(html`<cr-brand-picker proxy-url=${proxyUrl} country="IN" lang="en" store=${`grid-${Date.now()}`}></cr-brand-picker>`);
    await loaded(el);
    const columns = () => {
      const tiles = options(el);
      return tiles.filter((t) => t.offsetTop === tiles[0]!.offsetTop).length;
    };
    let cols = 0;
    for (const width of ['760px', '700px', '820px', '640px', '900px']) {
      el.style.width = width;
      await el.updateComplete;
      cols = columns();
      if (30 % cols !== 0) break;
    }
    assert.notEqual(30 % cols, 0, `a width with a row length that does not divide 30 (got ${cols})`);
    root(el).querySelector<HTMLInputElement>('#search')!.focus();
    await sendKeys({press: 'ArrowDown'});
    await sendKeys({press: 'End'});
    await el.updateComplete;
    const posinset = (o: Element | null | undefined) => Number(o?.getAttribute('aria-posinset'));
    const focused = root(el).activeElement as HTMLElement;
    const brand = posinset(focused);
    const x = focused.getBoundingClientRect().left;
    const first = posinset(options(el)[0]);
    assert.isAbove(first, 1, 'End rendered the last pages only');
    // Scrolled up (or arrowed up): a page of 30 tiles comes back above.
    root(el).querySelector<HTMLElement>('#panel')!.scrollTop = 0;
    await until(() => posinset(options(el)[0]) < first, 'earlier tiles when scrolled up');
    await el.updateComplete;
    const same = options(el).find((o) => posinset(o) === brand)!;
    assert.strictEqual(root(el).activeElement, same, 'the focus stayed on its brand');
    assert.approximately(same.getBoundingClientRect().left, x, 2, `brand ${brand} moved sideways (${cols} a row; 30 % ${cols} = ${30 % cols} columns) when the page above came back`);
  });
});
