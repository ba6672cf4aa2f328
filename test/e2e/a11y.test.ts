// Accessibility of every screen of the flow in the real built bundle on the strict-CSP host page: axe-core on each
// element (shadow roots included) for the picker, the form, an error state, the payment screen, tracking and the
// delivered code, in light and in dark (the reader's colour scheme AND the `theme` attribute). Then the whole flow
// with the keyboard only.
import {after, before, suite, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {assertEventSequence, HostPage, newContext, startE2e, UI_TIMEOUT_MS, type E2eEnv} from '../support/e2e-driver.js';
import {ReliabilityRecorder} from '../support/e2e-summary.js';

const summary = new ReliabilityRecorder('a11y');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let env: E2eEnv;

before(async () => {
  env = await startE2e();
});

after(async () => {
  summary.write();
  await env?.stop();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe on each of our three elements. playwright's evaluate goes through the DevTools protocol, which the page's
 * CSP does not govern, so axe runs on the very page a partner serves (no bypassCSP context needed).
 */
async function axe(page: HostPage): Promise<{violations: AxeViolation[]; passed: number}> {
  await page.page.evaluate(`${axeSource}\n;0`);
  return page.page.evaluate(async () => {
    type Result = {violations: {id: string; impact: string | null; help: string; nodes: {target: unknown; failureSummary?: string}[]}[]; passes: unknown[]};
    const w = window as unknown as {axe: {run(el: Element, o: object): Promise<Result>}};
    const found: AxeViolation[] = [];
    let passed = 0;
    for (const el of Array.from(document.querySelectorAll('cr-brand-picker, cr-checkout, cr-order-status'))) {
      const result = await w.axe.run(el, {resultTypes: ['violations']});
      passed += result.passes.length;
      for (const v of result.violations) {
        found.push({id: `${el.localName}: ${v.id}`, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)});
      }
    }
    return {violations: found, passed};
  });
}

async function screen(page: HostPage, name: string, theme: string, results: Record<string, AxeViolation[]>): Promise<void> {
  // Let transitions and the debounced announcements settle: axe reads computed colours.
  await page.page.waitForTimeout(350);
  const {violations, passed} = await axe(page);
  // axe really looked (rules passed on our shadow DOM), so an empty violation list means something.
  assert.ok(passed >= 10, `${name}: axe checked the elements (${passed} rules passed)`);
  results[`${theme}: ${name}`] = violations;
}

suite('accessibility of every screen (axe-core), light and dark', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`${theme}: picker, form, error, payment, tracking, delivered`, async () => {
      await summary.run(`axe, ${theme}: 6 screens`, 'a11y', async () => {
        await env.sandbox.reset();
        const context = await newContext(env, {colorScheme: theme});
        try {
          const page = await HostPage.open(env, context, {theme});
          await page.page.emulateMedia({colorScheme: theme});
          const results: Record<string, AxeViolation[]> = {};
          // The theme is really applied (not a no-op attribute): dark text on light or light on dark.
          const ink = await page.checkout().evaluate((el) => getComputedStyle(el).color);
          const [r, g, b] = (ink.match(/\d+/g) ?? ['0', '0', '0']).map(Number) as [number, number, number];
          const light = (r + g + b) / 3 > 128;
          assert.equal(light, theme === 'dark', `text colour ${ink} fits the ${theme} theme`);

          await page.picker().locator('[part~="brand"]').first().waitFor({timeout: UI_TIMEOUT_MS});
          await screen(page, 'picker', theme, results);

          await page.pickBrand('Steam');
          await page.checkout().locator('[part~="email-input"]').waitFor({timeout: UI_TIMEOUT_MS});
          await screen(page, 'form', theme, results);

          // An error state: upstream refuses the order (magic e-mail of the sandbox), plus a client-side field error.
          await page.fillForm({email: 'out_of_stock@sandbox.test', beneficiary: 'not-an-email'});
          await page.submit();
          await page.checkout().locator('[part~="field-error"]').first().waitFor({timeout: UI_TIMEOUT_MS});
          await screen(page, 'error', theme, results);

          await page.fillForm({email: 'buyer@example.com', beneficiary: ''});
          await page.submit();
          const orderId = await page.waitForPaymentScreen();
          await page.checkout().locator('[part~="payment"] svg').first().waitFor({timeout: UI_TIMEOUT_MS});
          await screen(page, 'payment', theme, results);

          await env.sandbox.act(orderId, 'pay');
          await page.waitForStatusPhase('awaiting-delivery');
          await screen(page, 'tracking', theme, results);

          await env.sandbox.act(orderId, 'confirm');
          await env.sandbox.act(orderId, 'deliver');
          await page.waitForStatusPhase('completed');
          await screen(page, 'delivered', theme, results);

          const failures = Object.entries(results).filter(([, v]) => v.length);
          summary.extra[`axe-${theme}`] = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.map((x) => x.id)]));
          assert.deepEqual(failures, [], `axe violations:\n${JSON.stringify(failures, null, 2)}`);
          assert.equal(Object.keys(results).length, 6);
          await page.assertClean();
        } finally {
          await context.close();
        }
      });
    });
  }
});

interface Focus {
  host: string;
  tag: string;
  id: string;
  part: string;
  role: string;
  type: string;
  text: string;
  copy: string;
}

/** What has the focus, looking through shadow roots (the element a screen reader would be on). */
function focused(page: HostPage): Promise<Focus> {
  return page.page.evaluate(() => {
    let active: Element | null = document.activeElement;
    let host = '';
    while (active?.shadowRoot?.activeElement) {
      host = active.localName;
      active = active.shadowRoot.activeElement;
    }
    return {
      host,
      tag: active?.localName ?? '',
      id: active?.id ?? '',
      part: active?.getAttribute('part') ?? '',
      role: active?.getAttribute('role') ?? '',
      type: (active as HTMLInputElement | null)?.type ?? '',
      text: (active?.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60),
      copy: active?.getAttribute('data-copy') ?? '',
    };
  });
}

/** Presses Tab (or Shift+Tab) until `match` holds, at most `max` times; fails with the way the focus went. */
async function tabTo(page: HostPage, what: string, match: (f: Focus) => boolean, opts: {back?: boolean; max?: number} = {}): Promise<Focus> {
  const trail: string[] = [];
  for (let i = 0; i < (opts.max ?? 40); i++) {
    await page.page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (match(now)) return now;
    trail.push(`${now.host}>${now.tag}${now.id ? `#${now.id}` : ''}${now.part ? `[${now.part}]` : ''}`);
  }
  throw new Error(`${what} not reached with ${opts.back ? 'Shift+Tab' : 'Tab'}; focus went: ${trail.join(' → ')}`);
}

suite('keyboard only: from picking a brand to the delivered code', () => {
  test('Tab, Shift+Tab, arrows, Enter, Space and typing; no clicks', async () => {
    await summary.run('keyboard-only flow', 'keyboard', async () => {
      await env.sandbox.reset();
      const context = await newContext(env);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: env.host.origin});
      try {
        const page = await HostPage.open(env, context);
        const keys = page.page.keyboard;
        await page.picker().locator('[part~="brand"]').first().waitFor({timeout: UI_TIMEOUT_MS});

        // Picker: search, Down arrow into the results, Right arrow along them, Left back, Enter picks.
        await tabTo(page, 'the search box', (f) => f.part.includes('search-input'));
        await keys.type('Steam');
        await page.picker().locator('[part~="brand"]', {hasText: 'Steam'}).first().waitFor({timeout: UI_TIMEOUT_MS});
        await page.page.waitForTimeout(100);
        await keys.press('ArrowDown');
        let focus = await focused(page);
        assert.equal(focus.role, 'option', 'Down arrow goes from the search box to the first result');
        assert.match(focus.text, /Steam/);
        await keys.press('Enter');
        await page.waitForEvent('cr-brand-select');

        // Checkout: arrows change the denomination, typing fills the e-mail, Shift+Tab comes back to it.
        const first = await tabTo(page, 'a denomination', (f) => f.host === 'cr-checkout' && f.type === 'radio');
        const before = await page.checkout().locator('[part~="denomination-selected"]').textContent();
        await keys.press('ArrowRight');
        await page.page.waitForTimeout(100);
        const after = await page.checkout().locator('[part~="denomination-selected"]').textContent();
        assert.notEqual(after, before, `the Right arrow picked another amount (${first.text})`);
        await tabTo(page, 'the buyer e-mail', (f) => f.id === 'email');
        await keys.type('keyboard@example.com');
        await tabTo(page, 'the next field', (f) => f.id !== 'email', {max: 1});
        await tabTo(page, 'the buyer e-mail again', (f) => f.id === 'email', {back: true, max: 3});
        await tabTo(page, 'the pay button', (f) => f.part.includes('pay-button'));
        await keys.press('Enter');
        const orderId = await page.waitForPaymentScreen();

        // Payment screen: the address copy button is reachable and Space copies the address.
        const address = (await page.checkout().locator('[part~="address"]').textContent())?.trim();
        await tabTo(page, 'copy address', (f) => f.copy === 'address');
        await keys.press('Space');
        await page.checkout().locator('[data-copy="address"]', {hasText: /copied/i}).waitFor({timeout: UI_TIMEOUT_MS});
        assert.equal(await page.page.evaluate(() => navigator.clipboard.readText()), address, 'Space copied the address');

        await env.sandbox.act(orderId, 'pay');
        await env.sandbox.act(orderId, 'confirm');
        await env.sandbox.act(orderId, 'deliver');
        await page.waitForStatusPhase('completed');

        // Delivered: the code's copy button is reachable and Enter copies the code.
        const code = (await page.status().locator('[part~="deliveries"] [part~="code"]').first().textContent())?.trim();
        await tabTo(page, 'copy code', (f) => f.host === 'cr-order-status' && /code/.test(f.copy), {max: 60});
        await keys.press('Enter');
        await page.page.waitForFunction((expected) => navigator.clipboard.readText().then((t) => t === expected), code, {timeout: UI_TIMEOUT_MS});

        assertEventSequence(await page.events(), orderId, {brand: 'Steam', finalState: 'Done'});
        assert.equal((await env.sandbox.stats()).orders, 1);
        await page.assertClean();
      } finally {
        await context.close();
      }
    });
  });
});
