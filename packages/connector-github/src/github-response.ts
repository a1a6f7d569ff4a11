import { ProviderInvalidResponseError } from '@unidir/core';

/** GitHub's list bodies are bare arrays; anything else is a broken answer, not an empty page. */
export function asPage<Item>(body: unknown, what: string): Item[] {
  if (!Array.isArray(body)) {
    throw new ProviderInvalidResponseError({ message: `GitHub's page of ${what} is not an array.` });
  }
  return body as Item[];
}
