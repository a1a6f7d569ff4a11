import type { BenchConfig } from './bench-config.js';
import { type FakeProcess, startUnidirServer, type UnidirServerProcess } from './bench-environment.js';
import { sampleResidentSetSize } from './memory-sampler.js';
import { readNdjson } from './ndjson-reader.js';
import { pageDirectly } from './provider-direct.js';
import { learnProviderRequest } from './provider-request.js';
import {
  formatMegabytes,
  formatRate,
  formatRatio,
  formatSignedMegabytes,
  type RepeatedCell,
  type ResultRow,
  repeatedCell,
} from './result-table.js';
import { authorizationHeaders, unifiedUsersPath } from './unidir-api.js';

export interface StreamRun {
  users: number;
  usersPerSecond: number;
  /** Peak RSS while streaming minus RSS just before, both of the server process. */
  residentSetGrowth: number;
  /** The same growth once the first `checkpointLines` users had been read (when asked). */
  residentSetGrowthAtCheckpoint?: number;
}

/** The query of an M3 stream: the stream format, with a `limit` if one is configured. */
function streamQuery(limit: number | undefined): Record<string, string> {
  return { truto_response_format: 'stream', ...(limit === undefined ? {} : { limit: String(limit) }) };
}

/** The first provider request of an M3 stream, learned from a stream that hangs up after its first line. */
export async function streamFirstPagePath(
  server: UnidirServerProcess,
  fake: FakeProcess,
  limit: number | undefined,
): Promise<string> {
  const accountId = await server.connect(fake);
  const url = `${server.endpoint.url}${unifiedUsersPath({ accountId, query: streamQuery(limit) })}`;
  return learnProviderRequest(fake, async () => {
    await readNdjson(url, authorizationHeaders(server.endpoint), { maximumLines: 1 });
    return { status: 200, body: null };
  });
}

/**
 * Streams one directory through a fresh server process, so the RSS growth is this stream's alone. The
 * server first streams a small directory (warm-up: code loaded, JIT, pools, token), then its RSS is taken.
 */
async function streamThroughFreshServer(
  warmupFake: FakeProcess,
  fake: FakeProcess,
  config: BenchConfig,
  reader: { linesPerSecond?: number; maximumLines?: number; checkpointLines?: number } = {},
): Promise<StreamRun> {
  const server = await startUnidirServer([warmupFake, fake]);
  try {
    const headers = authorizationHeaders(server.endpoint);
    const streamUrl = (accountId: string) =>
      `${server.endpoint.url}${unifiedUsersPath({ accountId, query: streamQuery(config.streaming.limit) })}`;
    await readNdjson(streamUrl(await server.connect(warmupFake)), headers);
    const accountId = await server.connect(fake);
    const baseline = await server.process.residentSetSize();
    const sampler = sampleResidentSetSize(server.process, config.streaming.memorySampleIntervalMs);
    let peakAtCheckpoint: number | undefined;
    const result = await readNdjson(streamUrl(accountId), headers, {
      ...reader,
      onProgress: (lines) => {
        if (
          reader.checkpointLines !== undefined &&
          peakAtCheckpoint === undefined &&
          lines >= reader.checkpointLines
        ) {
          peakAtCheckpoint = sampler.peakSoFar();
        }
      },
    });
    const peak = await sampler.stop();
    return {
      users: result.lines,
      usersPerSecond: result.lines / result.seconds,
      residentSetGrowth: peak - baseline,
      ...(peakAtCheckpoint === undefined
        ? {}
        : { residentSetGrowthAtCheckpoint: peakAtCheckpoint - baseline }),
    };
  } finally {
    await server.stop();
  }
}

function assertUsers(run: { users: number }, expectedUsers: number, what: string): void {
  if (run.users !== expectedUsers) {
    throw new Error(`${what} returned ${run.users} users of a directory of ${expectedUsers}`);
  }
}

export interface StreamingMeasurements {
  /** Users per second of the bench paging the fake itself. */
  directSmall: number[];
  directLarge: number;
  small: StreamRun[];
  large: StreamRun;
  slowReader: StreamRun;
}

export async function measureStreaming(
  fakes: { warmup: FakeProcess; small: FakeProcess; large: FakeProcess },
  config: BenchConfig,
  firstPagePath: (fake: FakeProcess) => Promise<string>,
): Promise<StreamingMeasurements> {
  const { largeUsers, smallUsers, slowReaderUsers, slowReaderUsersPerSecond } = config.streaming;
  const pageDirectlyOnce = async (fake: FakeProcess, users: number) => {
    const direct = await pageDirectly(fake, await firstPagePath(fake));
    assertUsers(direct, users, 'direct paging');
    return direct.users / direct.seconds;
  };
  const directSmall: number[] = [];
  const small: StreamRun[] = [];
  for (let repetition = 0; repetition < config.repetitions; repetition++) {
    directSmall.push(await pageDirectlyOnce(fakes.small, smallUsers));
    const run = await streamThroughFreshServer(fakes.warmup, fakes.small, config);
    assertUsers(run, smallUsers, 'the stream');
    small.push(run);
  }
  const directLarge = await pageDirectlyOnce(fakes.large, largeUsers);
  const large = await streamThroughFreshServer(fakes.warmup, fakes.large, config, {
    checkpointLines: smallUsers,
  });
  assertUsers(large, largeUsers, 'the stream');
  const slowReader = await streamThroughFreshServer(fakes.warmup, fakes.large, config, {
    linesPerSecond: slowReaderUsersPerSecond,
    maximumLines: slowReaderUsers,
  });
  if (slowReader.users < slowReaderUsers) {
    throw new Error(`the slow reader got ${slowReader.users} users before the stream ended`);
  }
  return { directSmall, directLarge, small, large, slowReader };
}

const goals = { usersPerSecond: 100_000, growthBytes: 64 * 1024 * 1024 };

export function streamingRows(measurements: StreamingMeasurements, config: BenchConfig): ResultRow[] {
  const { largeUsers, smallUsers, slowReaderUsers, slowReaderUsersPerSecond } = config.streaming;
  const large = `${largeUsers.toLocaleString('en-US')} users`;
  const small = `${smallUsers.toLocaleString('en-US')} users`;
  const users = (value: number) => formatRate(value, 'users');
  const once = 'one run';
  const { directSmall, directLarge, small: smallRuns, large: largeRun, slowReader } = measurements;
  const streamedSmall = repeatedCell(
    smallRuns.map((run) => run.usersPerSecond),
    users,
  );
  const growthSmall = repeatedCell(
    smallRuns.map((run) => run.residentSetGrowth),
    formatMegabytes,
  );
  const growthDifference = largeRun.residentSetGrowth - growthSmall.median;
  // 10% of a growth near zero is below what 100 ms RSS samples resolve: the budget's 10% is the floor.
  const allowedDifference = Math.max(0.1 * growthSmall.median, 0.1 * goals.growthBytes);
  const largeRatio = largeRun.usersPerSecond / directLarge;
  return [
    {
      benchmark: 'M3',
      measure: `direct paging of the fake by the bench, ${small}`,
      ...shown(repeatedCell(directSmall, users)),
    },
    { benchmark: 'M3', measure: `stream format end to end, ${small}`, ...shown(streamedSmall) },
    {
      benchmark: 'M3',
      measure: `stream / direct paging, ${small}`,
      ...shown(
        repeatedCell(
          smallRuns.map((run, repetition) => run.usersPerSecond / (directSmall[repetition] as number)),
          formatRatio,
        ),
      ),
    },
    { benchmark: 'M3', measure: `server RSS growth, ${small}`, ...shown(growthSmall) },
    {
      benchmark: 'M3',
      measure: `direct paging of the fake by the bench, ${large}`,
      value: users(directLarge),
      spread: once,
    },
    {
      benchmark: 'M3',
      measure: `stream format end to end, ${large}`,
      value: users(largeRun.usersPerSecond),
      spread: once,
      goal: `≥ ${users(goals.usersPerSecond)}`,
      met: largeRun.usersPerSecond >= goals.usersPerSecond,
    },
    {
      benchmark: 'M3',
      measure: `stream / direct paging, ${large}`,
      value: formatRatio(largeRatio),
      spread: once,
    },
    {
      benchmark: 'M3',
      measure: `server RSS growth, ${large}`,
      value: formatMegabytes(largeRun.residentSetGrowth),
      spread: once,
      goal: `≤ ${formatMegabytes(goals.growthBytes)}`,
      met: largeRun.residentSetGrowth <= goals.growthBytes,
    },
    {
      benchmark: 'M3',
      measure: `server RSS growth, ${large}, when the first ${small} had been read`,
      value: formatMegabytes(largeRun.residentSetGrowthAtCheckpoint ?? Number.NaN),
      spread: once,
    },
    {
      benchmark: 'M3',
      measure: `RSS growth ${large} minus ${small}`,
      value: formatSignedMegabytes(growthDifference),
      spread: `against the median of ${small}`,
      goal: `≤ +${formatMegabytes(allowedDifference)} (10% of the growth at ${small}, at least 10% of ${formatMegabytes(goals.growthBytes)})`,
      met: growthDifference <= allowedDifference,
    },
    {
      benchmark: 'M3',
      measure: `server RSS growth, slow reader (first ${slowReaderUsers.toLocaleString('en-US')} of ${large} at ${users(slowReaderUsersPerSecond)})`,
      value: formatMegabytes(slowReader.residentSetGrowth),
      spread: once,
      goal: `≤ ${formatMegabytes(goals.growthBytes)}`,
      met: slowReader.residentSetGrowth <= goals.growthBytes,
    },
  ];
}

/** The cell as shown: value and spread, without the median used for the goal. */
function shown(cell: RepeatedCell): Pick<ResultRow, 'value' | 'spread'> {
  return { value: cell.value, spread: cell.spread };
}
