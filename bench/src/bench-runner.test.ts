import { describe, expect, it } from 'vitest';
import { smokeBenchConfig } from './bench-config.js';
import { runBenchmarks } from './bench-runner.js';
import { requestPathLabels, requestPaths } from './request-path-benchmarks.js';
import { formatResultTable } from './result-table.js';

/** Every row `pnpm bench` promises, named the way the table names them (smoke sizes). */
function expectedMeasures(): string[] {
  const measures: string[] = [];
  for (const concurrency of [1, 16]) {
    for (const path of requestPaths) {
      for (const percentile of ['p50', 'p99']) {
        measures.push(`${percentile} latency, c=${concurrency}, ${requestPathLabels[path]}`);
        if (path !== 'direct') {
          measures.push(`${percentile} overhead over (a), c=${concurrency}, ${requestPathLabels[path]}`);
        }
      }
    }
  }
  for (const concurrency of [16, 64]) {
    for (const path of requestPaths) {
      measures.push(`throughput, c=${concurrency}, ${requestPathLabels[path]}`);
    }
    for (const ratio of ['(a)/(b)', '(c)/(b)', '(d)/(b)']) {
      measures.push(`throughput ratio ${ratio}, c=${concurrency}`);
    }
  }
  measures.push(
    'direct paging of the fake by the bench, 1,000 users',
    'stream format end to end, 1,000 users',
    'stream / direct paging, 1,000 users',
    'server RSS growth, 1,000 users',
    'direct paging of the fake by the bench, 2,000 users',
    'stream format end to end, 2,000 users',
    'stream / direct paging, 2,000 users',
    'server RSS growth, 2,000 users',
    'server RSS growth, 2,000 users, when the first 1,000 users had been read',
    'RSS growth 2,000 users minus 1,000 users',
    'server RSS growth, slow reader (first 300 of 2,000 users at 1,500 users/s)',
  );
  for (const connector of ['Azure AD (Graph)', 'Google Workspace']) {
    measures.push(
      `${connector} mapping (TypeScript), one core`,
      `${connector} mapping (JSONata), one core`,
      `${connector} TypeScript / JSONata`,
    );
  }
  measures.push(
    'provider calls received by the fake (per unified call)',
    'provider calls answered 429 (each one retried or surfaced as 429)',
    'POST/PATCH re-sent after the provider may have processed them',
  );
  return measures;
}

describe('pnpm bench --smoke', () => {
  it('runs every benchmark end to end against real processes and fills every row of the table', async () => {
    const rows = await runBenchmarks(smokeBenchConfig);
    const measures = rows.map((row) => row.measure);
    expect(measures).toEqual(expect.arrayContaining(expectedMeasures()));
    expect(new Set(measures).size).toBe(measures.length);
    for (const row of rows) {
      expect(row.value, row.measure).toMatch(/\d/);
    }
    // The goals of the issue are judged in the table (never asserted here: smoke sizes say nothing about speed).
    const judged = rows.filter((row) => row.goal !== undefined).map((row) => row.measure);
    expect(judged).toEqual(
      expect.arrayContaining([
        'p50 overhead over (a), c=1, (d) unidir unified',
        'p50 overhead over (a), c=16, (d) unidir unified',
        'p99 overhead over (a), c=16, (d) unidir unified',
        'throughput ratio (c)/(b), c=16',
        'throughput ratio (d)/(b), c=64',
        'stream format end to end, 2,000 users',
        'server RSS growth, 2,000 users',
        'Azure AD (Graph) TypeScript / JSONata',
        'POST/PATCH re-sent after the provider may have processed them',
      ]),
    );
    const unifiedCalls = rows.find((row) => row.measure.startsWith('unified calls'));
    expect(unifiedCalls?.value).toMatch(/^20 \(/);
    expect(formatResultTable(rows).split('\n')).toHaveLength(rows.length + 2);
  }, 180_000);
});
