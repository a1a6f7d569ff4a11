import type { OperationName, ProviderCallRecord } from '@unidir/core';
import { UnidirError } from '@unidir/core';
import type { ServerContext } from '../server-context.js';
import type { AccountRow } from '../storage/store.js';
import type { StepError } from './offboarding-types.js';

export interface AccountCallResult {
  body: Record<string, unknown>;
  providerCalls: ProviderCallRecord[];
}

/** One unified operation on one account, through the runtime the HTTP routes use for it. */
export type AccountCall = (request: {
  method: OperationName;
  id?: string;
  query: Record<string, unknown>;
}) => Promise<AccountCallResult>;

export function accountCaller(context: ServerContext, account: AccountRow): AccountCall {
  const runtime = account.sandbox ? context.sandboxRuntime : context.runtime;
  return async (request) => {
    const response = await runtime.execute({
      account: await context.accounts.runtimeRecordFor(account),
      resource: 'users',
      ...request,
    });
    if (response.kind !== 'json') throw new Error('offboarding reads JSON answers only');
    return { body: response.body as Record<string, unknown>, providerCalls: response.providerCalls };
  };
}

export function providerRequestIdsOf(calls: readonly ProviderCallRecord[], error?: unknown): string[] {
  const ids = calls.flatMap((call) => (call.providerRequestId ? [call.providerRequestId] : []));
  const fromError = UnidirError.isInstance(error) ? error.details?.provider_request_id : undefined;
  if (typeof fromError === 'string' && !ids.includes(fromError)) ids.push(fromError);
  return ids;
}

/** The error as the API would answer it, for the step's record (messages are already secret-free). */
export function stepErrorOf(error: unknown, scrub: (text: string) => string): StepError {
  if (UnidirError.isInstance(error)) {
    return {
      code: error.code,
      message: scrub(error.message),
      status_code: error.httpStatus,
      ...(error.details
        ? { details: JSON.parse(scrub(JSON.stringify(error.details))) as Record<string, unknown> }
        : {}),
    };
  }
  return {
    code: 'internal_error',
    message: 'The step failed unexpectedly; see the server log.',
    status_code: 500,
  };
}
