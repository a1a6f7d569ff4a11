import { summarizeRepetitions } from './statistics.js';

/** One line of the benchmark table: a measured value and, where the issue sets one, its goal. */
export interface ResultRow {
  benchmark: 'M1' | 'M2' | 'M3' | 'M4' | 'M5';
  /** What was measured, unique in the table: `p50, c=16, (d) unified`. */
  measure: string;
  value: string;
  /** Median and range over the repetitions, or why there is none. */
  spread: string;
  goal?: string;
  /** Whether the goal was met; absent without a goal. */
  met?: boolean;
}

const columns = ['Benchmark', 'Measure', 'Value', 'Spread (min–max)', 'Goal', 'Met'] as const;

function cellsOf(row: ResultRow): string[] {
  const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
  return [row.benchmark, row.measure, row.value, row.spread, row.goal ?? '', met];
}

/** A Markdown table padded so it also reads well in a terminal. */
export function formatResultTable(rows: readonly ResultRow[]): string {
  const lines = [columns.slice(), ...rows.map(cellsOf)];
  const widths = columns.map((_, column) => Math.max(...lines.map((cells) => (cells[column] ?? '').length)));
  const format = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const separator = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  const [header, ...body] = lines;
  return [format(header ?? []), separator, ...body.map(format)].join('\n');
}

export function formatMicroseconds(microseconds: number): string {
  return `${Math.round(microseconds).toLocaleString('en-US')} µs`;
}

export function formatSignedMicroseconds(microseconds: number): string {
  const rounded = Math.round(microseconds);
  return `${rounded >= 0 ? '+' : '−'}${Math.abs(rounded).toLocaleString('en-US')} µs`;
}

export function formatRate(perSecond: number, unit: string): string {
  return `${Math.round(perSecond).toLocaleString('en-US')} ${unit}/s`;
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatSignedMegabytes(bytes: number): string {
  return `${bytes >= 0 ? '+' : '−'}${formatMegabytes(Math.abs(bytes))}`;
}

export function formatRange(minimum: string, maximum: string, repetitions: number): string {
  return `${minimum} – ${maximum} (${repetitions} ${repetitions === 1 ? 'run' : 'runs'})`;
}

/** A table cell of repeated measurements: the median as the value, the range as the spread. */
export interface RepeatedCell {
  median: number;
  value: string;
  spread: string;
}

export function repeatedCell(values: readonly number[], format: (value: number) => string): RepeatedCell {
  const summary = summarizeRepetitions(values);
  return {
    median: summary.median,
    value: format(summary.median),
    spread: formatRange(format(summary.minimum), format(summary.maximum), summary.repetitions),
  };
}
