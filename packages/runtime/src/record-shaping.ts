import type { ExecutableResource, RecordResult } from '@unidir/core';
import { createFieldExcluder } from './exclude-fields.js';
import { unifiedRecordFieldsOf } from './operation-schemas.js';
import type { ResponseOptions } from './response-options.js';

export type RecordShaper = (record: RecordResult<object>) => unknown;

function withoutRemoteData(unified: object): Record<string, unknown> {
  const { remote_data: _remoteData, ...fields } = unified as Record<string, unknown>;
  return fields;
}

/**
 * Turns a connector's `{ unified, raw }` into what the response format promises, then removes the
 * excluded fields. `stream` lines and `debug` results are shaped like `unified`.
 */
export function createRecordShaper(resource: ExecutableResource, options: ResponseOptions): RecordShaper {
  const excludeFields = createFieldExcluder(options.excludeFields);
  const normalizedFields = unifiedRecordFieldsOf(resource).filter((field) => field !== 'remote_data');
  switch (options.format) {
    case 'raw':
      return (record) => excludeFields(record.raw);
    case 'normalized':
      return (record) => {
        const unified = record.unified as Record<string, unknown>;
        return excludeFields(
          Object.fromEntries(normalizedFields.map((field) => [field, unified[field] ?? null])),
        );
      };
    case 'unified':
    case 'stream':
    case 'debug':
      return (record) => {
        const fields = withoutRemoteData(record.unified);
        if (!options.ignoreRemoteData && record.raw !== undefined) fields.remote_data = record.raw;
        return excludeFields(fields);
      };
  }
}
