import { type OperationName, UnidirError, wireOperationName } from '@unidir/core';

export interface ErrorContext {
  integration: string;
  /** How people call the provider: the connector's display name. */
  providerName: string;
  accountId: string;
  resource: string;
  operation: OperationName;
  id?: string;
}

const contextAdded = Symbol('unidir.errorContext');

/** Errors whose cause is the provider's answer, or its silence. */
function isFromProvider(error: UnidirError): boolean {
  return (
    error.code.startsWith('provider_') ||
    error.code === 'rate_limited' ||
    error.code === 'integrated_account_reauth_required'
  );
}

function providerPrefix(error: UnidirError, context: ErrorContext): string {
  const call = `${context.resource}.${wireOperationName(context.operation)}${context.id === undefined ? '' : ` ${context.id}`}`;
  const status = error.details?.provider_status;
  if (typeof status === 'number' && status > 0)
    return `${context.providerName} answered ${status} to ${call}`;
  if (error.code === 'provider_timeout') return `${context.providerName} did not answer ${call} in time`;
  return `${context.providerName} failed ${call}`;
}

/**
 * Names the integration and the account in an error's details and, when the provider caused it, says in
 * the message which provider answered what to which call. Applied once, however often it is rethrown.
 */
export function addErrorContext(error: unknown, context: ErrorContext): unknown {
  if (!UnidirError.isInstance(error)) return error;
  const marked = error as UnidirError & { [contextAdded]?: true };
  if (marked[contextAdded]) return error;
  marked[contextAdded] = true;
  const fromProvider = isFromProvider(error);
  Object.defineProperty(error, 'details', {
    value: {
      ...error.details,
      integration: context.integration,
      integrated_account_id: context.accountId,
      ...(fromProvider ? { provider: context.providerName } : {}),
    },
    enumerable: true,
    configurable: true,
  });
  if (fromProvider) error.message = `${providerPrefix(error, context)}: ${error.message}`;
  return error;
}
