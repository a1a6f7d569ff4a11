import { defineConfig } from 'vitest/config';

/** CI asks for a JSON report beside the usual output, to print its "N passed, N failed" line. */
const jsonReportPath = process.env.UNIDIR_TEST_REPORT;

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'bench/vitest.config.ts',
      'templates/*/vitest.config.ts',
    ],
    ...(jsonReportPath ? { reporters: ['default', 'json'], outputFile: { json: jsonReportPath } } : {}),
  },
});
