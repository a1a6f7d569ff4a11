import type { OperationContext } from '@unidir/core';
import { silentLogger } from './capturing-logger.js';

/** How long the default context gives an operation, as the runtime's default budget does. */
export const defaultOperationBudgetMs = 30_000;

/**
 * An OperationContext as the runtime builds one: a 30 s deadline, an empty provider-call list, not a dry
 * run, a signal that never aborts, a silent logger. Override any of it.
 */
export function createOperationContext<Client>(
  client: Client,
  overrides: Partial<OperationContext<Client>> = {},
): OperationContext<Client> {
  return {
    client,
    accountId: 'test-account',
    remoteQuery: {},
    signal: new AbortController().signal,
    deadline: Date.now() + defaultOperationBudgetMs,
    dryRun: false,
    providerCalls: [],
    logger: silentLogger,
    ...overrides,
  };
}
