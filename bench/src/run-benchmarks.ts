import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fullBenchConfig, smokeBenchConfig } from './bench-config.js';
import { type BenchmarkId, runBenchmarks } from './bench-runner.js';
import { type BenchRun, renderBenchmarksFile } from './benchmarks-file.js';
import { goalNotes } from './goal-notes.js';
import { describeMachine, oneMinuteLoadAverage } from './machine.js';
import { type CpuProfile, formatSelfTimeTable, selfTimeByPackage } from './profiling/cpu-profile-summary.js';
import { formatResultTable } from './result-table.js';

const benchmarksFile = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));
/** The last full run's rows (git-ignored), for `--render`. */
const latestRunFile = fileURLToPath(new URL('../results/latest.json', import.meta.url));

const profileSummariesFolder = fileURLToPath(new URL('../profiles/', import.meta.url));

async function committedProfileSummaries(): Promise<string[]> {
  const files = (await readdir(profileSummariesFolder)).filter((file) => file.endsWith('.md')).sort();
  return Promise.all(files.map((file) => readFile(join(profileSummariesFolder, file), 'utf8')));
}

async function writeBenchmarksFile(run: BenchRun): Promise<void> {
  await writeFile(benchmarksFile, renderBenchmarksFile(run, goalNotes, await committedProfileSummaries()));
  console.error(`wrote ${benchmarksFile}`);
}

/** Packages in the profile summary. */
const profileSummaryRows = 20;

/**
 * `--profile`: CPU profiles of the unidir server processes (BENCH_PROFILE names others) into a fresh
 * folder under bench/results/profiles (or BENCH_PROFILE_DIR); `runAndReport` summarises them afterwards.
 */
function prepareProfiling(): string | undefined {
  if (!process.argv.includes('--profile')) return undefined;
  process.env.BENCH_PROFILE ||= 'unidir-server-process';
  process.env.BENCH_PROFILE_DIR ||= fileURLToPath(
    new URL(`../results/profiles/${new Date().toISOString().replace(/[:.]/g, '-')}`, import.meta.url),
  );
  return process.env.BENCH_PROFILE_DIR;
}

/** Self time by package over every profile in `directory`, written beside them as summary.md. */
async function summarizeProfiles(directory: string): Promise<void> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.cpuprofile'));
  const profiles = await Promise.all(
    files.map(async (file) => JSON.parse(await readFile(join(directory, file), 'utf8')) as CpuProfile),
  );
  const summary = `# Self time by package (${process.env.BENCH_PROFILE}, ${files.length} profiles)

${formatSelfTimeTable(selfTimeByPackage(profiles), profileSummaryRows)}
`;
  await writeFile(join(directory, 'summary.md'), summary);
  console.error(`\n${summary}\nprofiles and summary.md in ${directory}`);
}

async function runAndReport(): Promise<void> {
  const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
  const profileDirectory = prepareProfiling();
  /**
   * `--only=M1,M4` runs a subset (for profiling and iterating); it never writes BENCHMARKS.md. A profile
   * run is M1/M2 unless told otherwise: profiling slows the server, so its numbers are not the bench's.
   */
  const onlyArgument =
    process.argv.find((argument) => argument.startsWith('--only=')) ??
    (profileDirectory === undefined ? undefined : '--only=M1,M2');
  const only = onlyArgument
    ? new Set(onlyArgument.slice('--only='.length).split(',') as BenchmarkId[])
    : undefined;
  const config = smoke ? smokeBenchConfig : fullBenchConfig;
  const machine = describeMachine();
  const startedAt = process.hrtime.bigint();
  const loadAtStart = oneMinuteLoadAverage();
  const elapsed = () => Number(process.hrtime.bigint() - startedAt) / 1e9;

  console.error(
    `unidir bench (${config.mode}): ${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, load ${loadAtStart.toFixed(2)}`,
  );
  const rows = await runBenchmarks(config, {
    only,
    progress: (message) => console.error(`- ${elapsed().toFixed(1)} s: ${message}`),
  });
  console.log(formatResultTable(rows));
  if (profileDirectory !== undefined) {
    await summarizeProfiles(profileDirectory);
  }

  // A smoke or partial run must never replace a full run's numbers.
  if (smoke || only !== undefined) {
    return;
  }
  const run: BenchRun = {
    rows,
    machine,
    finishedAt: new Date().toISOString(),
    durationSeconds: elapsed(),
    loadAverage: { start: loadAtStart, end: oneMinuteLoadAverage() },
  };
  await mkdir(dirname(latestRunFile), { recursive: true });
  await writeFile(latestRunFile, `${JSON.stringify(run, null, 2)}\n`);
  await writeBenchmarksFile(run);
}

// `--render` rewrites BENCHMARKS.md from the last full run, e.g. after editing the goal notes.
if (process.argv.includes('--render')) {
  await writeBenchmarksFile(JSON.parse(await readFile(latestRunFile, 'utf8')) as BenchRun);
} else {
  await runAndReport();
}
