import { ProviderInvalidResponseError } from '@unidir/core';

/** A page of a Graph collection: `{ value, @odata.nextLink? }`. */
export interface GraphCollectionPage<Item> {
  value: Item[];
  '@odata.nextLink'?: string;
}

export function asPage<Item>(body: unknown, description: string): GraphCollectionPage<Item> {
  const page = body as GraphCollectionPage<Item> | undefined;
  if (!page || !Array.isArray(page.value)) {
    throw new ProviderInvalidResponseError({
      message: `Microsoft Graph answered ${description} without a value array.`,
    });
  }
  return page;
}

/**
 * A single Graph entity (a get or a create), without the response's `@odata.context` annotation, which
 * describes the response rather than the record. Collection items carry no such annotation.
 */
export function asEntity<Entity extends { id: string }>(body: unknown, description: string): Entity {
  const entity = body as (Entity & { '@odata.context'?: unknown }) | undefined;
  if (!entity || typeof entity.id !== 'string') {
    throw new ProviderInvalidResponseError({
      message: `Microsoft Graph answered ${description} without an id.`,
    });
  }
  const { '@odata.context': _context, ...record } = entity;
  return record as unknown as Entity;
}
