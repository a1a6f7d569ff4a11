import { ProviderInvalidResponseError } from '@unidir/core';
import type { ScimListResponse } from './scim-resources.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A single resource with an id, or ProviderInvalidResponseError naming what was expected. */
export function asResource<Resource extends { id: string }>(body: unknown, what: string): Resource {
  if (!isObject(body) || typeof body.id !== 'string' || body.id === '') {
    throw new ProviderInvalidResponseError({
      message: `The SCIM answer to ${what} is not a resource with an id.`,
    });
  }
  return body as Resource;
}

/** A ListResponse; `Resources` may be absent when the page is empty (RFC 7644 §3.4.2: REQUIRED only if totalResults > 0). */
export function asListResponse<Resource extends { id: string }>(
  body: unknown,
  what: string,
): { resources: Resource[]; totalResults: number | undefined } {
  if (!isObject(body)) {
    throw new ProviderInvalidResponseError({ message: `The SCIM answer to ${what} is not a ListResponse.` });
  }
  const list = body as ScimListResponse<unknown>;
  const resources = list.Resources ?? [];
  if (!Array.isArray(resources)) {
    throw new ProviderInvalidResponseError({ message: `The SCIM answer to ${what} has no Resources array.` });
  }
  return {
    resources: resources.map((resource) => asResource<Resource>(resource, what)),
    totalResults: typeof list.totalResults === 'number' ? list.totalResults : undefined,
  };
}
