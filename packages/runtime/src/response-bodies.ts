import {
  type DeleteUserResult,
  type ListResult,
  type ProviderCallRecord,
  type RecordResult,
  UnidirError,
} from '@unidir/core';
import type { RecordShaper } from './record-shaping.js';
import type { ResponseOptions } from './response-options.js';

/** ProviderCallRecord in the wire API's snake_case. */
export function providerCallsForWire(calls: readonly ProviderCallRecord[]): Array<Record<string, unknown>> {
  return calls.map((call) => ({
    method: call.method,
    url: call.url,
    outcome: call.outcome,
    status: call.status,
    provider_request_id: call.providerRequestId,
    attempts: call.attempts,
  }));
}

export function listBody(page: ListResult<object>, shape: RecordShaper) {
  const result = page.records.map(shape);
  return { result, next_cursor: page.nextCursor, prev_cursor: null, result_count: result.length };
}

/**
 * The user as the connector read it before the delete, shaped like a get in the same format, with `id` and
 * `actions` set on it. Without a read, `normalized` still answers its fixed shape (fields null).
 */
export function deleteBody(result: DeleteUserResult, options: ResponseOptions, shape: RecordShaper) {
  const user =
    result.user ??
    (options.format === 'normalized' ? { unified: { id: result.id }, raw: undefined } : undefined);
  const shapedUser = user === undefined ? {} : shape(user as RecordResult<object>);
  // Spread, not Object.assign: a provider field named `__proto__` must stay a plain field.
  const body: Record<string, unknown> = { id: result.id, ...(shapedUser as object), actions: result.actions };
  body.id = result.id;
  return body;
}

export function dryRunBody(providerCalls: readonly ProviderCallRecord[], result: unknown) {
  const actions = (result as Partial<DeleteUserResult> | null)?.actions;
  return {
    dry_run: true,
    provider_calls: providerCallsForWire(providerCalls),
    ...(actions === undefined ? {} : { actions }),
  };
}

/** A connector broke the contract (e.g. returned null outside a dry run): our bug or theirs, never the caller's. */
export function contractViolation(connectorId: string, what: string): UnidirError {
  return new UnidirError({
    message: `The ${connectorId} connector ${what}.`,
    code: 'connector_contract_violation',
    httpStatus: 500,
    name: 'ConnectorContractViolationError',
  });
}
