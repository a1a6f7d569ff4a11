import type { ProviderCallContext } from '@unidir/connector-utils';
import { UnsupportedParameterError } from '@unidir/core';
import type { ScimClient } from './scim-client.js';
import type { ScimFilterAttribute } from './scim-presets.js';

/** `attribute eq "value"`: a SCIM string literal is a JSON string, so quotes and backslashes are escaped. */
export function scimEquals(
  attribute: ScimFilterAttribute | 'members.value',
  value: string | boolean,
): string {
  return `${attribute} eq ${JSON.stringify(value)}`;
}

/**
 * Refuses a unified parameter whose SCIM filter this provider does not serve (it advertises no filtering, or
 * its preset documents the attribute as unfilterable): a provider that ignores an unknown filter would answer
 * with every user.
 */
export async function assertFilterable(
  client: ScimClient,
  context: ProviderCallContext,
  attribute: ScimFilterAttribute,
  parameter: string,
): Promise<void> {
  const capabilities = await client.capabilities(context);
  if (capabilities.filterAttributes.includes(attribute)) return;
  throw new UnsupportedParameterError({
    parameter,
    supported: capabilities.filterAttributes.map(String),
    reason: capabilities.filter
      ? `this provider does not filter on ${attribute}`
      : 'this provider does not advertise filtering in /ServiceProviderConfig',
  });
}
