// The browser test runner itself (web-test-runner.config.mjs): a failing assertion that compares DOM nodes is
// reported like any other failure, with its message, and the file's other tests still run. Without
// test/support/readable-failures.ts the page crashed while the runner serialised the nodes, and the file failed
// with "browser disconnected" and no message, after the runner's four-minute wait.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {ensureChrome} from '../support/chrome.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUN_LIMIT_MS = 60_000;

/** Runs the browser runner on one file; its whole process group is killed if it takes longer than RUN_LIMIT_MS. */
function runBrowserFile(file: string): Promise<{status: number | null; output: string; timedOut: boolean}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs', '--files', file], {
      cwd: root,
      detached: true, // its own process group, so the runner and its servers go together when it is stopped
      env: {...process.env, CHROME_PATH: ensureChrome(), NO_COLOR: '1', WTR_SUMMARY_FILE: ''},
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    let timedOut = false;
    // SIGINT first: the runner then closes the Chromium it launched (in a process group of its own); SIGKILL if not.
    const stop = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // Already gone.
      }
    };
    let force: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      stop('SIGINT');
      force = setTimeout(() => stop('SIGKILL'), 10_000);
    }, RUN_LIMIT_MS);
    child.on('close', (status) => {
      clearTimeout(timer);
      clearTimeout(force);
      resolve({status, output, timedOut});
    });
  });
}

test('a failing DOM assertion in a browser test reads as an assertion failure, not a crashed page', {timeout: RUN_LIMIT_MS + 20_000}, async () => {
  const {status, output, timedOut} = await runBrowserFile('test/fixtures/dom-assertion.fails.ts');
  assert.equal(timedOut, false, `the run ended within ${RUN_LIMIT_MS / 1000} s`);
  assert.notEqual(status, 0, 'the run fails');
  assert.match(output, /AssertionError: the focus is on the button: expected null to equal <button id="copy-amount"><\/button>/);
  assert.match(output, /1 passed, 1 failed/, 'the other test ran and passed');
  assert.doesNotMatch(output, /browser disconnected|did not finish/i);
});
