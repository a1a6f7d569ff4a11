import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prerenderedView, startFakeProcess, startUnidirServer } from './bench-environment.js';
import { sampleResidentSetSize } from './memory-sampler.js';
import { readNdjson } from './ndjson-reader.js';
import { type CpuProfile, formatSelfTimeTable, selfTimeByPackage } from './profiling/cpu-profile-summary.js';
import { pageDirectly } from './provider-direct.js';
import { streamFirstPagePath } from './streaming-benchmarks.js';
import { authorizationHeaders, unifiedUsersPath } from './unidir-api.js';

/**
 * A quick look at one M3 stream for iterating on the stream path, not a benchmark of record (the M3 rows
 * of `pnpm bench --only=M3` are): streams a pre-rendered Graph fake through fresh server processes and
 * prints users/s and the server's RSS growth per run.
 *
 *   tsx --conditions=@unidir/source src/stream-probe.ts --users=100000 --runs=2 [--limit=100] [--profile]
 *
 * `--profile` writes the server's CPU profiles to a temporary folder and prints self time by package and
 * the top functions.
 */
const argument = (name: string) =>
  process.argv.find((value) => value.startsWith(`--${name}=`))?.slice(name.length + 3);
const users = Number(argument('users') ?? 100_000);
const runs = Number(argument('runs') ?? 2);
const limitArgument = argument('limit');
const limit = limitArgument === undefined ? undefined : Number(limitArgument);
const profile = process.argv.includes('--profile');

const profileDirectory = profile ? await mkdtemp(join(tmpdir(), 'unidir-stream-probe-')) : undefined;
if (profileDirectory !== undefined) {
  process.env.BENCH_PROFILE = 'unidir-server-process';
  process.env.BENCH_PROFILE_DIR = profileDirectory;
}

const query = {
  truto_response_format: 'stream',
  ...(limit === undefined ? {} : { limit: String(limit) }),
};
const fake = await startFakeProcess('azure-ad', users);
const warmupFake = await startFakeProcess('azure-ad', 1_000);
try {
  const front = prerenderedView(fake);
  const warmupFront = prerenderedView(warmupFake);
  const learner = await startUnidirServer([front]);
  const firstPagePath = await streamFirstPagePath(learner, front, limit);
  await learner.stop();
  console.error(`first provider page: ${firstPagePath}`);
  await pageDirectly(front, firstPagePath);
  const direct = await pageDirectly(front, firstPagePath);
  console.error(`direct paging from memory: ${Math.round(direct.users / direct.seconds)} users/s`);

  for (let run = 0; run < runs; run++) {
    const server = await startUnidirServer([warmupFront, front]);
    try {
      const headers = authorizationHeaders(server.endpoint);
      const url = (accountId: string) => `${server.endpoint.url}${unifiedUsersPath({ accountId, query })}`;
      await readNdjson(url(await server.connect(warmupFront)), headers);
      const accountId = await server.connect(front);
      const memoryUsage = () => server.process.call<NodeJS.MemoryUsage>('memory-usage');
      const before = await memoryUsage();
      const sampler = sampleResidentSetSize(server.process, 100);
      const result = await readNdjson(url(accountId), headers);
      const peak = await sampler.stop();
      const after = await memoryUsage();
      const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
      const parts = (usage: NodeJS.MemoryUsage) =>
        `heap ${megabytes(usage.heapUsed)} of ${megabytes(usage.heapTotal)}, external ${megabytes(usage.external)}`;
      console.error(
        `run ${run + 1}: ${result.lines} users, ${Math.round(result.lines / result.seconds)} users/s, RSS growth ${megabytes(peak - before.rss)} (RSS ${megabytes(before.rss)} before, ${parts(before)}; after: ${parts(after)})`,
      );
    } finally {
      await server.stop();
    }
  }
} finally {
  await fake.stop();
  await warmupFake.stop();
}

if (profileDirectory !== undefined) {
  const files = (await readdir(profileDirectory)).filter((file) => file.endsWith('.cpuprofile'));
  const profiles = await Promise.all(
    files.map(async (file) => JSON.parse(await readFile(join(profileDirectory, file), 'utf8')) as CpuProfile),
  );
  console.error(formatSelfTimeTable(selfTimeByPackage(profiles), 15));
  console.error(`\nprofiles in ${profileDirectory}`);
}
