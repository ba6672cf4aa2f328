// The built script-tag bundle as partners run it: in headless Chromium, on the plain-HTML integration page served
// with a strict Content-Security-Policy, through the real proxy to the real sandbox. The whole flow (pick, pay,
// delivered) must raise no CSP violation and no page error; and the bundle loaded twice, plus a copy of it under
// another URL (a second module instance, as a second version on the page would be), must never throw.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {chromium, type Browser, type Page} from 'playwright-core';
import {chromeArgs, ensureChrome} from '../support/chrome.js';
import {builtBundleDir} from '../support/built-bundle.js';
import {startTestServers, type TestServers} from '../support/servers.js';
import {sandboxControls} from '../support/sandbox-controls.js';
import {startPageServer, strictCsp, type PageServer, type PageServerOptions} from './page-server.js';
import {shortMemberNames, sourcesIn} from './member-names.js';
import {ALL_BUDGET_KIB, ALL_THREE, ENTRY_BUDGET_KIB, LANGUAGE_CHUNK, TRACKING_WORDS_CHUNK, bundleSizes, kib, pageOf} from '../bench/sizes.js';
import {messages as de} from '../../src/i18n/locales/de/index.js';

interface Probe {
  violations: {directive: string; blocked: string; sample: string; source: string}[];
  events: {type: string; brand?: string; orderId?: string; state?: string; phase?: string; code?: string; message?: string}[];
}

const STEP_MS = 15_000;

let browser: Browser;
let servers: TestServers;
let pages: PageServer;
/** Element bodies answered this late, when a test sets it (a slow network for them alone). */
let slowBodiesMs = 0;
const options: PageServerOptions = {
  dist: '',
  proxyUrl: '',
  delayMs: (path) => (/-body-[\w-]+\.js$/.test(path) ? slowBodiesMs : 0),
  csp: (origin) => strictCsp(options.proxyUrl, servers.sandboxUrl)(origin),
  pages: {
    '/twice.html': () => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/cryptorefills-checkout.js"></script>
<script type="module" src="/cryptorefills-checkout.js"></script>
<script type="module" src="/copy/cryptorefills-checkout.js"></script>
</head><body><cr-brand-picker proxy-url="%VITE_CR_PROXY_URL%" country="US"></cr-brand-picker>
<cr-checkout></cr-checkout><cr-order-status></cr-order-status></body></html>`,
    '/status-only.html': () => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/cryptorefills-checkout.js"></script>
</head><body><cr-order-status proxy-url="%VITE_CR_PROXY_URL%"></cr-order-status></body></html>`,
    '/german.html': () => `<!doctype html><html lang="de"><head><meta charset="utf-8">
<script type="module" src="/cryptorefills-checkout.js"></script>
</head><body><cr-brand-picker proxy-url="%VITE_CR_PROXY_URL%" country="US"></cr-brand-picker></body></html>`,
    '/no-element.html': () => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/cryptorefills-checkout.js"></script>
</head><body><p>A page of the partner's site without the widget.</p></body></html>`,
  },
};

/**
 * Page errors and failed script loads, collected for the whole life of a page. Chromium also logs each CSP violation
 * to the console: those go to `csp` and must match the probe's count (a violation the probe missed fails too).
 */
function watch(page: Page): string[] & {csp: string[]} {
  const problems = Object.assign([] as string[], {csp: [] as string[]});
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.csp.push(message.text());
  });
  page.on('requestfailed', (request) => {
    if (request.resourceType() === 'script') problems.push(`script failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  return problems;
}

const probe = (page: Page) => page.evaluate(() => (window as unknown as {__cr: Probe}).__cr);

async function waitForEvent(page: Page, match: (e: Probe['events'][number]) => boolean, what: string): Promise<Probe['events'][number]> {
  const deadline = Date.now() + STEP_MS;
  while (Date.now() < deadline) {
    const found = (await probe(page)).events.find(match);
    if (found) return found;
    await page.waitForTimeout(100);
  }
  throw new Error(`no ${what} within ${STEP_MS} ms; events: ${JSON.stringify((await probe(page)).events)}`);
}

before(async () => {
  options.dist = await builtBundleDir();
  pages = await startPageServer(options);
  servers = await startTestServers([pages.origin]);
  options.proxyUrl = servers.proxyUrl;
  browser = await chromium.launch({executablePath: ensureChrome(), args: chromeArgs, headless: true});
});

after(async () => {
  await browser?.close();
  await pages?.close();
  await servers?.close();
});

describe('built bundle under a strict CSP', () => {
  test('the policy is really enforced (an inline script is refused and reported)', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${pages.origin}/integrations/plain/`);
      // addScriptTag with content makes an inline <script>: the policy must refuse it, or this test proves nothing.
      await page.addScriptTag({content: 'window.__inlineRan = true;'}).catch(() => undefined);
      assert.equal(await page.evaluate(() => (window as unknown as {__inlineRan?: boolean}).__inlineRan), undefined);
      const {violations} = await probe(page);
      assert.ok(violations.some((v) => v.directive.startsWith('script-src')), JSON.stringify(violations));
    } finally {
      await page.close();
    }
  });

  test('plain HTML page: pick, pay, delivered, with no violation and no page error', async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    const sandbox = sandboxControls(servers.sandboxUrl);
    try {
      const response = await page.goto(`${pages.origin}/integrations/plain/`);
      assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);

      // 1. Pick: tiles are buttons/options inside the picker's shadow root (Playwright's CSS pierces open roots).
      const steam = page.locator('cr-brand-picker [part~="brand"]', {hasText: 'Steam'}).first();
      await steam.click({timeout: STEP_MS});
      const selected = await waitForEvent(page, (e) => e.type === 'cr-brand-select', 'cr-brand-select');
      assert.equal(selected.brand, 'Steam');

      // 2. Checkout: a denomination, the recipient and buyer e-mails, then pay.
      const checkout = page.locator('cr-checkout');
      await checkout.locator('[part~="denomination"]').first().click({timeout: STEP_MS});
      await checkout.locator('[part="beneficiary-input"]').fill('friend@example.com');
      await checkout.locator('[part="email-input"]').fill('buyer@example.com');
      await checkout.locator('[part="pay-button"]').click();
      const created = await waitForEvent(page, (e) => e.type === 'cr-order-created', 'cr-order-created');
      assert.ok(created.orderId, 'cr-order-created carries the order');

      // The payment screen: its QR code comes from the lazily loaded encoder.
      await checkout.locator('[part="qr"] svg, [part="qr"] canvas, svg[part="qr"]').first().waitFor({timeout: STEP_MS});

      // 3. The chain pays and Cryptorefills delivers (sandbox controls); the status element follows.
      await sandbox.act(created.orderId!, 'pay');
      await sandbox.act(created.orderId!, 'deliver');
      const done = await waitForEvent(page, (e) => e.type === 'cr-status-change' && e.phase === 'completed', 'completed');
      assert.equal(done.state, 'Done');

      const {violations, events} = await probe(page);
      assert.deepEqual(violations, [], 'no CSP violation');
      assert.ok(problems.csp.length <= violations.length, `console CSP reports the probe missed: ${problems.csp.join(' | ')}`);
      assert.deepEqual([...problems], [], 'no page error');
      assert.deepEqual(events.filter((e) => e.type === 'cr-error'), [], 'no cr-error');
    } finally {
      await page.close();
    }
  });

  test('the CMS page embeds snippet.html exactly, but for its two URLs', () => {
    const read = (file: string) => readFileSync(new URL(`../../demo/integrations/cms/${file}`, import.meta.url), 'utf8');
    const markup = (text: string) =>
      text
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/src="[^"]*cryptorefills-checkout\.js"/, 'src="BUNDLE"')
        .replace(/proxy-url="[^"]*"/g, 'proxy-url="PROXY"')
        .trim();
    const page = read('index.html');
    const block = page.slice(page.indexOf('<!-- wp:html -->') + '<!-- wp:html -->'.length, page.indexOf('<!-- /wp:html -->'));
    assert.equal(markup(block), markup(read('snippet.html')));
  });

  test('CMS embed page renders under the same policy', async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    try {
      await page.goto(`${pages.origin}/integrations/cms/`);
      await page.locator('cr-brand-picker [part~="brand"]').first().waitFor({timeout: STEP_MS});
      const {violations} = await probe(page);
      assert.deepEqual(violations, []);
      assert.deepEqual([...problems, ...problems.csp], []);
    } finally {
      await page.close();
    }
  });
});

describe('languages are lazy', () => {
  test('the entry holds no language; a page loads just the language it shows, when it shows it', async () => {
    const entry = readFileSync(join(options.dist, 'cryptorefills-checkout.js'), 'utf8');
    for (const lang of ['en', 'de', 'fr', 'zh', 'vi'] as const) {
      const {messages} = (await import(`../../src/i18n/locales/${lang}/index.ts`)) as {messages: {picker: {search: string}}};
      assert.ok(!entry.includes(messages.picker.search), `no ${lang} text in the entry`);
    }
    const chunks = readdirSync(options.dist).filter((f) => LANGUAGE_CHUNK.test(f));
    assert.equal(chunks.length, 10, `one chunk per language: ${chunks.join(', ')}`);
    // The tracking's words, one chunk per language beside it, which only a <cr-order-status> loads.
    const tracking = readdirSync(options.dist).filter((f) => TRACKING_WORDS_CHUNK.test(f));
    assert.equal(tracking.length, 10, `one chunk of tracking words per language: ${tracking.join(', ')}`);

    const page = await browser.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname.split('/').pop()!);
    });
    try {
      await page.goto(`${pages.origin}/integrations/plain/`);
      await page.locator('cr-brand-picker [part~="brand"]').first().waitFor({timeout: STEP_MS});
      const languageChunks = () => scripts.filter((f) => chunks.includes(f)).map((f) => f.split('-')[0]);
      assert.deepEqual(languageChunks(), ['en'], 'an English page loads English alone');
      await page.waitForFunction(() => document.querySelector('cr-order-status')?.shadowRoot?.textContent?.trim(), undefined, {timeout: STEP_MS});
      assert.deepEqual(scripts.filter((f) => tracking.includes(f)).map((f) => f.split('-')[0]), ['en'], 'with a status on the page, its English tracking words');
      await page.evaluate(() => (document.documentElement.lang = 'de'));
      await page.waitForFunction(() => document.querySelector('cr-brand-picker')?.shadowRoot?.querySelector('label[for="search"]')?.textContent?.includes('Marken'), undefined, {timeout: STEP_MS});
      assert.deepEqual(languageChunks(), ['en', 'de'], 'German, and only German, loaded when shown');
    } finally {
      await page.close();
    }

    const german = await browser.newPage();
    scripts.length = 0;
    german.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname.split('/').pop()!);
    });
    try {
      await german.goto(`${pages.origin}/german.html`);
      await german.locator('cr-brand-picker [part~="brand"]').first().waitFor({timeout: STEP_MS});
      assert.match(await german.locator('cr-brand-picker label[for="search"]').innerText(), /Marken/);
      assert.deepEqual(scripts.filter((f) => chunks.includes(f)).map((f) => f.split('-')[0]), ['de'], 'a German page never loads English');
      assert.deepEqual(scripts.filter((f) => tracking.includes(f)), [], 'a page with no <cr-order-status> loads no tracking words');
    } finally {
      await german.close();
    }
  });

  test("a language file that cannot be fetched: English instead; none at all: the entry's own words, and Try again works", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    let refused = /\/de-[\w-]+\.js$/;
    await page.route(/\/(en|de)-[\w-]+\.js$/, (route) => (refused.test(route.request().url()) ? route.abort() : route.continue()));
    try {
      await page.goto(`${pages.origin}/german.html`);
      await page.locator('cr-brand-picker [part~="brand"]').first().waitFor({timeout: STEP_MS});
      assert.equal(await page.locator('cr-brand-picker label[for="search"]').innerText(), 'Search brands', 'English when German is missing');
      // Marked as the English it is, not as the page's German: a screen reader would read it in a German voice.
      assert.equal(await page.locator('cr-brand-picker [part="base"]').getAttribute('lang'), 'en', 'English words marked English');
      // And numbers and money formatted as English, beside English words (not "1.234,50" in an English sentence).
      const locale = () => page.evaluate("document.querySelector('cr-brand-picker').locale");
      assert.equal(await locale(), 'en', 'the Intl locale of the words shown');

      // Offline for every language: the picker says so in the few words the entry holds.
      refused = /\/(en|de)-[\w-]+\.js$/;
      await page.goto(`${pages.origin}/german.html`);
      const alert = page.locator('cr-brand-picker [part="error"]');
      await alert.waitFor({timeout: STEP_MS});
      assert.equal(await alert.innerText(), 'We could not reach the server. Check your connection and try again.');
      assert.equal(await alert.getAttribute('lang'), 'en', "the entry's English words marked English on a German page");
      assert.equal(await page.locator('cr-brand-picker [part="retry-button"]').innerText(), 'Try again');
      assert.equal(await page.locator('cr-brand-picker [part="retry-button"]').getAttribute('lang'), 'en', 'its button too: English words');
      refused = /^$/;
      // The browser keeps a failed module failed for the page's life: fetching again fails at once, so the page reloads.
      await Promise.all([page.waitForEvent('load', {timeout: STEP_MS}), page.locator('cr-brand-picker [part="retry-button"]').click()]);
      await page.locator('cr-brand-picker [part~="brand"]').first().waitFor({timeout: STEP_MS});
      assert.match(await page.locator('cr-brand-picker label[for="search"]').innerText(), /Marken/, 'German once it can be fetched');
      assert.match(String(await locale()), /^de\b/, 'and German numbers with German words');
      assert.equal(await alert.count(), 0, 'the failure message is replaced by the element');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});

describe('built bundle when a body cannot be fetched', () => {
  test('the element says so in its own language; "Try again" reloads the page, which then works', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    let refuse = true;
    await page.route(/\/cr-brand-picker-body-[\w-]+\.js$/, (route) => (refuse ? route.abort() : route.continue()));
    try {
      await page.goto(`${pages.origin}/german.html`);
      const alert = page.locator('cr-brand-picker [part="error"]');
      await alert.waitFor({timeout: STEP_MS});
      assert.equal(await alert.innerText(), de.common.errors.network, 'in German: only the body failed');
      assert.equal(await alert.getAttribute('lang'), 'de');
      assert.equal(await page.locator('cr-brand-picker [part="retry-button"]').innerText(), de.common.retry);
      refuse = false;
      await Promise.all([page.waitForEvent('load', {timeout: STEP_MS}), page.locator('cr-brand-picker [part="retry-button"]').click()]);
      await page.locator('cr-brand-picker [part~="brand"]').first().waitFor({timeout: STEP_MS});
      assert.equal(await alert.count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});

describe('built bundle loads an element only where it is used', () => {
  /** The script files a page fetched, by name without the hash (`cr-order-status-body`). */
  async function scriptsOf(path: string, ready: (page: Page) => Promise<unknown>): Promise<string[]> {
    const page = await browser.newPage();
    const problems = watch(page);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() !== 'script') return;
      const file = new URL(r.url()).pathname.slice(1);
      scripts.push(file === 'cryptorefills-checkout.js' ? 'cryptorefills-checkout' : file.replace(/-[\w-]{6}\.js$/, ''));
    });
    try {
      await page.goto(`${pages.origin}${path}`);
      await ready(page);
      await page.waitForLoadState('networkidle');
      assert.deepEqual([...problems, ...problems.csp], []);
      const defined = await page.evaluate(() => ['cr-brand-picker', 'cr-checkout', 'cr-order-status'].map((t) => Boolean(customElements.get(t))));
      assert.deepEqual(defined, [true, true, true], 'all three tags are defined in any case');
      return scripts.filter((s) => !s.startsWith('__'));
    } finally {
      await page.close();
    }
  }

  test('the entry imports nothing statically and stays within its budget: what every partner page pays', () => {
    const entry = readFileSync(join(options.dist, 'cryptorefills-checkout.js'), 'utf8');
    assert.doesNotMatch(entry, /(?:^|[;}\s])import\s*(?:\{|\*|\w+\s+from|["'`])/, 'no static import in the entry');
    const sizes = bundleSizes(options.dist);
    assert.ok(sizes.entry.gzip <= ENTRY_BUDGET_KIB * 1024, `entry ${kib(sizes.entry.gzip)} KiB gz, budget ${ENTRY_BUDGET_KIB}`);
    assert.deepEqual(sizes.pages[0]!.files, ['cryptorefills-checkout.js'], 'a page without elements loads the entry alone');
    // Each body is in the import graph the size table reads (importsOf), as it is for the browser.
    const all = pageOf(sizes, ALL_THREE).files.join(' ');
    for (const tag of ['cr-brand-picker', 'cr-checkout', 'cr-order-status']) assert.match(all, new RegExp(`${tag}-body-`));
  });

  test('a page with one element, where the browser sanitizes, stays within the 50 KiB page budget', () => {
    // The page with all three is not within it yet (README, "The size budget"); each element alone is: keep it so.
    const sizes = bundleSizes(options.dist);
    const single = sizes.pages.filter((p) => / alone$/.test(p.page));
    assert.equal(single.length, 3, single.map((p) => p.page).join(', '));
    for (const page of single) assert.ok(page.gzip <= ALL_BUDGET_KIB * 1024, `${page.page}: ${kib(page.gzip)} KiB gz, budget ${ALL_BUDGET_KIB}`);
  });

  test('the script-tag files carry no comments: no bundler annotations, no JSDoc', () => {
    // Nothing bundles a script-tag file again, so what only a bundler reads is dead weight on every page.
    for (const file of readdirSync(options.dist).filter((f) => f.endsWith('.js'))) {
      assert.doesNotMatch(readFileSync(join(options.dist, file), 'utf8'), /\/\*[\s*]*[@#]__(?:PURE|NO_SIDE_EFFECTS)__|\/\*\*/, file);
    }
  });

  test("the elements' field decorators go through our own helper (vite.config.ts, ownDecorateHelper), not the general one", () => {
    // The general helper defers to Reflect.decorate (the reflect-metadata polyfill); if the transform ever imports it
    // under another name, the swap finds nothing and the bundle quietly grows back by it.
    for (const file of readdirSync(options.dist).filter((f) => f.endsWith('.js'))) {
      assert.doesNotMatch(readFileSync(join(options.dist, file), 'utf8'), /Reflect\.decorate/, file);
    }
  });

  test('our underscore members ship under short names (vite.config.ts, shortMembers), in every chunk of our code', () => {
    // If the rename stops applying (a parser change, a plugin order change), the bundle quietly grows back by it.
    // (The API client's chunk is left out: it holds zod, whose own underscore names, `_ctx` one of them, are not ours.)
    const names = shortMemberNames(sourcesIn(join(import.meta.dirname, '../../src')));
    const ours = readdirSync(options.dist).filter((f) => /^(cryptorefills-checkout|cr-.*-body-|order-shared-).*\.js$/.test(f));
    assert.equal(ours.length, 5, ours.join(' '));
    for (const file of ours) {
      const code = readFileSync(join(options.dist, file), 'utf8');
      for (const name of names.keys()) assert.doesNotMatch(code, new RegExp(`\\.${name}\\b`), `${file}: ${name}`);
    }
    assert.match(readFileSync(join(options.dist, ours.find((f) => f.startsWith('cr-checkout-body-'))!), 'utf8'), /\._0\b/);
  });

  test('a page without the widget fetches the entry alone', async () => {
    assert.deepEqual(await scriptsOf('/no-element.html', async () => undefined), ['cryptorefills-checkout']);
  });

  test("a body's own imports are fetched with it, not after it arrived (no second round trip)", async () => {
    slowBodiesMs = 400;
    const page = await browser.newPage();
    try {
      await page.goto(`${pages.origin}/status-only.html`);
      await page.locator('cr-order-status [part="status"]').waitFor({timeout: STEP_MS});
      const timing = await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd})),
      );
      const body = timing.find((t) => /cr-order-status-body-/.test(t.name))!;
      const deps = timing.filter((t) => /\/(api|order-shared)-/.test(t.name));
      assert.equal(deps.length, 2, JSON.stringify(timing));
      assert.ok(body.end - body.start >= 350, `the body was held back: ${JSON.stringify(body)}`);
      for (const dep of deps) assert.ok(dep.start < body.end - 300, `${dep.name} was asked for with the body: ${JSON.stringify({body, dep})}`);
    } finally {
      slowBodiesMs = 0;
      await page.close();
    }
  });

  test('a page with only <cr-order-status> fetches its body, never the picker or the checkout', async () => {
    const scripts = await scriptsOf('/status-only.html', (page) => page.locator('cr-order-status [part="status"]').waitFor({timeout: STEP_MS}));
    assert.ok(scripts.includes('cr-order-status-body'), scripts.join(' '));
    assert.deepEqual(scripts.filter((s) => /picker|checkout-body/.test(s)), [], scripts.join(' '));
  });
});

describe('built bundle loaded twice', () => {
  test('two script tags and a copy under another URL: no error, one definition per tag, the widget works', async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    const loaded: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/cryptorefills-checkout.js')) loaded.push(`${new URL(r.url()).pathname} ${r.status()}`);
    });
    try {
      await page.goto(`${pages.origin}/twice.html`);
      await page.locator('cr-brand-picker [part~="brand"]').first().waitFor({timeout: STEP_MS});
      assert.deepEqual(loaded.sort(), ['/copy/cryptorefills-checkout.js 200', '/cryptorefills-checkout.js 200']);
      const state = await page.evaluate(async () => {
        // The copy is its own module instance: its classes differ from the ones defined, yet it did not throw.
        const copy = (await import('/copy/cryptorefills-checkout.js' as string)) as Record<string, unknown>;
        const first = (await import('/cryptorefills-checkout.js' as string)) as Record<string, unknown>;
        return {
          defined: ['cr-brand-picker', 'cr-checkout', 'cr-order-status'].map((t) => Boolean(customElements.get(t))),
          firstWon: customElements.get('cr-brand-picker') === first['CrBrandPicker'],
          copyIsSeparate: copy['CrBrandPicker'] !== undefined && copy['CrBrandPicker'] !== first['CrBrandPicker'],
        };
      });
      assert.deepEqual(state.defined, [true, true, true]);
      assert.ok(state.copyIsSeparate, 'the copy is a second module instance');
      assert.ok(state.firstWon, 'the first definition stays');
      assert.deepEqual([...problems, ...problems.csp], []);
      assert.deepEqual((await probe(page)).violations, []);
    } finally {
      await page.close();
    }
  });
});
