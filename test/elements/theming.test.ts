// Theming of <cr-brand-picker> in real Chromium, against the real sandbox behind the real proxy: the public
// `--cr-*` custom properties reach the pieces inside the shadow root, a page's `::part()` rules reach the tiles and
// tabs, and `theme="light" | "dark"` (or the system setting) picks the defaults.
import {assert, fixture, html} from '@open-wc/testing';
import {emulateMedia, sendKeys} from '@web/test-runner-commands';
import '../../src/define.js';
import type {CrBrandPicker} from '../../src/elements/cr-brand-picker/cr-brand-picker.js';
import {proxyUrl} from '../support/env.js';
import {loaded, option, options, root} from '../support/picker-helpers.js';
import {formReady, mountCheckout} from '../support/checkout-helpers.js';

let storeCount = 0;
const freshStore = () => `theming-${++storeCount}-${Date.now()}`;

const selectedTab = (el: CrBrandPicker) => root(el).querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')!;
const style = (element: Element) => getComputedStyle(element);


/** A picker as the other picker tests mount it; `theme` absent when null (follow the system). */
async function picker(attrs: {theme?: string | null; className?: string} = {}): Promise<CrBrandPicker> {
  const el = await fixture<CrBrandPicker>(html`<cr-brand-picker
    proxy-url=${proxyUrl}
    country="US"
    store=${freshStore()}
    lang="en"
    class=${attrs.className ?? ''}
  ></cr-brand-picker>`);
  if (attrs.theme !== null) el.setAttribute('theme', attrs.theme ?? 'light');
  return loaded(el);
}

// Defaults of src/styles/theme.ts, as computed colours.
const LIGHT = {accent: 'rgb(11, 95, 255)', bg: 'rgb(255, 255, 255)', fg: 'rgb(22, 27, 38)'};
const DARK = {accent: 'rgb(143, 176, 255)', bg: 'rgb(18, 21, 28)', fg: 'rgb(232, 235, 242)'};
const VIOLET = 'rgb(124, 58, 237)';

suite('theming', () => {
  let pageStyle: HTMLStyleElement | undefined;
  teardown(async () => {
    pageStyle?.remove();
    pageStyle = undefined;
    await emulateMedia({colorScheme: 'light'});
  });

  test('--cr-accent on the element recolours the selected tab and the selected tile, in light and dark', async () => {
    for (const [theme, defaults] of [['light', LIGHT], ['dark', DARK]] as const) {
      const el = await picker({theme});
      assert.equal(style(selectedTab(el)).borderBottomColor, defaults.accent, `${theme}: default accent`);
      el.style.setProperty('--cr-accent', '#7c3aed');
      assert.equal(style(selectedTab(el)).borderBottomColor, VIOLET, `${theme}: the selected tab follows --cr-accent`);
      // An unselected tab does not take the accent.
      const other = root(el).querySelector<HTMLElement>('[role="tab"][aria-selected="false"]')!;
      assert.notEqual(style(other).borderBottomColor, VIOLET);

      const steam = option(el, 'Steam')!;
      assert.notEqual(style(steam).borderTopColor, VIOLET, 'an unselected tile has the border colour');
      steam.click();
      await el.updateComplete;
      assert.equal(steam.getAttribute('aria-selected'), 'true');
      assert.equal(style(steam).borderTopColor, VIOLET, `${theme}: the selected tile's border follows --cr-accent`);
      assert.include(style(steam).boxShadow, VIOLET, `${theme}: and its ring`);
      el.style.removeProperty('--cr-accent');
      assert.equal(style(steam).borderTopColor, defaults.accent, `${theme}: back to the default accent`);
    }
  });

  test('--cr-accent and --cr-focus set on an ancestor reach the focus ring of a tile reached by keyboard', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <cr-brand-picker proxy-url=${proxyUrl} country="US" store=${freshStore()} lang="en" theme="light"></cr-brand-picker>
    </div>`);
    wrapper.style.setProperty('--cr-accent', '#7c3aed');
    const el = await loaded(wrapper.querySelector('cr-brand-picker')!);
    assert.equal(style(selectedTab(el)).borderBottomColor, VIOLET, 'inherited from the ancestor');
    root(el).querySelector<HTMLInputElement>('#search')!.focus();
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    const first = options(el)[0]!;
    assert.strictEqual(root(el).activeElement, first);
    assert.isTrue(first.matches(':focus-visible'));
    assert.equal(style(first).outlineColor, VIOLET, 'the focus ring defaults to the accent');
    wrapper.style.setProperty('--cr-focus', 'rgb(200, 0, 100)');
    assert.equal(style(first).outlineColor, 'rgb(200, 0, 100)', '--cr-focus overrides it');
  });

  test('a page rule cr-brand-picker::part(brand) reaches the tiles (and brand-selected, tab-selected, brand-out-of-stock)', async () => {
    pageStyle = document.createElement('style');
    pageStyle.textContent = `
      cr-brand-picker.parted::part(brand) { border-top-color: rgb(1, 2, 3); border-top-width: 5px; letter-spacing: 2px; }
      cr-brand-picker.parted::part(brand-selected) { outline: 3px solid rgb(255, 215, 0); }
      cr-brand-picker.parted::part(brand-out-of-stock) { opacity: 0.5; }
      cr-brand-picker.parted::part(tab-selected) { border-bottom-color: rgb(4, 5, 6); }
      cr-brand-picker.parted::part(brand-name) { text-transform: uppercase; }
    `;
    document.head.append(pageStyle);
    const plain = await picker();
    const parted = await picker({className: 'parted'});

    for (const tile of options(parted)) {
      assert.equal(style(tile).borderTopColor, 'rgb(1, 2, 3)', 'every tile');
      assert.equal(style(tile).borderTopWidth, '5px');
      assert.equal(style(tile).letterSpacing, '2px');
      assert.equal(style(tile.querySelector('.name')!).textTransform, 'uppercase');
    }
    // A picker the rule does not select is unchanged.
    const plainTile = options(plain)[0]!;
    assert.notEqual(style(plainTile).borderTopColor, 'rgb(1, 2, 3)');
    assert.equal(style(plainTile).borderTopWidth, '1px');
    assert.equal(style(plainTile.querySelector('.name')!).textTransform, 'none');

    assert.equal(style(selectedTab(parted)).borderBottomColor, 'rgb(4, 5, 6)', 'the page rule wins over the shadow styles');
    assert.equal(style(selectedTab(plain)).borderBottomColor, LIGHT.accent);

    const bestBuy = option(parted, 'Best Buy')!;
    assert.equal(style(bestBuy).opacity, '0.5', 'brand-out-of-stock');
    assert.equal(style(option(parted, 'Steam')!).opacity, '1');

    const steam = option(parted, 'Steam')!;
    assert.equal(style(steam).outlineStyle, 'none');
    steam.click();
    await parted.updateComplete;
    assert.equal(style(steam).outlineColor, 'rgb(255, 215, 0)', 'brand-selected, once selected');
    assert.equal(style(steam).outlineWidth, '3px');
    assert.equal(style(steam).borderTopColor, 'rgb(1, 2, 3)', 'still a brand part too');
  });

  test('theme="dark" vs theme="light": --cr-bg-driven backgrounds, text colour, color-scheme; --cr-bg applies in both', async () => {
    const light = await picker({theme: 'light'});
    const dark = await picker({theme: 'dark'});
    assert.equal(style(light).backgroundColor, LIGHT.bg);
    assert.equal(style(dark).backgroundColor, DARK.bg);
    assert.equal(style(light).color, LIGHT.fg);
    assert.equal(style(dark).color, DARK.fg);
    assert.equal(style(light).colorScheme, 'light');
    assert.equal(style(dark).colorScheme, 'dark');
    // Inside the shadow root: the tiles and the search box are on --cr-bg too.
    assert.equal(style(options(light)[0]!).backgroundColor, LIGHT.bg);
    assert.equal(style(options(dark)[0]!).backgroundColor, DARK.bg);
    assert.equal(style(root(dark).querySelector('#search')!).backgroundColor, DARK.bg);

    // Switching the attribute at runtime switches the look.
    dark.setAttribute('theme', 'light');
    assert.equal(style(dark).backgroundColor, LIGHT.bg);
    assert.equal(style(options(dark)[0]!).backgroundColor, LIGHT.bg);
    dark.setAttribute('theme', 'dark');

    // A partner's --cr-bg wins over both defaults.
    for (const el of [light, dark]) {
      el.style.setProperty('--cr-bg', 'rgb(10, 20, 30)');
      assert.equal(style(el).backgroundColor, 'rgb(10, 20, 30)', el.getAttribute('theme')!);
      assert.equal(style(options(el)[0]!).backgroundColor, 'rgb(10, 20, 30)');
    }
  });

  test('without theme the system setting rules; theme="light" holds against a dark system', async () => {
    await emulateMedia({colorScheme: 'dark'});
    const system = await picker({theme: null});
    const forcedLight = await picker({theme: 'light'});
    assert.equal(style(system).backgroundColor, DARK.bg);
    assert.equal(style(selectedTab(system)).borderBottomColor, DARK.accent);
    assert.equal(style(forcedLight).backgroundColor, LIGHT.bg);
    assert.equal(style(selectedTab(forcedLight)).borderBottomColor, LIGHT.accent);
    await emulateMedia({colorScheme: 'light'});
    assert.equal(style(system).backgroundColor, LIGHT.bg, 'follows the system when it changes');
  });

  test('legible on any accent: text on the accent is black or white, whichever reads (4.5:1); control outlines 3:1', async () => {
    // Any CSS colour (oklch, rgb…) as sRGB bytes, as the page paints it.
    const canvas = document.createElement('canvas').getContext('2d', {willReadFrequently: true})!;
    const rgb = (color: string): [number, number, number] => {
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = color;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!];
    };
    const luminance = (color: string) => {
      const [r, g, b] = rgb(color).map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    for (const theme of ['light', 'dark'] as const) {
      const el = await mountCheckout({brand: 'Steam', theme});
      await formReady(el);
      const pay = root(el).querySelector<HTMLElement>('[part~="pay-button"]')!;
      const input = root(el).querySelector<HTMLElement>('#email')!;
      // The defaults, the demo's brand violet, and accents that want dark text.
      for (const accent of [undefined, '#7b2ff7', '#ffeb3b', '#00c853', '#e91e63', '#1e88e5']) {
        if (accent) el.style.setProperty('--cr-accent', accent);
        const ratio = contrast(style(pay).color, style(pay).backgroundColor);
        assert.isAtLeast(ratio, 4.5, `${theme}, accent ${accent ?? 'default'}: ${style(pay).color} on ${style(pay).backgroundColor}`);
      }
      // The partner's own text colour on the accent wins.
      el.style.setProperty('--cr-accent-fg', 'rgb(1, 2, 3)');
      assert.equal(style(pay).color, 'rgb(1, 2, 3)');
      const background = style(el).backgroundColor;
      assert.isAtLeast(contrast(style(input).borderTopColor, background), 3, `${theme}: the e-mail box's outline, ${style(input).borderTopColor} on ${background}`);
    }
  });
});
