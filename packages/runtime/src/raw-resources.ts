import {
  type AnyUserDirectoryConnectorV1,
  NotFoundError,
  type RawListParameters,
  type RawResourceV1,
  type RemoteQuery,
  UnsupportedOperationError,
  UnsupportedParameterError,
  ValidationError,
} from '@unidir/core';
import { isRecord } from './is-record.js';
import type { IntegratedAccountRecord } from './unified-request.js';

/** A `/proxy/{resource}` call: list without an id, get with one. */
export interface RawRequest {
  account: IntegratedAccountRecord;
  resource: string;
  id?: string;
  query: Record<string, unknown>;
  signal?: AbortSignal;
}

const acceptedParameters = ['limit', 'next_cursor', 'remote_query'] as const;
const ignoredParameters = new Set(['integrated_account_id']);

/** The raw resource the connector declares under this name, with the method asked for. */
export function findRawResource(
  connector: AnyUserDirectoryConnectorV1,
  name: string,
  method: 'list' | 'get',
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

/** A proxy call's query: page size, our cursor and the provider query; anything else is refused. */
export function parseRawQuery(
  query: Record<string, unknown>,
  method: 'list' | 'get',
): { parameters: RawListParameters; remoteQuery: RemoteQuery } {
  const supported: readonly string[] = method === 'list' ? acceptedParameters : ['remote_query'];
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
  };
}
