import type { ConnectorLogger } from '@unidir/core';

export interface CapturedLogLine {
  level: string;
  fields: Record<string, unknown>;
  message?: string;
}

export interface CapturingLogger extends ConnectorLogger {
  readonly lines: CapturedLogLine[];
  /** Every line as JSON, errors included with message, stack and own fields: what a secret scan reads. */
  text(): string;
}

/** Serialises what JSON.stringify would drop or choke on: errors, bigints, cycles. */
export function stringifyForInspection(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'bigint') return item.toString();
    if (typeof item !== 'object' || item === null) return item;
    if (seen.has(item)) return '[Circular]';
    seen.add(item);
    if (item instanceof Error) {
      return { ...item, name: item.name, message: item.message, stack: item.stack, cause: item.cause };
    }
    return item;
  });
}

/** A logger that keeps every line in memory, for assertions on what was (and was not) logged. */
export function createCapturingLogger(): CapturingLogger {
  const lines: CapturedLogLine[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message?: string): void => {
      lines.push(message === undefined ? { level, fields } : { level, fields, message });
    };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => lines.map((line) => stringifyForInspection(line)).join('\n'),
  };
}

/** A logger that drops everything. */
export const silentLogger: ConnectorLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
