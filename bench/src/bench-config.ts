/** Sizes and durations of one bench run; `smoke` runs every benchmark tiny, to prove the harness works. */
export interface BenchConfig {
  mode: 'full' | 'smoke';
  /** Each measurement is repeated; tables show the median and the range. */
  repetitions: number;
  requestPaths: {
    warmupMs: number;
    measureMs: number;
    /** M1 */
    latencyConcurrencies: readonly number[];
    /** M2 */
    throughputConcurrencies: readonly number[];
  };
  streaming: {
    /** Streamed (and paged directly) once: at 2 cores one pass takes minutes. */
    largeUsers: number;
    /** Streamed (and paged directly) `repetitions` times. */
    smallUsers: number;
    /**
     * The stream's `limit` (its page size); none, like the goal's request, lets unidir ask the provider
     * for its largest page (Graph: 999).
     */
    limit?: number;
    /**
     * A client reading the large directory far slower than the fake can page it, hanging up after
     * `slowReaderUsers`: without back-pressure the server would buffer what it fetched ahead.
     */
    slowReaderUsers: number;
    slowReaderUsersPerSecond: number;
    /** How often the server's RSS is read while it streams. */
    memorySampleIntervalMs: number;
  };
  mapping: {
    /** Pages of the fakes' users mapped over and over. */
    pages: number;
    pageSize: number;
    /** Each timing maps for at least this long. */
    minimumMs: number;
  };
  throttling: {
    /** Unified calls of each kind (list page, get, create, update). */
    callsPerKind: number;
    concurrency: number;
    probability: number;
    retryAfterSeconds: number;
  };
}

export const fullBenchConfig: BenchConfig = {
  mode: 'full',
  repetitions: 3,
  requestPaths: {
    warmupMs: 1_000,
    measureMs: 3_000,
    latencyConcurrencies: [1, 16],
    throughputConcurrencies: [16, 64],
  },
  streaming: {
    largeUsers: 1_000_000,
    smallUsers: 100_000,
    slowReaderUsers: 20_000,
    slowReaderUsersPerSecond: 2_000,
    memorySampleIntervalMs: 100,
  },
  mapping: { pages: 100, pageSize: 100, minimumMs: 1_000 },
  throttling: { callsPerKind: 50, concurrency: 8, probability: 0.1, retryAfterSeconds: 1 },
};

export const smokeBenchConfig: BenchConfig = {
  mode: 'smoke',
  repetitions: 1,
  requestPaths: {
    warmupMs: 50,
    measureMs: 150,
    latencyConcurrencies: [1, 16],
    throughputConcurrencies: [16, 64],
  },
  streaming: {
    largeUsers: 2_000,
    smallUsers: 1_000,
    slowReaderUsers: 300,
    slowReaderUsersPerSecond: 1_500,
    memorySampleIntervalMs: 20,
  },
  mapping: { pages: 2, pageSize: 100, minimumMs: 20 },
  throttling: { callsPerKind: 5, concurrency: 4, probability: 0.1, retryAfterSeconds: 1 },
};
