import type { MachineDescription } from './machine.js';
import { formatResultTable, type ResultRow } from './result-table.js';

/** What the issue asks of each benchmark, and what was found when a goal was missed. */
export interface GoalNote {
  benchmark: ResultRow['benchmark'];
  title: string;
  /** Written by whoever ran and profiled the bench: why a miss happened and what was done about it. */
  analysis: string;
}

function goalStatus(rows: readonly ResultRow[], benchmark: ResultRow['benchmark']): string {
  const withGoals = rows.filter((row) => row.benchmark === benchmark && row.met !== undefined);
  if (withGoals.length === 0) {
    return 'no numeric goal';
  }
  const missed = withGoals.filter((row) => row.met === false);
  const lines = withGoals.map(
    (row) => `  - ${row.met ? 'met' : '**missed**'}: ${row.measure}: ${row.value} (goal ${row.goal})`,
  );
  return `${missed.length === 0 ? 'all met' : `${missed.length} of ${withGoals.length} missed`}\n${lines.join('\n')}`;
}

/** One full run as `bench/results/latest.json` keeps it, so BENCHMARKS.md can be re-rendered. */
export interface BenchRun {
  rows: ResultRow[];
  machine: MachineDescription;
  /** ISO timestamp. */
  finishedAt: string;
  durationSeconds: number;
  /** 1-minute load average when the run started and when it ended. */
  loadAverage: { start: number; end: number };
}

/**
 * The root BENCHMARKS.md: the latest table, the machine it ran on, every goal's status, and the committed
 * profile summaries (`bench/profiles/*.md`) that the goal notes refer to.
 */
export function renderBenchmarksFile(
  run: BenchRun,
  notes: readonly GoalNote[],
  profileSummaries: readonly string[],
): string {
  const options = { ...run, notes };
  const { machine } = options;
  return `# Benchmarks

The latest full run of \`pnpm bench\` (written by it; \`bench/README.md\` explains the method, the
variance and how to read each row). Every ratio compares paths measured in the same run, on the same
machine, against the same loopback fake provider.

- Run: ${options.finishedAt}, ${Math.round(options.durationSeconds)} s
- Machine: ${machine.cores} cores (nproc), ${machine.cpuModel}, ${machine.memory} RAM, ${machine.platform}
- Node ${machine.node}
- 1-minute load average: ${options.loadAverage.start.toFixed(2)} at the start, ${options.loadAverage.end.toFixed(2)} at the end (the bench's own processes included)

## Results

${formatResultTable(options.rows)}

## Goals

${options.notes
  .map(
    (note) =>
      `### ${note.benchmark}: ${note.title}\n\nStatus: ${goalStatus(options.rows, note.benchmark)}\n\n${note.analysis}`,
  )
  .join('\n\n')}

## Where the time goes

Self time by package from \`pnpm bench --profile\`, as committed in \`bench/profiles/\` (a profile is copied
there by hand when a round of work is measured: profiles of every run would only add noise).

${profileSummaries.map((summary) => summary.trim()).join('\n\n')}
`;
}
