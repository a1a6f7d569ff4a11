import { ProviderInvalidResponseError } from '@unidir/core';

/** An Okta list page: the body is a bare JSON array. */
export function asArray<Item>(body: unknown, description: string): Item[] {
  if (!Array.isArray(body)) {
    throw new ProviderInvalidResponseError({ message: `Okta answered ${description} without a JSON array.` });
  }
  return body as Item[];
}

/** One Okta object (a get, create or update answer). */
export function asObject<Item extends { id: string }>(body: unknown, description: string): Item {
  const item = body as Item | undefined;
  if (!item || typeof item !== 'object' || typeof item.id !== 'string') {
    throw new ProviderInvalidResponseError({ message: `Okta answered ${description} without an id.` });
  }
  return item;
}
