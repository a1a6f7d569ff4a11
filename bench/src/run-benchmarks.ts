import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fullBenchConfig, smokeBenchConfig } from './bench-config.js';
import { type BenchmarkId, runBenchmarks } from './bench-runner.js';
import { type BenchRun, renderBenchmarksFile } from './benchmarks-file.js';
import { goalNotes } from './goal-notes.js';
import { describeMachine, oneMinuteLoadAverage } from './machine.js';
import { formatResultTable } from './result-table.js';

const benchmarksFile = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));
/** The last full run's rows (git-ignored), for `--render`. */
const latestRunFile = fileURLToPath(new URL('../results/latest.json', import.meta.url));

async function writeBenchmarksFile(run: BenchRun): Promise<void> {
  await writeFile(benchmarksFile, renderBenchmarksFile(run, goalNotes));
  console.error(`wrote ${benchmarksFile}`);
}

async function runAndReport(): Promise<void> {
  const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
  /** `--only=M1,M4` runs a subset (for profiling and iterating); it never writes BENCHMARKS.md. */
  const onlyArgument = process.argv.find((argument) => argument.startsWith('--only='));
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
