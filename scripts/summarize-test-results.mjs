// Prints the plain "N passed, N failed" line CI is read by, from vitest's JSON report.
import { readFileSync } from 'node:fs';

const reportPath = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  console.error(`No test report at ${reportPath}: the test run did not finish.`);
  process.exit(1);
}
// A file that fails before any test runs (an import error) has no failed test of its own: count it once.
const filesFailedOutsideTests = report.testResults.filter(
  (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
).length;
const failed = report.numFailedTests + filesFailedOutsideTests;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
