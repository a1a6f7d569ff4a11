import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AcmeDefect } from './acme/acme-connector.js';

interface AssertionResult {
  ancestorTitles: string[];
  title: string;
  status: string;
}

const stillPassing = 'answers a get of an unknown id with NotFoundError';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const packageDirectory = dirname(dirname(fileURLToPath(import.meta.url)));
const vitestCli = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/** Which conformance tests each deliberate bug must fail (other tests may fail too). */
const mustFail: Record<AcmeDefect, string[]> = {
  'duplicates-page-boundary': [
    'lists every seeded user exactly once across pages, with no gaps, ending with a null cursor',
  ],
  'leaks-secret': ['keeps secrets out of errors even when the provider echoes them in its error body'],
  'reads-before-delete': [
    'delete "default soft delete" makes exactly its declared provider calls, in order, once',
  ],
  'ignores-conflicting-delete-options': [
    'refuses delete with {"remove_from":"group","remove_from_id":"some-group","permanent":true} before any provider call',
  ],
  'no-retry': [
    'maps a persistent provider 500 on get to a retryable ProviderApiCallError after bounded retries',
    'waits out a 429 with Retry-After: 1 on list, then returns the page',
    'retries a get whose connection was reset, and succeeds',
  ],
  'blind-delete-retry': [
    'reports success when a delete commits and then the provider answers 503, with no second destructive effect',
    'reports success when a delete commits and then the provider answers a connection reset, with no second destructive effect',
  ],
  'malformed-record': [
    'returns list records that match the UnifiedUser schema, with the raw provider record',
  ],
  'ignores-remote-query': [
    'passes remote_query from its documented home to the provider, or refuses it clearly',
  ],
  'manifest-overclaims': [
    'returns, for users.list, every field its manifest declares (on at least one seeded user)',
  ],
};

describe('runConnectorConformance against deliberately broken connectors', () => {
  const results = new Map<string, AssertionResult[]>();

  beforeAll(async () => {
    // Only the checks this test looks at run, so the broken connectors cost seconds, not half a minute.
    const titles = [...new Set([...Object.values(mustFail).flat(), stillPassing])];
    const testNamePattern = titles.map(escapeRegExp).join('|');
    const outputDirectory = await mkdtemp(join(tmpdir(), 'unidir-conformance-'));
    const outputFile = join(outputDirectory, 'results.json');
    try {
      await promisify(execFile)(
        process.execPath,
        [
          vitestCli,
          'run',
          '--config',
          'test/defects/vitest.config.ts',
          '--reporter=json',
          `--outputFile=${outputFile}`,
          `--testNamePattern=${testNamePattern}`,
        ],
        { cwd: packageDirectory, env: { ...process.env, CI: '1' } },
      ).catch((error: { code?: number }) => {
        // Failing tests are the point: vitest exits 1 for them. Anything else is a broken run.
        if (error.code !== 1) throw error;
      });
      const report = JSON.parse(await readFile(outputFile, 'utf8')) as {
        testResults: Array<{ assertionResults: AssertionResult[] }>;
      };
      for (const assertion of report.testResults.flatMap((file) => file.assertionResults)) {
        const connectorId = assertion.ancestorTitles[0]?.replace(' connector conformance', '') ?? '';
        results.set(connectorId, [...(results.get(connectorId) ?? []), assertion]);
      }
    } finally {
      await rm(outputDirectory, { recursive: true, force: true });
    }
  }, 120_000);

  for (const [defect, titles] of Object.entries(mustFail)) {
    it(`fails the connector with defect "${defect}" on exactly the checks that concern it`, () => {
      const assertions = results.get(`acme-${defect}`) ?? [];
      expect(assertions.length, 'the suite registered its checks').toBeGreaterThan(20);
      const failed = assertions
        .filter((assertion) => assertion.status === 'failed')
        .map((assertion) => assertion.title);
      expect(failed).toEqual(expect.arrayContaining(titles));
      const passed = assertions
        .filter((assertion) => assertion.status === 'passed')
        .map((assertion) => assertion.title);
      expect(passed).toContain(stillPassing);
    });
  }
});
