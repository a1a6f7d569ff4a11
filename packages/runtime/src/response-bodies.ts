import {
  type DeleteUserResult,
  type ListResult,
  type ProviderCallRecord,
  type RecordResult,
  UnidirError,
  ValidationError,
} from '@unidir/core';
import type { RecordShaper } from './record-shaping.js';
import type { ResponseOptions } from './response-options.js';

/**
 * ProviderCallRecord in the wire API's snake_case. The provider's response headers are for the `debug`
 * format only: dry-run bodies end up in offboarding plans and the audit trail, which keep no headers.
 */
export function providerCallsForWire(
  calls: readonly ProviderCallRecord[],
  options: { responseHeaders?: boolean } = {},
): Array<Record<string, unknown>> {
  return calls.map((call) => ({
    method: call.method,
    url: call.url,
    outcome: call.outcome,
    status: call.status,
    provider_request_id: call.providerRequestId,
    attempts: call.attempts,
    ...(options.responseHeaders ? { response_headers: call.responseHeaders ?? null } : {}),
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

function valueAt(record: unknown, path: string): unknown {
  let value = record;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/**
 * `truto_key_by`: the page's records as an object keyed by one field. A record without a text or number
 * there, or a value two records share, would lose a record, so the call is refused instead.
 */
export function keyedResult(records: readonly unknown[], field: string): Record<string, unknown> {
  const keyed: Record<string, unknown> = Object.create(null);
  for (const record of records) {
    const key = valueAt(record, field);
    if ((typeof key !== 'string' && typeof key !== 'number') || Object.hasOwn(keyed, String(key))) {
      throw new ValidationError({
        code: 'truto_key_by_not_unique',
        message: `truto_key_by=${field}: ${typeof key === 'string' || typeof key === 'number' ? `two records share "${key}"` : 'a record has no text or number there'}; key by a field every record has once, such as id.`,
        details: { parameter: 'truto_key_by' },
      });
    }
    keyed[String(key)] = record;
  }
  return { ...keyed };
}

/**
 * `truto_response_format=debug`: the answer under `result` (a list keeps its envelope beside it) and what
 * the provider was asked under `debug`, with the headers of its answers (`response_headers`: the first
 * call's, and each call's in `provider_calls`). Provider URLs are already stripped of secret query values,
 * and the HTTP client has already dropped secret-bearing headers.
 */
export function debugBody(body: unknown, isList: boolean, providerCalls: readonly ProviderCallRecord[]) {
  const first = providerCalls[0];
  const debug: Record<string, unknown> = {
    request_url: first?.url ?? null,
    request_options: first ? { method: first.method } : null,
    response_headers: first?.responseHeaders ?? null,
    provider_calls: providerCallsForWire(providerCalls, { responseHeaders: true }),
  };
  if (!isList) return { result: body, debug };
  const page = body as { result: unknown; next_cursor: string | null; result_count: number };
  debug.next_cursor = page.next_cursor;
  debug.result_count = page.result_count;
  debug.is_empty_result = page.result_count === 0;
  return { ...page, debug };
}
