// `npm test`: type check, Node-side tests (sandbox, proxy, e2e) and browser tests in real headless Chromium,
// then one closing line "N passed, N failed" that adds them up, as CI expects.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {ensureChrome} from './support/chrome.js';
import {buildBundle} from './support/built-bundle.js';
import {SUMMARY_FILE, type ReliabilitySummary} from './support/e2e-summary.js';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, '.test-results');
rmSync(results, {recursive: true, force: true});
mkdirSync(results, {recursive: true});

const totals = {passed: 0, failed: 0, skipped: 0};
const only = process.argv.slice(2); // e.g. `npm test -- node` runs one part

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, {cwd: root, stdio: 'inherit', env: {...process.env, ...env}});
  return result.status ?? 1;
}

function wanted(part: string): boolean {
  return only.length === 0 || only.includes(part);
}

let chrome: string;
try {
  chrome = ensureChrome();
} catch (error) {
  console.error((error as Error).message);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

if (wanted('types')) {
  console.log('\n== types (tsc --noEmit)');
  const status = run(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  if (status === 0) totals.passed++;
  else totals.failed++;
  console.log(`types: ${status === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);
}

function testFiles(dir: string): string[] {
  const full = join(root, 'test', dir);
  if (!existsSync(full)) return [];
  return (readdirSync(full, {recursive: true}) as string[])
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join('test', dir, f));
}

if (wanted('node')) {
  const files = [...testFiles('sandbox'), ...testFiles('proxy'), ...testFiles('build'), ...testFiles('e2e')];
  // Tests of what partners run (the built bundle) share one build instead of each making its own.
  const dist = join(results, 'dist');
  let buildFailed = false;
  if (files.some((f) => f.startsWith('test/build/') || f.startsWith('test/e2e/'))) {
    console.log('\n== build (script-tag bundle for the build and e2e tests)');
    try {
      await buildBundle(dist);
    } catch (error) {
      console.error(`build failed: ${(error as Error).message}`);
      buildFailed = true;
    }
  }
  console.log(`\n== node (${files.length} files)`);
  const tap = join(results, 'node.tap');
  const status = run(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], {CHROME_PATH: chrome, ...(buildFailed ? {} : {CR_TEST_DIST: dist})});
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const pick = (name: string) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = pick('pass');
  let failed = pick('fail') + pick('cancelled') + (buildFailed ? 1 : 0);
  if (status !== 0 && failed === 0) failed = 1; // the runner itself failed: never report green
  totals.passed += passed;
  totals.failed += failed;
  // node:test's todo tests are neither passed nor failed: counted with the skipped ones, so none goes unseen.
  totals.skipped += pick('skipped') + pick('todo');
  console.log(`node: ${passed} passed, ${failed} failed`);
}

if (wanted('browser')) {
  console.log('\n== browser (@web/test-runner, headless Chromium)');
  const summary = join(results, 'browser.json');
  const status = run(process.execPath, [join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.config.mjs'], {
    CHROME_PATH: chrome,
    WTR_SUMMARY_FILE: summary,
  });
  const counts = existsSync(summary) ? (JSON.parse(readFileSync(summary, 'utf8')) as typeof totals) : {passed: 0, failed: 0, skipped: 0};
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

// The e2e reliability figures the README quotes, from this very run (e2e-summary.ts writes them).
if (existsSync(SUMMARY_FILE)) {
  const {totals: r} = JSON.parse(readFileSync(SUMMARY_FILE, 'utf8')) as ReliabilitySummary;
  console.log(`\nreliability (e2e): ${r.scenarios} scenarios, ${r.survived} survived, ${r.failed} failed; ` +
    `faults tried ${r.faultsTried}, survived ${r.faultsSurvived}; orders duplicated ${r.ordersDuplicated}`);
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
