import type { ConnectorLogger, ExecutableResource, RecordResult } from '@unidir/core';
import type { RecordShaper } from './record-shaping.js';
import { contractViolation } from './response-bodies.js';
import { createUnifiedRecordCheck } from './unified-record-check.js';
import { describeIssues, summarizeIssues } from './zod-issues.js';

/**
 * What the host does with a connector record that does not match core's schema: `enforce` fails the call
 * (development and tests), `log` serves it and logs and counts it (production's default), `off` skips the
 * check.
 */
export type OutputValidation = 'enforce' | 'log' | 'off';
export const outputValidationModes: readonly OutputValidation[] = ['enforce', 'log', 'off'];

export function defaultOutputValidation(): OutputValidation {
  return process.env.NODE_ENV === 'production' ? 'log' : 'enforce';
}

export interface OutputValidationCounter {
  invalidRecords: number;
}

/** Wraps a shaper so that each record is checked against core's schema of its resource first. */
export function validatingShaper(options: {
  shape: RecordShaper;
  resource: ExecutableResource;
  mode: OutputValidation;
  connectorId: string;
  logger: ConnectorLogger;
  counter: OutputValidationCounter;
}): RecordShaper {
  const { shape, resource, mode, connectorId, logger, counter } = options;
  if (mode === 'off') return shape;
  const check = createUnifiedRecordCheck(resource);
  return (record: RecordResult<object>) => {
    const checked = check(record.unified);
    if (!checked.success) {
      const issues = summarizeIssues(checked.error);
      const id = (record.unified as { id?: unknown }).id;
      const what = `returned a ${resource} record${typeof id === 'string' ? ` (${id})` : ''} that breaks core's schema: ${describeIssues(issues)}`;
      if (mode === 'enforce') throw contractViolation(connectorId, what);
      counter.invalidRecords += 1;
      logger.warn({ connector: connectorId, resource, issues }, `The ${connectorId} connector ${what}.`);
    }
    return shape(record);
  };
}
