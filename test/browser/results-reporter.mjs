// Writes the browser suite's totals where scripts/test-all.mjs reads them (FV_TEST_RESULTS), so the
// final "N passed, N failed" line counts every browser test. A test file that fails to load or
// throws outside a test has no test results: it counts as one failure, never as zero tests.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

export function resultsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = totals.passed + totals.failed;
        count(session.testResults, totals);
        const loadFailed = (session.errors?.length ?? 0) > 0 || session.status !== 'FINISHED';
        if (loadFailed && totals.passed + totals.failed === before) totals.failed++;
        else if ((session.errors?.length ?? 0) > 0) totals.failed++;
      }
      const file = process.env.FV_TEST_RESULTS;
      if (file) writeFileSync(file, JSON.stringify(totals));
      console.log(`browser: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
    },
  };
}
