// Browser tests in real headless Chromium, against the real sandbox upstream behind the real reference proxy.
import {fileURLToPath} from 'node:url';
import {chromeLauncher} from '@web/test-runner-chrome';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {build} from 'esbuild';
import {tsImport} from 'tsx/esm/api';

const here = import.meta.url;
const {ensureChrome, chromeArgs} = await tsImport('./test/support/chrome.ts', here);
const {startTestServers} = await tsImport('./test/support/servers.ts', here);
const {freePort} = await tsImport('./test/support/free-port.ts', here);
const {summaryReporter} = await import('./test/support/summary-reporter.mjs');

const port = Number(process.env.WTR_PORT) || (await freePort());
const servers = await startTestServers([`http://localhost:${port}`, `http://127.0.0.1:${port}`]);

// CommonJS-only packages (axe-core, jsqr) do not load as ES modules in the dev server: serve each one as a
// single ES module bundled by esbuild. Vite handles them by itself for the demo and the build.
const cjsPackages = ['axe-core', 'jsqr'];
const bundled = new Map();
const cjsAsEsm = {
  name: 'cjs-as-esm',
  async serve(context) {
    const match = context.path.match(/^\/__cjs\/([a-z-]+)\.js$/);
    if (!match || !cjsPackages.includes(match[1])) return undefined;
    if (!bundled.has(match[1])) {
      const out = await build({
        stdin: {contents: `import m from '${match[1]}'; export default m;`, resolveDir: fileURLToPath(new URL('.', here)), loader: 'js'},
        bundle: true, write: false, format: 'esm', platform: 'browser', minify: true, logLevel: 'silent',
      });
      bundled.set(match[1], out.outputFiles[0].text);
    }
    return {body: bundled.get(match[1]), type: 'js'};
  },
  resolveImport({source}) {
    if (cjsPackages.includes(source)) return `/__cjs/${source}.js`;
    return undefined;
  },
};

const testEnv = JSON.stringify({proxyUrl: servers.proxyUrl, sandboxUrl: servers.sandboxUrl});

export default {
  files: ['test/**/*.test.ts', '!test/proxy/**', '!test/sandbox/**', '!test/e2e/**', '!test/bench/**', '!test/build/**'],
  port,
  hostname: 'localhost',
  nodeResolve: {exportConditions: ['production', 'browser']},
  // One test file at a time: all files share one sandbox, whose faults, resets and request counts are global,
  // so two files at once could see each other's faults or orders.
  concurrency: 1,
  testFramework: {config: {ui: 'tdd', timeout: 15000}},
  testsFinishTimeout: 240000,
  browsers: [
    chromeLauncher({
      launchOptions: {executablePath: ensureChrome(), headless: true, args: [...chromeArgs, '--lang=en-US']},
      // Each test page gets its own browser context: its own window (so it is visible, and requestAnimationFrame,
      // focus and timers behave as for a user's foreground tab even with two pages running at once) and its own
      // storage (so session/local storage tests of two files never see each other).
      async createPage({browser}) {
        const page = await (await browser.createBrowserContext()).newPage();
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setFocusEmulationEnabled', {enabled: true});
        return page;
      },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"></head><body>
<script>window.__CR_TEST__ = ${testEnv};</script>
<script type="module" src="${testFramework}"></script>
<script type="module" src="/test/support/readable-failures.ts"></script>
</body></html>`,
  plugins: [
    cjsAsEsm,
    esbuildPlugin({ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', here))}),
    {name: 'stop-test-servers', async serverStop() { await servers.close(); }},
  ],
  reporters: [...(process.env.WTR_QUIET ? [] : [(await import('@web/test-runner')).defaultReporter()]), summaryReporter()],
};
