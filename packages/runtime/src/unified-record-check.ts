import { type ExecutableResource, unifiedRecordSchemas } from '@unidir/core';
import type { z } from 'zod';

/** Whether a connector's unified record matches core's schema of its resource; the issues when it does not. */
export type UnifiedRecordCheck = (
  unified: object,
) => { success: true } | { success: false; error: z.ZodError };

/**
 * What `remote_data: z.record(z.string(), z.unknown())` certainly accepts, without zod building a copy of
 * the provider's whole record key by key (a tenth of a streaming server's time): nothing, or an object
 * made by a JSON parser or an object literal (no own `constructor` to make zod doubt it is plain) with no
 * symbol keys. Anything else is left to zod.
 */
function isPlainRemoteData(value: unknown): boolean {
  if (value === undefined) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    !Object.hasOwn(value, 'constructor') &&
    Object.getOwnPropertySymbols(value).length === 0
  );
}

/**
 * Checks a record against core's schema of its resource, giving zod the record without `remote_data`
 * when that is plainly acceptable: the verdict is zod's own on the whole record, since the schema has no
 * checks across fields (a schema with any is always given the whole record). Any failure is answered by
 * zod on the whole record, so the issues are exactly zod's.
 */
export function createUnifiedRecordCheck(resource: ExecutableResource): UnifiedRecordCheck {
  const schema: z.ZodObject = unifiedRecordSchemas[resource];
  const wholeRecord = (unified: object) => schema.safeParse(unified);
  const acrossFields = (schema._zod.def.checks?.length ?? 0) > 0;
  if (acrossFields || !('remote_data' in schema.shape)) return wholeRecord;
  return (unified) => {
    const { remote_data: remoteData, ...fields } = unified as Record<string, unknown>;
    if (isPlainRemoteData(remoteData) && schema.safeParse(fields).success) return { success: true };
    return wholeRecord(unified);
  };
}
