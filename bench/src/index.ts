/**
 * The bench runs from source (`pnpm bench`, under tsx, child processes forked from `src/processes`); this
 * entry exposes only its pure parts, for scripts that read or re-render its results.
 */
export { type BenchConfig, fullBenchConfig, smokeBenchConfig } from './bench-config.js';
export { formatResultTable, type ResultRow } from './result-table.js';
export { percentile, type RepeatedValue, summarizeRepetitions } from './statistics.js';
