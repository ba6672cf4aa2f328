// @web/test-runner prints no plain "N passed, N failed" line; CI needs one. This reporter counts every test of
// every session (nested suites too) plus session-level errors, prints the line, and leaves the counts in a file
// for test/run-all.ts to add up.
import {writeFileSync, mkdirSync} from 'node:fs';

function count(suite, totals) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

export function summaryReporter() {
  return {
    stop({sessions}) {
      const totals = {passed: 0, failed: 0, skipped: 0};
      for (const session of sessions) {
        if (session.testResults) count(session.testResults, totals);
        // A file that fails to load or throws outside a test has no test results, only errors: count it as failed.
        if ((session.errors?.length ?? 0) > 0 || (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length)) totals.failed++;
      }
      const out = process.env.WTR_SUMMARY_FILE;
      if (out) {
        mkdirSync(new URL('.', `file://${out}`).pathname, {recursive: true});
        writeFileSync(out, JSON.stringify(totals));
      }
      console.log(`browser: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
    },
  };
}
