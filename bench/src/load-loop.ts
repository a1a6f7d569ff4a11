import { Pool } from 'undici';
import { percentile, sortSamples } from './statistics.js';

/** One kind of request the loop repeats: the same request every time, like a client polling one user. */
export interface LoadTarget {
  origin: string;
  /** Path and query. */
  path: string;
  headers?: Record<string, string>;
}

export interface LoadOptions {
  /** Requests in flight at all times, each on its own keep-alive connection. */
  concurrency: number;
  /** Run but not measured: connections, JIT and caches settle. */
  warmupMs: number;
  measureMs: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  /** Per-request latency in microseconds, from sending the request to reading the last body byte. */
  p50Microseconds: number;
  p99Microseconds: number;
}

const nanosecondsPerMicrosecond = 1_000;

/**
 * A closed-loop load generator inside the bench process: `concurrency` workers each send the next
 * request as soon as the previous one's body is read, timed with `process.hrtime.bigint()`, so
 * sub-millisecond differences survive (whole-millisecond tools hide them). Warm-up requests are not
 * measured. Any non-2xx answer fails the run: a benchmark that measures errors measures the wrong thing.
 */
export async function runLoad(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(target.origin, { connections: options.concurrency, pipelining: 1 });
  const send = async () => {
    const response = await pool.request({ method: 'GET', path: target.path, headers: target.headers });
    const body = await response.body.text();
    if (response.statusCode < 200 || response.statusCode > 299) {
      throw new Error(
        `GET ${target.origin}${target.path} answered ${response.statusCode}: ${body.slice(0, 500)}`,
      );
    }
  };
  // Each phase runs every worker at least once, however slow the machine: a run always has samples.
  const runPhase = async (durationMs: number, onRequest: (start: bigint, end: bigint) => void) => {
    const end = process.hrtime.bigint() + BigInt(durationMs) * 1_000_000n;
    const worker = async () => {
      do {
        const requestStart = process.hrtime.bigint();
        await send();
        onRequest(requestStart, process.hrtime.bigint());
      } while (process.hrtime.bigint() < end);
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  };

  const samples: number[] = [];
  let measureStart = 0n;
  let lastEnd = 0n;
  try {
    await runPhase(options.warmupMs, () => {});
    measureStart = process.hrtime.bigint();
    await runPhase(options.measureMs, (requestStart, requestEnd) => {
      samples.push(Number(requestEnd - requestStart) / nanosecondsPerMicrosecond);
      lastEnd = requestEnd > lastEnd ? requestEnd : lastEnd;
    });
  } finally {
    await pool.close();
  }
  const sorted = sortSamples(samples);
  return {
    requests: samples.length,
    requestsPerSecond: samples.length / (Number(lastEnd - measureStart) / 1e9),
    p50Microseconds: percentile(sorted, 0.5),
    p99Microseconds: percentile(sorted, 0.99),
  };
}
