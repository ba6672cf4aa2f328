// The React 19 and Vue 3 integration pages of demo/integrations/, built by Vite exactly as the demo serves them
// (vite.config.ts), run in headless Chromium against the real proxy and sandbox: the elements render inside the
// framework's tree and their events reach the framework's typed handlers (the state line updates).
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium, type Browser} from 'playwright-core';
import {chromeArgs, ensureChrome} from '../support/chrome.js';
import {startTestServers, type TestServers} from '../support/servers.js';
import {startPageServer, type PageServer, type PageServerOptions} from './page-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const STEP_MS = 15_000;
let browser: Browser;
let servers: TestServers;
let pages: PageServer;
const outDir = mkdtempSync(join(tmpdir(), 'cr-integrations-'));
const options: PageServerOptions = {dist: outDir, proxyUrl: ''};

before(async () => {
  pages = await startPageServer(options);
  servers = await startTestServers([pages.origin]);
  options.proxyUrl = servers.proxyUrl;
  // The pages read the proxy URL from %VITE_CR_PROXY_URL%, filled in at build time as `npm start` fills it in dev.
  process.env['VITE_CR_PROXY_URL'] = servers.proxyUrl;
  const {build} = await import('vite');
  await build({
    configFile: join(root, 'vite.config.ts'),
    root: join(root, 'demo/integrations'),
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      lib: false,
      rolldownOptions: {input: {react: join(root, 'demo/integrations/react/index.html'), vue: join(root, 'demo/integrations/vue/index.html')}},
    },
  });
  browser = await chromium.launch({executablePath: ensureChrome(), args: chromeArgs, headless: true});
});

after(async () => {
  await browser?.close();
  await pages?.close();
  await servers?.close();
  rmSync(outDir, {recursive: true, force: true});
});

for (const framework of ['react', 'vue'] as const) {
  describe(`${framework} integration page`, () => {
    test('elements render in the framework tree and a pick reaches its typed handler', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto(`${pages.origin}/${framework}/index.html`);
        const state = page.locator(`#${framework}-state`);
        await state.waitFor({timeout: STEP_MS});
        assert.match((await state.textContent()) ?? '', /brand: -/);
        await page.locator('cr-brand-picker [part~="brand"]', {hasText: 'Steam'}).first().click({timeout: STEP_MS});
        await page.waitForFunction((id) => document.getElementById(id)?.textContent?.includes('brand: Steam'), `${framework}-state`, {timeout: STEP_MS});
        // The theme switch is bound through the framework to the elements' `theme` attribute.
        await page.locator('input[type="checkbox"]').check();
        await page.waitForFunction(() => document.querySelector('cr-checkout')?.getAttribute('theme') === 'dark', undefined, {timeout: STEP_MS});
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    });
  });
}
