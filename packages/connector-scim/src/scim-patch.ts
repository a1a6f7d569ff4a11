import type { ProviderCallContext } from '@unidir/connector-utils';
import { UnidirError } from '@unidir/core';
import type { ScimClient } from './scim-client.js';
import type { ScimPatchOperationCasing } from './scim-presets.js';
import { type ScimPatchOperation, scimSchemas } from './scim-resources.js';

const capitalized: Record<string, string> = { add: 'Add', remove: 'Remove', replace: 'Replace' };

/** A PatchOp message; some apps only accept capitalised operation names (`Replace`), RFC 7644 uses lower case. */
export function patchMessage(operations: readonly ScimPatchOperation[], casing: ScimPatchOperationCasing) {
  return {
    schemas: [scimSchemas.patchOp],
    Operations: operations.map((operation) => ({
      ...operation,
      op: casing === 'capitalized' ? (capitalized[operation.op] ?? operation.op) : operation.op,
    })),
  };
}

/**
 * Group writes go through PATCH only: without it the one way to change a member is a PUT of the whole member
 * list, which could drop members added meanwhile. Such a provider's group writes are refused.
 */
export async function assertPatchSupported(
  client: ScimClient,
  context: ProviderCallContext,
  what: string,
): Promise<void> {
  if ((await client.capabilities(context)).patch) return;
  throw new UnidirError({
    message: `This SCIM provider does not advertise PATCH, so ${what} is refused: a PUT of the group could drop other members.`,
    code: 'provider_patch_unsupported',
    httpStatus: 501,
  });
}
