// `npm start` as a newcomer runs it: demo/serve.ts as a child process on free loopback ports, the printed URL opened
// in headless Chromium. The whole flow works offline (pick, pay in the sandbox panel, auto-pilot delivers), the
// language switch changes the widget's words, and the page talks to nothing but loopback.
import {after, before, suite, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {chromium, type Browser, type Page} from 'playwright-core';
import {chromeArgs, ensureChrome} from '../support/chrome.js';
import {freePort} from '../support/free-port.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STEP_MS = 20_000;
let child: ChildProcess;
let browser: Browser;
let url = '';
let output = '';

before(async () => {
  const [demo, proxy, sandbox] = [await freePort(), await freePort(), await freePort()];
  child = spawn(process.execPath, ['--import', 'tsx', 'demo/serve.ts'], {
    cwd: root,
    env: {...process.env, DEMO_PORT: String(demo), PORT: String(proxy), SANDBOX_PORT: String(sandbox), HOST: '127.0.0.1'},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const printed = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Demo page: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  url = await printed;
  browser = await chromium.launch({executablePath: ensureChrome(), args: chromeArgs, headless: true});
});

after(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

async function openDemo(): Promise<{page: Page; errors: string[]; hosts: Set<string>}> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const hosts = new Set<string>();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => hosts.add(new URL(request.url()).hostname));
  await page.goto(url);
  return {page, errors, hosts};
}

/**
 * Run in the page: '' when nothing sticks out sideways, else the page's scroll width and the last elements (shadow
 * roots included) whose right edge is past the viewport, so a failure says which element to mend. A string: tsx's
 * transform would add helpers to a function that the page does not have.
 */
const OVERFLOWING = `(() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return '';
  const out = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      const name = el.localName + (el.getAttribute('part') ? '[part=' + el.getAttribute('part') + ']' : el.className ? '.' + el.className : '');
      if (box.right > width + 0.5 && box.width > 0) out.push(name + ' ' + Math.round(box.right));
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return document.documentElement.scrollWidth + ' px: ' + out.slice(-8).join(', ');
})()`;

suite('npm start: the demo page', () => {
  test('prints the three URLs, and the page runs the whole flow offline: pick, pay in the sandbox, delivered', async () => {
    assert.match(output, /sandbox upstream\s+http:\/\/127\.0\.0\.1:\d+/);
    assert.match(output, /reference proxy\s+http:\/\/127\.0\.0\.1:\d+/);
    const {page, errors, hosts} = await openDemo();
    try {
      await page.locator('cr-brand-picker [part~="brand"]', {hasText: 'Steam'}).first().click({timeout: STEP_MS});
      await page.locator('cr-checkout [part~="email-input"]').fill('demo@example.com', {timeout: STEP_MS});
      await page.locator('cr-checkout [part~="pay-button"]').click();
      await page.locator('cr-checkout [part~="payment"][data-phase="awaiting-payment"]').waitFor({timeout: STEP_MS});
      await page.getByRole('button', {name: 'Pay exactly'}).click();
      // Auto-pilot (on in the demo) confirms and delivers by itself.
      const code = page.locator('cr-order-status [part~="deliveries"] [part~="code"]').first();
      await code.waitFor({timeout: 30_000});
      assert.match((await code.textContent()) ?? '', /\S{4,}/, 'the delivered code');
      const log = await page.locator('#event-log li').allTextContents();
      assert.ok(log.some((line) => line.includes('cr-order-created')), 'the page logged the events it received');
      assert.ok(log.some((line) => line.includes('cr-status-change Done')));
      assert.deepEqual(errors, []);
      assert.deepEqual([...hosts].filter((h) => h !== '127.0.0.1' && h !== 'localhost'), [], 'nothing but loopback');
    } finally {
      await page.close();
    }
  });

  test('at 320 px the page never scrolls sideways: picker, form, payment screen, partial payment, delivery (en, de, vi)', async () => {
    for (const lang of ['en', 'de', 'vi']) {
      const page = await browser.newPage({viewport: {width: 320, height: 640}});
      const wide: string[] = [];
      const check = async (step: string) => {
        const found = await page.evaluate(OVERFLOWING);
        if (found) wide.push(`${lang}, ${step}: ${found}`);
      };
      try {
        await page.goto(url);
        await page.locator('#lang').selectOption(lang);
        const brand = page.locator('cr-brand-picker [part~="brand"]', {hasText: 'Steam'}).first();
        await brand.waitFor({timeout: STEP_MS});
        await check('the picker');
        await brand.click();
        await page.locator('cr-checkout [part~="email-input"]').fill('a.rather.long.recipient.address@example-company.com', {timeout: STEP_MS});
        await check('the form');
        await page.locator('#autopilot').uncheck();
        await page.locator('cr-checkout [part~="pay-button"]').click();
        await page.locator('cr-checkout [part~="payment"][data-phase="awaiting-payment"]').waitFor({timeout: STEP_MS});
        await check('the payment screen');
        await page.locator('#sandbox-buttons [data-amount="under"]').click();
        await page.locator('cr-checkout [part~="payment"][data-phase="partial-payment"]').first().waitFor({timeout: STEP_MS});
        await check('a partial payment');
        await page.locator('#sandbox-buttons [data-amount="exact"]').click();
        await page.locator('#sandbox-buttons [data-action="deliver"]').click();
        await page.locator('cr-order-status [part~="deliveries"] [part~="code"]').first().waitFor({timeout: 30_000});
        await check('the delivery');
      } finally {
        await page.close();
      }
      assert.deepEqual(wide, []);
    }
    // Auto-pilot back on, as the demo starts (the sandbox keeps what the page set).
    const sandbox = /sandbox upstream\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
    const on = await fetch(`${sandbox}/__sandbox/autopilot`, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"on":true}'});
    assert.ok(on.ok);
  });

  test('the language switch changes the widget\'s words (ten languages)', async () => {
    const {page, errors} = await openDemo();
    try {
      const label = page.locator('cr-brand-picker label[for="search"]');
      await label.waitFor({timeout: STEP_MS});
      const langs = await page.locator('#lang option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
      assert.deepEqual([...langs].sort(), ['de', 'en', 'es', 'fr', 'it', 'pt', 'tl', 'tr', 'vi', 'zh']);
      for (const lang of langs) {
        // What the locale file says the search box is called in that language.
        const {messages} = (await import(`../../src/i18n/locales/${lang}/index.ts`)) as {messages: {picker: {search: string}}};
        await page.locator('#lang').selectOption(lang);
        await page.waitForFunction((expected) => document.querySelector('cr-brand-picker')?.shadowRoot?.querySelector('label[for="search"]')?.textContent?.trim() === expected, messages.picker.search, {timeout: STEP_MS});
      }
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
