import type { BenchConfig } from './bench-config.js';
import { type LoadResult, type LoadTarget, runLoad } from './load-loop.js';
import {
  formatMicroseconds,
  formatRate,
  formatRatio,
  formatSignedMicroseconds,
  type ResultRow,
  repeatedCell,
} from './result-table.js';

/** The four ways M1/M2 get one user, from the physical limit to the full unified mapping. */
export const requestPaths = ['direct', 'proxy', 'raw', 'unified'] as const;
export type RequestPath = (typeof requestPaths)[number];

export const requestPathLabels: Record<RequestPath, string> = {
  direct: '(a) direct',
  proxy: '(b) reply-from proxy',
  raw: '(c) unidir raw',
  unified: '(d) unidir unified',
};

type Measurements = Map<string, LoadResult[]>;

const keyOf = (path: RequestPath, concurrency: number) => `${path}@${concurrency}`;

/**
 * Runs every path at every concurrency, repetition by repetition, interleaving the paths so that drift
 * on a shared machine hits all of them alike; ratios and overheads are taken within each repetition.
 */
export async function measureRequestPaths(
  targets: Record<RequestPath, LoadTarget>,
  config: BenchConfig,
  afterEachRun: () => Promise<void>,
): Promise<Measurements> {
  const concurrencies = [
    ...new Set([...config.requestPaths.latencyConcurrencies, ...config.requestPaths.throughputConcurrencies]),
  ].sort((left, right) => left - right);
  const measurements: Measurements = new Map();
  for (let repetition = 0; repetition < config.repetitions; repetition++) {
    for (const concurrency of concurrencies) {
      for (const path of requestPaths) {
        const result = await runLoad(targets[path], {
          concurrency,
          warmupMs: config.requestPaths.warmupMs,
          measureMs: config.requestPaths.measureMs,
        });
        const key = keyOf(path, concurrency);
        measurements.set(key, [...(measurements.get(key) ?? []), result]);
        await afterEachRun();
      }
    }
  }
  return measurements;
}

function resultsOf(measurements: Measurements, path: RequestPath, concurrency: number): LoadResult[] {
  const results = measurements.get(keyOf(path, concurrency));
  if (results === undefined) {
    throw new Error(`no measurement of ${path} at concurrency ${concurrency}`);
  }
  return results;
}

/**
 * Overhead of the unified path over direct, per concurrency: at c=1 nothing queues, so it is unidir's own
 * latency (issue 19); at c=16 it includes queueing behind unidir's CPU per call (DESIGN.md's M1).
 */
const overheadGoals: ReadonlyMap<number, { p50: number; p99?: number }> = new Map([
  [1, { p50: 500 }],
  [16, { p50: 500, p99: 3_000 }],
]);

export function latencyRows(measurements: Measurements, config: BenchConfig): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const concurrency of config.requestPaths.latencyConcurrencies) {
    const direct = resultsOf(measurements, 'direct', concurrency);
    for (const path of requestPaths) {
      const results = resultsOf(measurements, path, concurrency);
      for (const [percentileName, read] of [
        ['p50', (result: LoadResult) => result.p50Microseconds],
        ['p99', (result: LoadResult) => result.p99Microseconds],
      ] as const) {
        const latency = repeatedCell(results.map(read), formatMicroseconds);
        rows.push({
          benchmark: 'M1',
          measure: `${percentileName} latency, c=${concurrency}, ${requestPathLabels[path]}`,
          value: latency.value,
          spread: latency.spread,
        });
        if (path === 'direct') {
          continue;
        }
        const overhead = repeatedCell(
          results.map((result, repetition) => read(result) - read(direct[repetition] as LoadResult)),
          formatSignedMicroseconds,
        );
        const limit = path === 'unified' ? overheadGoals.get(concurrency)?.[percentileName] : undefined;
        rows.push({
          benchmark: 'M1',
          measure: `${percentileName} overhead over (a), c=${concurrency}, ${requestPathLabels[path]}`,
          value: overhead.value,
          spread: overhead.spread,
          ...(limit !== undefined
            ? { goal: `≤ +${limit.toLocaleString('en-US')} µs`, met: overhead.median <= limit }
            : {}),
        });
      }
    }
  }
  return rows;
}

const throughputGoals: Partial<Record<RequestPath, number>> = { raw: 0.95, unified: 0.8 };

export function throughputRows(measurements: Measurements, config: BenchConfig): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const concurrency of config.requestPaths.throughputConcurrencies) {
    for (const path of requestPaths) {
      const rate = repeatedCell(
        resultsOf(measurements, path, concurrency).map((result) => result.requestsPerSecond),
        (value) => formatRate(value, 'req'),
      );
      rows.push({
        benchmark: 'M2',
        measure: `throughput, c=${concurrency}, ${requestPathLabels[path]}`,
        value: rate.value,
        spread: rate.spread,
      });
    }
    const proxy = resultsOf(measurements, 'proxy', concurrency);
    for (const path of ['direct', 'raw', 'unified'] as const) {
      const ratio = repeatedCell(
        resultsOf(measurements, path, concurrency).map(
          (result, repetition) =>
            result.requestsPerSecond / (proxy[repetition] as LoadResult).requestsPerSecond,
        ),
        formatRatio,
      );
      const goal = throughputGoals[path];
      rows.push({
        benchmark: 'M2',
        measure: `throughput ratio ${requestPathLabels[path].slice(0, 3)}/(b), c=${concurrency}`,
        value: ratio.value,
        spread: ratio.spread,
        ...(goal === undefined ? {} : { goal: `≥ ${formatRatio(goal)}`, met: ratio.median >= goal }),
      });
    }
  }
  return rows;
}
