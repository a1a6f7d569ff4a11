import { describe, expect, it } from 'vitest';
import { createCapturingLogger } from './capturing-logger.js';
import { createOperationContext } from './operation-context.js';

describe('createOperationContext', () => {
  it('builds what the runtime builds: a 30 s deadline, no calls yet, not a dry run', () => {
    const before = Date.now();
    const context = createOperationContext({ name: 'client' });
    expect(context.client).toEqual({ name: 'client' });
    expect(context.deadline).toBeGreaterThanOrEqual(before + 30_000);
    expect(context.deadline).toBeLessThanOrEqual(Date.now() + 30_000);
    expect(context).toMatchObject({ dryRun: false, providerCalls: [], remoteQuery: {} });
    expect(context.signal.aborted).toBe(false);
  });

  it('takes overrides and gives each context its own call list', () => {
    const logger = createCapturingLogger();
    const dryRun = createOperationContext('client', { dryRun: true, logger, accountId: 'acct_1' });
    expect(dryRun).toMatchObject({ dryRun: true, accountId: 'acct_1' });
    expect(dryRun.logger).toBe(logger);
    expect(createOperationContext('a').providerCalls).not.toBe(createOperationContext('a').providerCalls);
  });
});
