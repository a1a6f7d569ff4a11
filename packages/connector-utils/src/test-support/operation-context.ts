import type { ConnectorLogger, ProviderCallRecord } from '@unidir/core';
import type { ProviderCallContext } from '../provider-http-client.js';

export interface CapturedLogLine {
  level: string;
  fields: Record<string, unknown>;
  message?: string;
}

export function createCapturingLogger(): ConnectorLogger & { lines: CapturedLogLine[]; text(): string } {
  const lines: CapturedLogLine[] = [];
  const log = (level: string) => (fields: Record<string, unknown>, message?: string) => {
    lines.push({ level, fields, message });
  };
  return {
    lines,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    text: () => lines.map((line) => JSON.stringify(line)).join('\n'),
  };
}

export type TestCallContext = ProviderCallContext & {
  providerCalls: ProviderCallRecord[];
  logger: ReturnType<typeof createCapturingLogger>;
};

export function createCallContext(overrides: Partial<TestCallContext> = {}): TestCallContext {
  return {
    signal: new AbortController().signal,
    deadline: Date.now() + 30_000,
    dryRun: false,
    providerCalls: [],
    logger: createCapturingLogger(),
    ...overrides,
  };
}
