import {
  type AnyUserDirectoryConnectorV1,
  identifierSchema,
  NotFoundError,
  type ProviderCallRecord,
  type RawListParameters,
  type RawResourceV1,
  type RemoteQuery,
  UnsupportedOperationError,
  UnsupportedParameterError,
  ValidationError,
} from '@unidir/core';
import { isRecord } from './is-record.js';
import type { IntegratedAccountRecord } from './unified-request.js';

export type RawMethod = 'list' | 'get' | 'create' | 'update' | 'delete';

/** A `/proxy/{resource}[/{id}]` call. */
export interface RawRequest {
  account: IntegratedAccountRecord;
  resource: string;
  method: RawMethod;
  id?: string;
  query: Record<string, unknown>;
  /** The provider's own record, for create and update. */
  body?: unknown;
  /** Aborts the call when it aborts. */
  signal?: AbortSignal;
  /** See OperationContext.earlierAttemptMayHaveActed. */
  earlierAttemptMayHaveActed?: boolean;
  /** See UnifiedRequest.providerCalls. */
  providerCalls?: ProviderCallRecord[];
  /**
   * Called once, before the call starts, with the function that aborts it: for a host that learns of a
   * hang-up from an event, so the call keeps a single AbortSignal (a `signal` costs a second one, forwarded
   * into the call's own).
   */
  bindAbort?: (abort: () => void) => void;
}

/** A raw id follows the unified rule: no provider issues one that starts or ends with whitespace. */
export function assertRawId(id: string): void {
  const checked = identifierSchema.safeParse(id);
  if (!checked.success) {
    throw new ValidationError({
      message: `The id is not valid: ${checked.error.issues.map((issue) => issue.message).join('; ')}.`,
      details: { parameter: 'id' },
    });
  }
}

const acceptedParameters: Record<RawMethod, readonly string[]> = {
  list: ['limit', 'next_cursor', 'remote_query'],
  get: ['remote_query'],
  // Writes take no provider query: a remote_query there would be ignored.
  create: ['dry_run'],
  update: ['dry_run'],
  delete: ['dry_run'],
};
const ignoredParameters = new Set(['integrated_account_id']);

/** The raw resource the connector declares under this name, with the method asked for. */
export function findRawResource(
  connector: AnyUserDirectoryConnectorV1,
  name: string,
  method: RawMethod,
): RawResourceV1 {
  const declared = connector.rawResources ?? {};
  const resource = Object.hasOwn(declared, name) ? declared[name] : undefined;
  if (!resource) {
    throw new NotFoundError({
      message: `The ${connector.id} connector serves no raw resource "${name}". Raw resources: ${Object.keys(declared).join(', ') || 'none'}.`,
      resource: `proxy/${name}`,
    });
  }
  if (!resource[method]) {
    throw new UnsupportedOperationError({ operation: `proxy/${name}.${method}`, connectorId: connector.id });
  }
  return resource;
}

function readLimit(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const limit = typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ValidationError({
      message: 'limit must be a positive integer.',
      details: { parameter: 'limit' },
    });
  }
  return limit;
}

function readRemoteQuery(value: unknown): RemoteQuery {
  if (value === undefined) return {};
  const valid =
    isRecord(value) &&
    Object.values(value).every(
      (entry) =>
        typeof entry === 'string' ||
        (Array.isArray(entry) && entry.every((item) => typeof item === 'string')),
    );
  if (!valid) {
    throw new ValidationError({
      message: 'remote_query must be an object of text values (remote_query[$filter]=...).',
      details: { parameter: 'remote_query' },
    });
  }
  return value as RemoteQuery;
}

function readDryRun(value: unknown): boolean {
  if (value === undefined || value === false || value === 'false' || value === '0') return false;
  if (value === true || value === 'true' || value === '1') return true;
  throw new ValidationError({ message: 'dry_run must be true or false.', details: { parameter: 'dry_run' } });
}

/** A proxy write's body: the provider's record, a JSON object. */
export function rawBodyOf(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) {
    throw new ValidationError({
      message: "Send the provider's record as a JSON object body.",
      details: { parameter: 'body' },
    });
  }
  return body;
}

/** A proxy call's query: page size, our cursor, the provider query or dry_run; anything else is refused. */
export function parseRawQuery(
  query: Record<string, unknown>,
  method: RawMethod,
): { parameters: RawListParameters; remoteQuery: RemoteQuery; dryRun: boolean } {
  const supported = acceptedParameters[method];
  for (const name of Object.keys(query)) {
    if (!ignoredParameters.has(name) && !supported.includes(name)) {
      throw new UnsupportedParameterError({
        parameter: name,
        supported,
        reason: 'the proxy passes the provider query as remote_query',
      });
    }
  }
  const limit = readLimit(query.limit);
  const cursor = query.next_cursor;
  if (cursor !== undefined && typeof cursor !== 'string') {
    throw new ValidationError({
      message: 'Give next_cursor once, as text.',
      details: { parameter: 'next_cursor' },
    });
  }
  return {
    parameters: {
      ...(limit === undefined ? {} : { limit }),
      ...(cursor === undefined || cursor === '' ? {} : { cursor }),
    },
    remoteQuery: readRemoteQuery(query.remote_query),
    dryRun: readDryRun(query.dry_run),
  };
}
