// <cr-brand-picker> in real Chromium against the real sandbox behind the real proxy.
import {assert, fixture, html, oneEvent} from '@open-wc/testing';
import {nothing} from 'lit';
import {emulateMedia, sendKeys} from '@web/test-runner-commands';
import '../../src/define.js';
import type {CrBrandPicker} from '../../src/elements/cr-brand-picker/cr-brand-picker.js';
import type {BrandSelectDetail, ErrorDetail} from '../../src/events.js';
import {COUNTRY_CODES} from '../../src/i18n/countries.js';
import {getStore} from '../../src/store/store.js';
import {expectAccessible} from '../support/a11y.js';
import {proxyUrl, sandboxUrl} from '../support/env.js';
import {sandboxControls} from '../support/sandbox-controls.js';
import {loaded, names, option, options, root, until} from '../support/picker-helpers.js';

const sandbox = sandboxControls(sandboxUrl);
const TRAP = '<img src=x onerror=alert(1)> Gifts & "Co"';
let storeCount = 0;
/** A fresh store per test, so no state (country, brand) leaks from one test into the next. */
const freshStore = () => `picker-${++storeCount}-${Date.now()}`;

const tab = (el: CrBrandPicker, id: string) => root(el).querySelector<HTMLElement>(`#tab-${id}`)!;
const search = (el: CrBrandPicker) => root(el).querySelector<HTMLInputElement>('#search')!;

async function picker(attrs: {country?: string; lang?: string | null; store?: string; proxy?: string | null; theme?: string} = {}): Promise<CrBrandPicker> {
  const el = await fixture<CrBrandPicker>(html`<cr-brand-picker
    proxy-url=${attrs.proxy === null ? nothing : (attrs.proxy ?? proxyUrl)}
    country=${attrs.country ?? 'US'}
    store=${attrs.store ?? freshStore()}
    lang=${attrs.lang === null ? nothing : (attrs.lang ?? 'en')}
    theme=${attrs.theme ?? 'light'}
  ></cr-brand-picker>`);
  return el;
}

async function type(el: CrBrandPicker, text: string): Promise<void> {
  const input = search(el);
  input.value = text;
  input.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
  await el.updateComplete;
}

suite('cr-brand-picker', () => {
  setup(async () => {
    await sandbox.clearFaults();
  });
  teardown(async () => {
    await sandbox.clearFaults();
    await emulateMedia({colorScheme: 'light'});
  });

  test('renders the US gift cards: de-duplicated, e-money hidden, with ranges', async () => {
    const el = await loaded(await picker());
    const shown = names(el);
    assert.include(shown, 'Amazon.com');
    assert.include(shown, 'Steam');
    assert.notInclude(shown, 'Paysafecard', 'e-money needs a verified user: hidden');
    assert.notInclude(shown, 'T-Mobile', 'top-ups are under their own tab');
    assert.equal(shown.filter((n) => n === 'Amazon.com').length, 1, 'Amazon.com is in three categories, shown once');
    assert.equal(new Set(shown).size, shown.length);
    assert.equal(option(el, 'Amazon.com')!.querySelector('.range')!.textContent, '$5 – $500');
    const listbox = root(el).querySelector('[role="listbox"]')!;
    assert.equal(listbox.getAttribute('aria-label'), 'Brands');
    assert.equal(option(el, 'Steam')!.getAttribute('aria-setsize'), String(shown.length));
  });

  test('tabs: gift cards, top-ups, eSIMs; click and arrow keys', async () => {
    const el = await loaded(await picker());
    const tabs = [...root(el).querySelectorAll('[role="tab"]')].map((t) => t.id);
    assert.deepEqual(tabs, ['tab-giftcards', 'tab-topups', 'tab-esims']);
    assert.equal(tab(el, 'giftcards').getAttribute('aria-selected'), 'true');
    tab(el, 'topups').click();
    await el.updateComplete;
    assert.sameMembers(names(el), ['T-Mobile', 'Verizon']);
    assert.equal(tab(el, 'topups').getAttribute('tabindex'), '0');
    assert.equal(tab(el, 'giftcards').getAttribute('tabindex'), '-1');
    tab(el, 'topups').focus();
    await sendKeys({press: 'ArrowRight'});
    await el.updateComplete;
    assert.equal(tab(el, 'esims').getAttribute('aria-selected'), 'true');
    assert.strictEqual(root(el).activeElement, tab(el, 'esims'));
    assert.deepEqual(names(el), ['eSIM']);
    await sendKeys({press: 'ArrowRight'});
    await el.updateComplete;
    assert.equal(tab(el, 'giftcards').getAttribute('aria-selected'), 'true', 'wraps around');
    assert.equal(root(el).querySelector('[role="tabpanel"]')!.getAttribute('aria-labelledby'), 'tab-giftcards');
  });

  test('search is accent- and case-insensitive ("cafe" finds "Café"), counts are announced', async () => {
    const el = await loaded(await picker({country: 'IN'}));
    await type(el, 'cafe');
    const found = names(el);
    assert.isAbove(found.length, 0);
    for (const name of found) assert.match(name.normalize('NFD').replace(/\p{M}/gu, ''), /cafe/i);
    assert.ok(found.some((n) => n.includes('Café')));
    await type(el, 'GOLDEN CAFÉ');
    assert.ok(names(el).every((n) => n.startsWith('Golden Café')), names(el).slice(0, 5).join(', '));
    const live = root(el).querySelector('[aria-live="polite"]')!;
    const expected = (await until(() => (live.textContent?.trim() ? live.textContent.trim() : undefined), 'the announcement', 3000));
    assert.match(expected, /^\d+ brands?$/);
    // The tab labels tell how many match in each tab while searching.
    assert.match(tab(el, 'giftcards').textContent!, /\(\d+\)/);
  });

  test('no match: says so, and "clear search" brings the list back', async () => {
    const el = await loaded(await picker());
    await type(el, 'zzzqqqxx');
    const empty = root(el).querySelector('[part~="empty"]')!;
    assert.include(empty.textContent!, 'No brand matches “zzzqqqxx”.');
    root(el).querySelector<HTMLButtonElement>('[part~="clear-search-button"]')!.click();
    await el.updateComplete;
    assert.equal(search(el).value, '');
    assert.include(names(el), 'Amazon.com');
    assert.strictEqual(root(el).activeElement, search(el));
  });

  test('keyboard only: search → arrows → Home/End → Enter selects', async () => {
    const el = await loaded(await picker());
    search(el).focus();
    await sendKeys({type: 'st'});
    await el.updateComplete;
    assert.equal(search(el).value, 'st');
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    const first = options(el)[0]!;
    assert.strictEqual(root(el).activeElement, first);
    assert.equal(first.getAttribute('tabindex'), '0');
    await sendKeys({press: 'End'});
    await el.updateComplete;
    const all = options(el);
    assert.strictEqual(root(el).activeElement, all[all.length - 1]);
    await sendKeys({press: 'Home'});
    await el.updateComplete;
    assert.strictEqual(root(el).activeElement, all[0]);
    if (all.length > 1) {
      await sendKeys({press: 'ArrowRight'});
      await el.updateComplete;
      assert.strictEqual(root(el).activeElement, options(el)[1]);
      await sendKeys({press: 'ArrowLeft'});
      await el.updateComplete;
    }
    const expected = names(el)[0];
    setTimeout(() => void sendKeys({press: 'Enter'}));
    const event = await oneEvent(el, 'cr-brand-select');
    assert.equal((event as CustomEvent<BrandSelectDetail>).detail.brand.family, expected);
    await el.updateComplete;
    assert.equal(options(el)[0]!.getAttribute('aria-selected'), 'true');
    // Only one tile is in the tab order (roving tabindex).
    assert.equal(options(el).filter((o) => o.tabIndex === 0).length, 1);
  });

  test('type-ahead: a letter typed on a brand goes on in the search box, which then has the focus', async () => {
    const el = await loaded(await picker());
    search(el).focus();
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    assert.strictEqual(root(el).activeElement, options(el)[0]);
    await sendKeys({type: 'st'});
    await el.updateComplete;
    assert.strictEqual(root(el).activeElement, search(el));
    assert.equal(search(el).value, 'st');
    assert.include(names(el), 'Steam', 'the list is filtered by what was typed');
    // A shortcut (Ctrl+A) is the page's, not a letter for the search.
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    await sendKeys({down: 'Control'});
    await sendKeys({press: 'a'});
    await sendKeys({up: 'Control'});
    assert.strictEqual(root(el).activeElement, options(el)[0]);
  });

  test('grid: Up/Down move by one row as laid out on screen, also after the width changes', async () => {
    const el = await loaded(await picker());
    const active = () => root(el).activeElement as HTMLElement;
    /** The tile a user sees right below (dy = 1) or above (dy = -1) `from`: same column, nearest other row. */
    const neighbour = (from: HTMLElement, dy: 1 | -1) => {
      const tiles = options(el).filter((t) => t.offsetLeft === from.offsetLeft && (t.offsetTop - from.offsetTop) * dy > 0);
      tiles.sort((a, b) => (a.offsetTop - b.offsetTop) * dy);
      return tiles[0];
    };
    const rowLength = () => {
      const tiles = options(el);
      return tiles.filter((t) => t.offsetTop === tiles[0]!.offsetTop).length;
    };
    const press = async (key: string) => {
      await sendKeys({press: key});
      await el.updateComplete;
    };

    const columnsSeen: number[] = [];
    for (const width of ['760px', '420px']) {
      el.style.width = width;
      await el.updateComplete;
      const columns = rowLength();
      columnsSeen.push(columns);
      assert.isAtLeast(columns, 2, `width ${width}: several tiles per row`);
      assert.isAbove(options(el).length, columns + 1, 'at least two rows');

      options(el)[0]!.focus();
      await press('Home');
      await press('ArrowRight');
      const start = active();
      assert.strictEqual(start, options(el)[1], 'the second tile of the first row');
      const below = neighbour(start, 1)!;
      assert.ok(below, 'a tile below the second one');
      assert.equal(Number(below.dataset['index']), 1 + columns);

      await press('ArrowDown');
      assert.strictEqual(active(), below, `width ${width}: ArrowDown goes to the tile right below`);
      assert.equal(below.getAttribute('tabindex'), '0');
      assert.equal(options(el).filter((o) => o.tabIndex === 0).length, 1);
      await press('ArrowUp');
      assert.strictEqual(active(), start, `width ${width}: ArrowUp comes back to the tile right above`);
      assert.strictEqual(neighbour(below, -1), start);
    }
    assert.notEqual(columnsSeen[0], columnsSeen[1], `the row length followed the width (${columnsSeen.join(' vs ')})`);
  });

  test('no brands: a country whose brands are all hidden (e-money only) shows the localized empty state', async () => {
    // The sandbox has no such country (every country has at least an eSIM), so this page keeps only the e-money
    // brands of the real US answer (from the real proxy and sandbox), as upstream would answer for such a country.
    const realFetch = window.fetch;
    let served = 0;
    let keptEmoney = 0;
    window.fetch = async (input, init) => {
      const answer = await realFetch(input, init);
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (!url.pathname.endsWith('/v2/brands') || !answer.ok) return answer;
      const page = await answer.json();
      const eMoney = (list: {category?: string}[] | null | undefined) => list?.filter((b) => b.category === 'e-money');
      const kept = {
        ...page,
        all_brands: eMoney(page.all_brands),
        categories: page.categories
          ?.map((c: {brands: {category?: string}[]}) => ({...c, brands: eMoney(c.brands)}))
          .filter((c: {brands: unknown[]}) => c.brands.length),
      };
      served++;
      keptEmoney = (JSON.stringify(kept).match(/"category":"e-money"/g) ?? []).length;
      return new Response(JSON.stringify(kept), {status: 200, headers: {'content-type': 'application/json'}});
    };
    try {
      const el = await loaded(await picker());
      assert.equal(served, 1);
      assert.isAbove(keptEmoney, 0, 'the answer still holds the e-money brands (Paysafecard)');
      const empty = root(el).querySelector('[part~="empty"]');
      assert.ok(empty, 'the empty state');
      assert.equal(empty!.textContent!.trim(), 'No brands are available here for now.');
      assert.lengthOf(options(el), 0, 'no tile (Paysafecard is e-money: hidden)');
      assert.isNull(root(el).querySelector('[part~="clear-search-button"]'), 'no "clear search" without a search');
      assert.isNull(root(el).querySelector('[role="tablist"]'), 'no tab without brands');
      assert.isNull(root(el).querySelector('[role="tabpanel"]'));
      assert.isNull(root(el).querySelector('[part~="error"]'));
      assert.isNull(root(el).querySelector('[part~="status"]'));
      const live = root(el).querySelector('[aria-live="polite"]')!;
      assert.equal(await until(() => live.textContent?.trim(), 'the announcement', 3000), '0 brands');
      await expectAccessible(el);
      // Localized.
      const de = await loaded(await picker({lang: 'de'}));
      assert.equal(root(de).querySelector('[part~="empty"]')!.textContent!.trim(), 'Hier sind derzeit keine Marken verfügbar.');
    } finally {
      window.fetch = realFetch;
    }
  });

  test('country selector: the 233 supported countries, each once, named and sorted in the reader\'s language', async () => {
    assert.lengthOf(COUNTRY_CODES, 233);
    for (const lang of ['en', 'de']) {
      const el = await loaded(await picker({lang}));
      const select = root(el).querySelector('select')!;
      const codes = [...select.options].map((o) => o.value);
      assert.lengthOf(codes, 233, lang);
      assert.equal(new Set(codes).size, 233, `${lang}: no country twice`);
      assert.sameMembers(codes, [...COUNTRY_CODES], lang);
      const regions = new Intl.DisplayNames(lang, {type: 'region'});
      const shown = [...select.options].map((o) => o.textContent);
      assert.deepEqual(shown, codes.map((c) => regions.of(c)), `${lang}: names from Intl.DisplayNames`);
      const compare = new Intl.Collator(lang, {sensitivity: 'base', numeric: true}).compare;
      assert.deepEqual(shown, [...shown].sort((a, b) => compare(a!, b!)), `${lang}: sorted the language's way`);
      assert.equal(select.value, 'US');
    }
  });

  test('Tab order: country, search, tabs, then one brand', async () => {
    const el = await loaded(await picker());
    root(el).querySelector<HTMLSelectElement>('select')!.focus();
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      await sendKeys({press: 'Tab'});
      const active = root(el).activeElement as HTMLElement;
      order.push(active.getAttribute('role') ?? active.id);
    }
    assert.deepEqual(order, ['search', 'tab', 'option']);
  });

  test('selecting fires cr-brand-select (bubbles, composed) and sets the store brand', async () => {
    const store = freshStore();
    const el = await loaded(await picker({store}));
    const heard = new Promise<CustomEvent<BrandSelectDetail>>((resolve) =>
      document.addEventListener('cr-brand-select', (e) => resolve(e), {once: true}),
    );
    option(el, 'Steam')!.click();
    const event = await heard;
    assert.isTrue(event.bubbles);
    assert.isTrue(event.composed);
    assert.equal(event.detail.brand.brand, 'Steam');
    assert.equal(event.detail.brand.kind, 'giftcard');
    assert.equal(getStore(store).get().brand?.brand, 'Steam');
  });

  test('out of stock: marked, explained, not selectable', async () => {
    const store = freshStore();
    const el = await loaded(await picker({store}));
    const oos = option(el, 'Best Buy')!;
    assert.equal(oos.getAttribute('aria-disabled'), 'true');
    assert.include(oos.textContent!, 'Out of stock');
    assert.include(oos.querySelector('.visually-hidden')!.textContent!, 'cannot be selected');
    let fired = false;
    el.addEventListener('cr-brand-select', () => (fired = true));
    oos.click();
    oos.focus();
    await sendKeys({press: 'Enter'});
    await el.updateComplete;
    assert.isFalse(fired);
    assert.isUndefined(getStore(store).get().brand);
  });

  test('HTML in a brand name is shown as text, never as markup', async () => {
    let alerted = false;
    const originalAlert = window.alert;
    window.alert = () => void (alerted = true);
    try {
      const el = await loaded(await picker());
      const trap = option(el, TRAP);
      assert.ok(trap, `the trap brand is listed as text: ${names(el).join(' | ')}`);
      assert.isNull(trap!.querySelector('.name img'));
      assert.isNull(root(el).querySelector('img[src="x"]'));
      await new Promise((r) => setTimeout(r, 200));
      assert.isFalse(alerted);
    } finally {
      window.alert = originalAlert;
    }
  });

  test('logos: srcset variants, lazy, sized, bg colour through the CSSOM; initials when a logo fails', async () => {
    const el = await loaded(await picker());
    const amazon = option(el, 'Amazon.com')!;
    const source = amazon.querySelector('source')!;
    assert.match(source.getAttribute('srcset')!, /_300x190\.webp 300w, .*_500x318\.webp 500w$/);
    const img = amazon.querySelector('img')!;
    assert.equal(img.getAttribute('loading'), 'lazy');
    assert.equal(img.getAttribute('decoding'), 'async');
    assert.equal(img.getAttribute('width'), '300');
    assert.equal(img.getAttribute('height'), '190');
    const steamLogo = option(el, 'Steam')!.querySelector<HTMLElement>('.logo')!;
    assert.equal(steamLogo.style.getPropertyValue('--_logo-bg'), '#171a21');
    assert.isNull(steamLogo.getAttribute('style')?.match(/background:/) ?? null);
    // Corner Bookshop's logo 404s in the sandbox: its tile falls back to initials.
    const corner = option(el, 'Corner Bookshop')!;
    corner.scrollIntoView();
    await until(() => corner.querySelector('.initials'), 'the initials fallback');
    assert.equal(corner.querySelector('.initials')!.textContent, 'CB');
  });

  test('errors: 5xx, malformed JSON and 429 show a localized message and a retry that works', async () => {
    await sandbox.fault({kind: 'server-error', endpoint: 'brands', status: 500});
    const el = await picker();
    const errorEvent = oneEvent(el, 'cr-error') as Promise<CustomEvent<ErrorDetail>>;
    const error = await until(() => root(el).querySelector('[part~="error"]'), 'the error state', 10000);
    assert.equal((await errorEvent).detail.code, 'http-5xx');
    assert.include(error.textContent!, 'The brands could not be loaded.');
    assert.include(error.textContent!, 'The service is having trouble right now.');
    const alert = error.querySelector('[role="alert"]')!;
    assert.include(alert.textContent!, 'The brands could not be loaded.');
    assert.isNull(alert.querySelector('button'), '"Try again" is beside the alert, not read out with it');
    await sandbox.clearFaults();
    root(el).querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await until(() => option(el, 'Amazon.com'), 'the list after retry');

    await sandbox.fault({kind: 'malformed-json', endpoint: 'brands', times: 1});
    await el.reload();
    await el.updateComplete;
    assert.include(root(el).querySelector('[part~="error"]')!.textContent!, 'could not read');

    await sandbox.fault({kind: 'rate-limit', endpoint: 'brands', retryAfter: 60, times: 1});
    await el.reload();
    await el.updateComplete;
    assert.include(root(el).querySelector('[part~="error"]')!.textContent!, 'Too many requests');
    await el.reload();
    await el.updateComplete;
    assert.ok(option(el, 'Amazon.com'));
  });

  test('changing country aborts the slow load and shows the new country', async () => {
    const store = freshStore();
    const el = await loaded(await picker({store}));
    await sandbox.fault({kind: 'slow', endpoint: 'brands', ms: 3000, times: 1});
    getStore(store).update({country: 'DE'}); // slow: superseded next
    await el.updateComplete;
    const select = root(el).querySelector('select')!;
    select.value = 'GB';
    select.dispatchEvent(new Event('change'));
    const started = performance.now();
    await until(() => option(el, 'Tesco'), 'the GB list', 2500);
    assert.isBelow(performance.now() - started, 2500);
    assert.equal(getStore(store).get().country, 'GB');
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(option(el, 'Tesco'), 'the stale DE answer never replaced GB');
  });

  test('loading: a status message and a skeleton while the brands come', async () => {
    await sandbox.fault({kind: 'slow', endpoint: 'brands', ms: 1500, times: 1});
    const el = await picker();
    const status = await until(() => root(el).querySelector('[part~="status"]'), 'the loading state', 1000);
    assert.equal(status.getAttribute('role'), 'status');
    assert.equal(status.textContent, 'Loading brands…');
    assert.equal(root(el).querySelector('.skeletons')!.getAttribute('aria-hidden'), 'true');
    await loaded(el);
    assert.isNull(root(el).querySelector('[part~="status"]'));
  });

  test('picking another country unselects a brand of the old one', async () => {
    const store = freshStore();
    const el = await loaded(await picker({store}));
    option(el, 'Steam')!.click();
    assert.equal(getStore(store).get().brand?.brand, 'Steam');
    const select = root(el).querySelector('select')!;
    select.value = 'GB';
    select.dispatchEvent(new Event('change'));
    assert.equal(getStore(store).get().country, 'GB');
    assert.isUndefined(getStore(store).get().brand);
    // A change from elsewhere (another element of the store) shows in the selector, even after a user pick.
    getStore(store).update({country: 'DE'});
    await el.updateComplete;
    assert.equal(select.value, 'DE');
    assert.equal(select.selectedOptions[0]!.textContent, 'Germany');
  });

  test('no proxy-url anywhere in the store (or an empty one): a localized configuration error', async () => {
    const el = await picker({proxy: ''});
    const error = await until(() => root(el).querySelector('[part~="error"]'), 'the config error', 4000);
    assert.include(error.textContent!, 'not set up on this page');
    assert.notInclude(error.textContent!, 'proxy-url', 'a buyer is not told what the developer must do');
  });

  test('another element of the store brings the proxy-url', async () => {
    const store = freshStore();
    const el = await picker({store, proxy: null});
    getStore(store).update({proxyUrl});
    await loaded(el);
    assert.include(names(el), 'Amazon.com');
  });

  test('languages: own lang, closest [lang] ancestor, fallback for others', async () => {
    const de = await loaded(await picker({lang: 'de'}));
    assert.equal(root(de).querySelector('.field-label')!.textContent, 'Land');
    assert.equal(root(de).querySelector('select option:checked')!.textContent, 'Vereinigte Staaten');
    assert.equal(tab(de, 'giftcards').textContent!.trim(), 'Geschenkkarten');

    const wrapper = await fixture<HTMLDivElement>(html`<div lang="pt-BR">
      <cr-brand-picker proxy-url=${proxyUrl} store=${freshStore()}></cr-brand-picker>
    </div>`);
    const pt = await loaded(wrapper.querySelector('cr-brand-picker')!);
    assert.equal(pt.resolvedLang, 'pt');
    assert.equal(pt.locale, 'pt-BR');
    assert.equal(root(pt).querySelector('.field-label')!.textContent, 'País');
    wrapper.setAttribute('lang', 'ja');
    await pt.updateComplete;
    assert.equal(pt.resolvedLang, 'pt', 'only <html lang> is watched; an ancestor change is read on the next resolve');
    document.documentElement.lang = 'fr';
    wrapper.removeAttribute('lang');
    await until(() => pt.resolvedLang === 'fr', 'following <html lang>');
    await pt.updateComplete;
    assert.equal(root(pt).querySelector('.field-label')!.textContent, 'Pays');
    document.documentElement.lang = 'en';
  });

  test('an element\'s lang removed: its store and the elements that follow it go back to <html lang>; one still with its own keeps it', async () => {
    const store = freshStore();
    document.documentElement.lang = 'pt-BR';
    try {
      const a = await loaded(await picker({store, lang: 'tr'}));
      const b = await loaded(await picker({store, lang: null}));
      assert.equal(b.resolvedLang, 'tr', 'the other follows the store');
      a.removeAttribute('lang');
      await until(() => a.resolvedLang === 'pt' && b.resolvedLang === 'pt', 'both following <html lang>');
      document.documentElement.lang = 'vi';
      await until(() => a.resolvedLang === 'vi' && b.resolvedLang === 'vi', 'and its changes');
      // Two with their own: removing one leaves the other's in the store.
      const c = await loaded(await picker({store, lang: 'de'}));
      a.setAttribute('lang', 'fr');
      await until(() => a.resolvedLang === 'fr', 'a with its own again');
      a.removeAttribute('lang');
      await until(() => a.resolvedLang === 'de' && b.resolvedLang === 'de', 'the store keeps the one still given');
      assert.equal(c.resolvedLang, 'de');
    } finally {
      document.documentElement.lang = 'en';
    }
  });

  test('the tabs\' counts are numbers of the reader\'s language; "try again" keeps the keyboard focus in the element', async function () {
    this.timeout(40000);
    const el = await loaded(await picker({country: 'IN', lang: 'de'}));
    await type(el, 'a');
    assert.match(tab(el, 'giftcards').textContent!, /\(\d{1,3}(\.\d{3})+\)/, 'German grouping, as the announcement has it');

    const failing = await picker({proxy: 'http://127.0.0.1:9/nothing-here'});
    const retry = await until(() => root(failing).querySelector<HTMLButtonElement>('[part~="retry-button"]'), 'the error', 15000);
    retry.focus();
    retry.click();
    await failing.updateComplete;
    assert.ok(root(failing).activeElement, 'the focus stays in the element while it loads again');
    await until(() => root(failing).querySelector('[part~="retry-button"]'), 'the error again', 15000);
    await failing.updateComplete;
    assert.ok(root(failing).activeElement, 'and when the error is back');
  });

  test('"try again" that succeeds leaves the keyboard focus on a brand, not on the page', async function () {
    this.timeout(40000);
    await sandbox.fault({kind: 'server-error', endpoint: 'brands', status: 503, times: 3});
    const el = await picker();
    const retry = await until(() => root(el).querySelector<HTMLButtonElement>('[part~="retry-button"]'), 'the error', 15000);
    retry.focus();
    await sendKeys({press: 'Enter'});
    await until(() => options(el).length, 'the brands after trying again', 15000);
    await el.updateComplete;
    assert.strictEqual(root(el).activeElement, options(el)[0], 'the focus is on the brand that holds the tab stop');
  });

  test('two elements of a store with languages of their own: each shows its own, and they do not take turns rewriting the store', async () => {
    const store = freshStore();
    const a = await loaded(await picker({store, lang: 'en'}));
    const b = await loaded(await picker({store, lang: null}));
    let writes = 0;
    const off = getStore(store).subscribe(() => writes++);
    try {
      a.setAttribute('lang', 'pt');
      b.setAttribute('lang', 'de');
      await until(() => a.resolvedLang === 'pt' && b.resolvedLang === 'de', 'each its own language');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.isAtMost(writes, 4, 'the store settles');
      assert.equal(getStore(store).get().lang, 'de', 'the language set last');
    } finally {
      off();
    }
  });

  test('two stores on one page: a selection in one never reaches the other', async () => {
    const a = await loaded(await picker({store: 'iso-a'}));
    const b = await loaded(await picker({store: 'iso-b', country: 'GB'}));
    option(a, 'Steam')!.click();
    assert.equal(getStore('iso-a').get().brand?.brand, 'Steam');
    assert.isUndefined(getStore('iso-b').get().brand);
    assert.equal(getStore('iso-a').get().country, 'US');
    assert.equal(getStore('iso-b').get().country, 'GB');
    await b.updateComplete;
    assert.isUndefined(options(b).find((o) => o.getAttribute('aria-selected') === 'true'));
  });

  test('switching the store attribute rebinds the element, which brings its own attributes along', async () => {
    const first = freshStore();
    const second = freshStore();
    getStore(second).update({country: 'GB'});
    const el = await loaded(await picker({store: first}));
    el.setAttribute('store', second);
    await el.updateComplete;
    // The element's proxy-url and country="US" now apply to the store it joined.
    assert.equal(getStore(second).get().proxyUrl, proxyUrl);
    assert.equal(getStore(second).get().country, 'US');
    await until(() => option(el, 'Steam'), 'the list in the second store');
    option(el, 'Steam')!.click();
    assert.equal(getStore(second).get().brand?.brand, 'Steam');
    assert.isUndefined(getStore(first).get().brand);
    assert.equal(el.getAttribute('theme'), 'light');
  });

  test('a phone-wide picker shows two tiles a row, not one full-width tile', async () => {
    const el = await picker();
    el.style.width = '320px';
    await loaded(el);
    const [first, second] = options(el).map((o) => o.getBoundingClientRect());
    assert.equal(Math.round(second!.top), Math.round(first!.top), 'the second tile is beside the first');
    assert.isAbove(second!.left, first!.right - 1);
    assert.isAtMost(second!.right, el.getBoundingClientRect().right, 'and both fit in the element');
  });

  test('accessible (axe): light theme, forced dark theme, system dark', async () => {
    const light = await loaded(await picker());
    await expectAccessible(light);
    const dark = await loaded(await picker({theme: 'dark'}));
    await expectAccessible(dark);
    await emulateMedia({colorScheme: 'dark'});
    const system = await fixture<CrBrandPicker>(html`<cr-brand-picker proxy-url=${proxyUrl} store=${freshStore()}></cr-brand-picker>`);
    await loaded(system);
    assert.equal(getComputedStyle(system).colorScheme, 'dark');
    await expectAccessible(system);
    // Error state too.
    await sandbox.fault({kind: 'malformed-json', endpoint: 'brands', times: 1});
    await system.reload();
    await system.updateComplete;
    await expectAccessible(system);
  });

  test('2,000 brands: per-keystroke filter + render time (IN, 2,000 brands)', async () => {
    const el = await loaded(await picker({country: 'IN'}));
    assert.isAtMost(options(el).length, 60, 'only the first tiles are rendered');
    const times: number[] = [];
    const query = 'golden cafe 2';
    for (let i = 1; i <= query.length; i++) {
      const started = performance.now();
      await type(el, query.slice(0, i));
      times.push(performance.now() - started);
    }
    for (let i = query.length - 1; i >= 0; i--) {
      const started = performance.now();
      await type(el, query.slice(0, i));
      times.push(performance.now() - started);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const worst = sorted[sorted.length - 1]!;
    console.log(`[bench] cr-brand-picker, IN (2,000 brands): ${times.length} keystrokes, filter+render median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms`);
    // Generous bound for slow CI machines; the figure above is what matters.
    assert.isBelow(median, 100);
  });

  test('2,000 brands: End renders the last pages only (not every tile before them), Home and scrolling up still work', async function () {
    this.timeout(30000);
    const el = await loaded(await picker({country: 'IN'}));
    const posinset = (o: Element | null | undefined) => Number(o?.getAttribute('aria-posinset'));
    search(el).focus();
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    const total = Number(options(el)[0]!.getAttribute('aria-setsize'));
    assert.isAbove(total, 1500, 'a long list (the gift cards of 2,000 brands)');
    let started = performance.now();
    await sendKeys({press: 'End'});
    await el.updateComplete;
    const endMs = performance.now() - started;
    assert.equal(posinset(root(el).activeElement), total, 'the last brand has the focus');
    assert.isAtMost(options(el).length, 90, 'a few pages are rendered, not all of them');
    assert.equal(options(el).filter((o) => o.tabIndex === 0).length, 1);
    started = performance.now();
    await sendKeys({press: 'ArrowLeft'});
    await el.updateComplete;
    const arrowMs = performance.now() - started;
    assert.equal(posinset(root(el).activeElement), total - 1);
    console.log(`[bench] cr-brand-picker, IN (${total} brands): End ${endMs.toFixed(0)} ms, then an arrow key ${arrowMs.toFixed(0)} ms`);
    // Scrolled up, the tiles before come back (a sentinel at the top).
    const first = posinset(options(el)[0]);
    assert.isAbove(first, 1);
    const panel = root(el).querySelector<HTMLElement>('#panel')!;
    const tileAt = (n: number) => options(el).find((o) => posinset(o) === n)!;
    const focused = posinset(root(el).activeElement);
    panel.scrollTop = 0;
    const before = tileAt(first).getBoundingClientRect().top - panel.getBoundingClientRect().top;
    await until(() => posinset(options(el)[0]) < first, 'earlier tiles when scrolled up');
    await new Promise((r) => setTimeout(r, 400));
    // One page, the view kept on the tile that was at the top (not left at the new top, which would load the next
    // page, and the next, until every tile above is rendered), the focus on the same brand.
    // (From the first tile of its row: cr-brand-picker-grid-columns.test.ts.)
    const perRow = options(el).filter((o) => o.offsetTop === options(el)[0]!.offsetTop).length;
    assert.equal(posinset(options(el)[0]), first - 30 - ((first - 1 - 30) % perRow), 'one page more above');
    // (Within a row: tiles above the view are laid out at their estimated height until shown.)
    assert.approximately(tileAt(first).getBoundingClientRect().top - panel.getBoundingClientRect().top, before, tileAt(first).offsetHeight, 'the view stayed');
    assert.equal(posinset(root(el).activeElement), focused, 'the focus stayed on its brand');
    assert.equal(root(el).activeElement?.getAttribute('tabindex'), '0');
    await sendKeys({press: 'Home'});
    await el.updateComplete;
    assert.equal(posinset(root(el).activeElement), 1, 'Home goes back to the first brand');
    assert.isAtMost(options(el).length, 90);
    // Arrowing on from a rendered edge extends the tiles by a page, the focus moving one by one.
    for (let i = 0; i < 35; i++) await sendKeys({press: 'ArrowRight'});
    await el.updateComplete;
    assert.equal(posinset(root(el).activeElement), 36);
  });

  test('a count in the thousands is announced formatted for the reader (2,000 / 2.000)', async () => {
    for (const [lang, words] of [['en', /^\d,\d{3} brands$/], ['de', /^\d\.\d{3} Marken$/]] as const) {
      const el = await loaded(await picker({country: 'IN', lang}));
      await type(el, 'x');
      await type(el, '');
      const live = root(el).querySelector('[aria-live="polite"]')!;
      assert.match(await until(() => (/\d{4}|\d[,.]\d{3}/.test(live.textContent ?? '') ? live.textContent!.trim() : undefined), 'the count', 3000), words);
    }
  });

  test('scrolling to the end of the list renders more tiles', async () => {
    const el = await loaded(await picker({country: 'IN'}));
    const before = options(el).length;
    const panel = root(el).querySelector<HTMLElement>('#panel')!;
    panel.scrollTop = panel.scrollHeight;
    await until(() => options(el).length > before, 'more tiles');
  });

  test('moved in the page, it still renders more tiles when scrolled to the end', async () => {
    const el = await loaded(await picker({country: 'IN'}));
    const home = el.parentElement!;
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    try {
      elsewhere.append(el);
      await el.updateComplete;
      const before = options(el).length;
      const panel = root(el).querySelector<HTMLElement>('#panel')!;
      panel.scrollTop = panel.scrollHeight;
      await until(() => options(el).length > before, 'more tiles after the move');
    } finally {
      home.append(el);
      elsewhere.remove();
    }
  });
});
