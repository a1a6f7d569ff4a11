import { type RemoteQuery, UnsupportedParameterError, ValidationError } from '@unidir/core';

function toQueryValue(value: unknown): string | string[] {
  if (Array.isArray(value)) return value.map((item) => String(item));
  return String(value);
}

/**
 * The name a provider may read a query parameter as: servers differ in trimming whitespace, stopping at a
 * NUL, folding case and width, so a name is compared with all of those removed.
 */
function canonicalParameterName(name: string): string {
  return [...name.normalize('NFKC')]
    .filter(
      (character) =>
        character.trim() !== '' && (character.codePointAt(0) ?? 0) >= 0x20 && character !== '\u007f',
    )
    .join('')
    .toLowerCase();
}

/**
 * Adds the caller's `remote_query` to the query a connector built. The connector's own keys and the ones
 * it reserves cannot be overridden (a caller widening `$filter` or Google's `customer` would escape the
 * account's scope); names are compared canonically (case, width, whitespace and control characters aside).
 */
export function mergeRemoteQuery(
  connectorQuery: Record<string, unknown>,
  remoteQuery: RemoteQuery | undefined,
  reservedKeys: readonly string[] = [],
): Record<string, string | string[]> {
  const merged: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(connectorQuery)) {
    if (value !== undefined && value !== null) merged[name] = toQueryValue(value);
  }
  // Most calls carry no remote_query: the canonical names are only worth computing when there is one.
  if (remoteQuery === undefined || Object.keys(remoteQuery).length === 0) return merged;
  const owned = new Set([...Object.keys(merged), ...reservedKeys].map(canonicalParameterName));
  for (const [name, value] of Object.entries(remoteQuery)) {
    if (owned.has(canonicalParameterName(name))) {
      throw new ValidationError({
        message: `remote_query[${name}] cannot be set: the connector controls "${name}" for this operation.`,
        code: 'remote_query_conflict',
        details: { parameter: `remote_query[${name}]` },
      });
    }
    merged[name] = toQueryValue(value);
  }
  return merged;
}

/** Operations that take no provider query (writes, membership changes) refuse one rather than drop it. */
export function refuseRemoteQuery(remoteQuery: RemoteQuery | undefined, reason: string): void {
  if (remoteQuery && Object.keys(remoteQuery).length > 0) {
    throw new UnsupportedParameterError({ parameter: 'remote_query', supported: [], reason });
  }
}

/** Wraps an operation that takes no provider query, so that a `remote_query` is refused, never dropped. */
export function withoutRemoteQuery<Parameters extends { remote_query?: RemoteQuery }, Context, Result>(
  operation: (parameters: Parameters, context: Context) => Promise<Result>,
  reason = 'this operation takes no provider query',
) {
  return async (parameters: Parameters, context: Context): Promise<Result> => {
    refuseRemoteQuery(parameters.remote_query, reason);
    return operation(parameters, context);
  };
}
