import { ProviderInvalidResponseError } from '@unidir/core';
import { iteratePages } from './iterate-pages.js';
import { parseLinkHeader } from './link-header.js';
import type { ProviderCallContext, ProviderHttpClient, ProviderRequest } from './provider-http-client.js';

type ListRequest = Omit<ProviderRequest, 'method' | 'body' | 'stream'>;

function itemsOf<T>(body: unknown, field: string | undefined, request: ListRequest): T[] {
  const items = field === undefined ? body : (body as Record<string, unknown> | undefined)?.[field];
  if (!Array.isArray(items)) {
    throw new ProviderInvalidResponseError({
      message: `The provider's page for ${request.description ?? 'a list'} has no ${field ?? 'item'} array.`,
    });
  }
  return items as T[];
}

function stringField(body: unknown, field: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Graph style: each page's body names the absolute URL of the next (followed only on the base URL's origin). */
export function iterateNextLinkPages<T>(
  client: ProviderHttpClient,
  context: ProviderCallContext,
  request: ListRequest,
  fields: { items?: string; nextLink?: string } = {},
): AsyncIterable<T> {
  const itemsField = fields.items ?? 'value';
  const nextLinkField = fields.nextLink ?? '@odata.nextLink';
  return iteratePages<T, string>(async (nextLink) => {
    const page =
      nextLink === undefined
        ? { ...request, method: 'GET' as const }
        : { url: nextLink, method: 'GET' as const };
    const { body } = await client.request(page, context);
    return { items: itemsOf<T>(body, itemsField, request), next: stringField(body, nextLinkField) };
  });
}

/** Google style: the body carries a token that goes back as a query parameter. */
export function iteratePageTokenPages<T>(
  client: ProviderHttpClient,
  context: ProviderCallContext,
  request: ListRequest,
  fields: { items: string; tokenParameter?: string; nextToken?: string },
): AsyncIterable<T> {
  const tokenParameter = fields.tokenParameter ?? 'pageToken';
  const nextTokenField = fields.nextToken ?? 'nextPageToken';
  return iteratePages<T, string>(async (pageToken) => {
    const query = { ...request.query, [tokenParameter]: pageToken };
    const { body } = await client.request({ ...request, method: 'GET', query }, context);
    return { items: itemsOf<T>(body, fields.items, request), next: stringField(body, nextTokenField) };
  });
}

/** Okta style: the body is the array and `Link: <…>; rel="next"` names the next page. */
export function iterateLinkHeaderPages<T>(
  client: ProviderHttpClient,
  context: ProviderCallContext,
  request: ListRequest,
  fields: { items?: string } = {},
): AsyncIterable<T> {
  return iteratePages<T, string>(async (nextLink) => {
    const page =
      nextLink === undefined
        ? { ...request, method: 'GET' as const }
        : { url: nextLink, method: 'GET' as const };
    const { body, headers } = await client.request(page, context);
    return { items: itemsOf<T>(body, fields.items, request), next: parseLinkHeader(headers.link).next };
  });
}

/** Offset and limit: a short page is the last one. */
export function iterateOffsetPages<T>(
  client: ProviderHttpClient,
  context: ProviderCallContext,
  request: ListRequest,
  options: { pageSize: number; items?: string; offsetParameter?: string; limitParameter?: string },
): AsyncIterable<T> {
  const offsetParameter = options.offsetParameter ?? 'offset';
  const limitParameter = options.limitParameter ?? 'limit';
  return iteratePages<T, number>(async (offset = 0) => {
    const query = { ...request.query, [offsetParameter]: offset, [limitParameter]: options.pageSize };
    const { body } = await client.request({ ...request, method: 'GET', query }, context);
    const items = itemsOf<T>(body, options.items, request);
    return { items, next: items.length < options.pageSize ? undefined : offset + items.length };
  });
}
