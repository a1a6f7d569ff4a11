import type { FakeRequest, FakeResponse } from '@unidir/testkit';
import {
  checkFilterSupport,
  FilterError,
  type FilterNode,
  matchesFilter,
  parseFilter,
} from './azure-ad-fake-filter.js';
import { canonicalProperty, type GraphObjectKind } from './azure-ad-fake-records.js';
import { badRequest, graphError, graphJson, metadataUrl } from './azure-ad-fake-responses.js';

/** A list request's OData options, validated the way Graph validates them. */
export interface ListQuery {
  select: readonly string[];
  top: number;
  offset: number;
  filter: FilterNode | undefined;
  search: Array<{ property: string; value: string }> | undefined;
  /** `memberOf`, with the properties selected inside it. */
  expandMemberOf: readonly string[] | undefined;
  count: boolean;
  orderBy: { property: string; descending: boolean } | undefined;
}

export type ParsedQuery = { ok: true; query: ListQuery } | { ok: false; response: FakeResponse };

const maxPageSize = 999;

/** `$orderby` support per property (aad-advanced-queries, "Support for sorting"). */
const orderingSupport = {
  user: { byDefault: ['displayName', 'userPrincipalName'], advanced: ['createdDateTime', 'deletedDateTime'] },
  group: { byDefault: ['displayName'], advanced: ['deletedDateTime'] },
  directoryObject: { byDefault: [], advanced: [] },
};
const defaultPageSize = 100;

function encodeSkipToken(offset: number): string {
  return Buffer.from(`fake-skiptoken:${offset}`).toString('base64url');
}

export function decodeSkipToken(token: string): number | undefined {
  const match = /^fake-skiptoken:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

function parseSelect(kind: GraphObjectKind, text: string): string[] | string {
  const names: string[] = [];
  for (const raw of text.split(',')) {
    const name = canonicalProperty(kind, raw.trim());
    if (!name) return `Could not find a property named '${raw.trim()}' on type 'microsoft.graph.${kind}'.`;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** `"displayName:ada" OR "mail:ada"`: tokens of `property:value` in double quotes. */
function parseSearch(text: string): Array<{ property: string; value: string }> | undefined {
  const terms = [...text.matchAll(/"([A-Za-z]+):([^"]*)"/g)].map((match) => ({
    property: match[1]!,
    value: match[2]!.toLowerCase(),
  }));
  return terms.length > 0 ? terms : undefined;
}

/** Graph's $search on directory objects matches words of the property that start with the term. */
export function matchesSearch(terms: ListQuery['search'], record: Record<string, unknown>): boolean {
  if (!terms) return true;
  return terms.some(({ property, value }) => {
    const text = record[property];
    if (typeof text !== 'string') return false;
    const lower = text.toLowerCase();
    return lower.startsWith(value) || lower.split(/[\s.@_-]+/).some((word) => word.startsWith(value));
  });
}

export function parseListQuery(
  request: FakeRequest,
  kind: GraphObjectKind,
  defaultSelect: readonly string[],
): ParsedQuery {
  const query = request.query;
  const fail = (response: FakeResponse): ParsedQuery => ({ ok: false, response });
  const eventual = request.headers.consistencylevel?.toLowerCase() === 'eventual';
  const search = query.get('$search');
  if (query.has('$skip')) return fail(badRequest(request, "'$skip' is not supported by the service."));
  if (search !== null && !eventual) {
    return fail(
      graphError(
        request,
        400,
        'Request_UnsupportedQuery',
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      ),
    );
  }
  // Without the header Graph silently ignores $count=true (aad-advanced-queries, "Error handling").
  const count = eventual && query.get('$count') === 'true';
  const advanced = count || (eventual && search !== null);

  let select: readonly string[] = defaultSelect;
  const selectText = query.get('$select');
  if (selectText !== null) {
    const parsed = parseSelect(kind, selectText);
    if (typeof parsed === 'string') return fail(badRequest(request, parsed));
    select = parsed;
  }

  let top = defaultPageSize;
  const topText = query.get('$top');
  if (topText !== null) {
    top = Number(topText);
    if (!/^\d+$/.test(topText) || top < 1 || top > maxPageSize) {
      return fail(
        badRequest(
          request,
          `Invalid page size specified: '${topText}'. Must be between 1 and 999 inclusive.`,
        ),
      );
    }
  }

  let offset = 0;
  const skipToken = query.get('$skiptoken');
  if (skipToken !== null) {
    const decoded = decodeSkipToken(skipToken);
    if (decoded === undefined) {
      return fail(
        badRequest(
          request,
          'The specified page token value has expired and can no longer be included in your request.',
          'Directory_ExpiredPageToken',
        ),
      );
    }
    offset = decoded;
  }

  let expandMemberOf: readonly string[] | undefined;
  const expand = query.get('$expand');
  if (expand !== null) {
    const match = /^memberOf(?:\(\$select=([A-Za-z,]+)\))?$/i.exec(expand.trim());
    if (!match) return fail(badRequest(request, `The Graph fake only expands memberOf (got '${expand}').`));
    if (advanced) {
      return fail(
        graphError(
          request,
          400,
          'Request_UnsupportedQuery',
          '$expand is not currently supported with advanced queries.',
        ),
      );
    }
    expandMemberOf = match[1] ? match[1].split(',') : ['id', 'displayName'];
  }

  let filter: FilterNode | undefined;
  const filterText = query.get('$filter');
  if (filterText !== null) {
    try {
      filter = parseFilter(filterText);
      if (kind === 'user') checkFilterSupport(filter, advanced);
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      return fail(
        graphError(
          request,
          400,
          error.reason === 'syntax' ? 'BadRequest' : 'Request_UnsupportedQuery',
          error.message,
        ),
      );
    }
  }

  let orderBy: ListQuery['orderBy'];
  const orderByText = query.get('$orderby');
  if (orderByText !== null) {
    const match = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/i.exec(orderByText);
    const property = match ? canonicalProperty(kind, match[1]!) : undefined;
    const sortable: { byDefault: readonly string[]; advanced: readonly string[] } = orderingSupport[kind];
    const supported =
      property !== undefined &&
      (sortable.byDefault.includes(property) || (advanced && sortable.advanced.includes(property)));
    // Graph sorts a filtered directory-object list only in advanced queries (aad-advanced-queries).
    if (!match || !supported || (filter !== undefined && !advanced)) {
      return fail(
        graphError(request, 400, 'Request_UnsupportedQuery', 'Sorting not supported for current query.'),
      );
    }
    orderBy = { property: property!, descending: match[2]?.toLowerCase() === 'desc' };
  }

  return {
    ok: true,
    query: {
      select,
      top,
      offset,
      filter,
      search: search === null ? undefined : parseSearch(search),
      expandMemberOf,
      count,
      orderBy,
    },
  };
}

/** Whether a full record passes the request's $filter and $search. */
export function matchesQuery(query: ListQuery, record: Record<string, unknown>): boolean {
  return (
    (query.filter === undefined || matchesFilter(query.filter, record)) && matchesSearch(query.search, record)
  );
}

/** The absolute link to the next page: the same request with the position in `$skiptoken`, as Graph does. */
export function nextLinkFor(request: FakeRequest, nextOffset: number): string {
  const parts: string[] = [];
  for (const [name, value] of request.query) {
    if (name !== '$skiptoken') parts.push(`${name}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${encodeSkipToken(nextOffset)}`);
  return `${request.baseUrl}${request.path}?${parts.join('&')}`;
}

/**
 * A collection page: `@odata.context` (the metadata `fragment`), `@odata.count` when asked for,
 * `@odata.nextLink` when there is more, then `value`, in the order Graph writes them.
 */
export function graphCollection(
  request: FakeRequest,
  page: { fragment: string; count?: number; nextOffset: number | undefined; value: unknown[] },
): FakeResponse {
  const body: Record<string, unknown> = { '@odata.context': metadataUrl(request, page.fragment) };
  if (page.count !== undefined) body['@odata.count'] = page.count;
  if (page.nextOffset !== undefined) body['@odata.nextLink'] = nextLinkFor(request, page.nextOffset);
  body.value = page.value;
  return graphJson(request, 200, body);
}

/**
 * One page of a positional source: scans from the skiptoken's position, keeps matching records until the
 * page is full, and says where the next page starts (undefined at the end).
 */
export function collectPage<Item>(options: {
  fetch: (offset: number, limit: number) => Item[];
  matches: (item: Item) => boolean;
  offset: number;
  top: number;
}): { items: Item[]; nextOffset: number | undefined } {
  // The first chunk is one past a full page: without a filter that is all a page needs to know whether
  // there is a next one, and generating a second chunk of seeded users would double the page's cost.
  let chunkSize = options.top + 1;
  const items: Item[] = [];
  let position = options.offset;
  for (;;) {
    const chunk = options.fetch(position, chunkSize);
    for (let index = 0; index < chunk.length; index++) {
      const item = chunk[index]!;
      if (!options.matches(item)) continue;
      if (items.length === options.top) return { items, nextOffset: position + index };
      items.push(item);
    }
    position += chunk.length;
    if (chunk.length < chunkSize) return { items, nextOffset: undefined };
    chunkSize = Math.max(options.top, 200);
  }
}

/** Every matching item in `$orderby` order, so pages can be cut from it by position. */
function sortedMatches<Item>(
  fetch: (offset: number, limit: number) => Item[],
  matches: (item: Item) => boolean,
  orderBy: NonNullable<ListQuery['orderBy']>,
  recordOf: (item: Item) => Record<string, unknown>,
): Item[] {
  const all: Item[] = [];
  for (let offset = 0; ; offset += 1000) {
    const chunk = fetch(offset, 1000);
    for (const item of chunk) if (matches(item)) all.push(item);
    if (chunk.length < 1000) break;
  }
  const key = (item: Item) => String(recordOf(item)[orderBy.property] ?? '').toLowerCase();
  all.sort((left, right) => {
    const order = key(left) < key(right) ? -1 : key(left) > key(right) ? 1 : 0;
    return orderBy.descending ? -order : order;
  });
  return all;
}

/** The request's page: in source order, or, with `$orderby`, cut from the sorted matches. */
export function pageFor<Item>(
  query: ListQuery,
  fetch: (offset: number, limit: number) => Item[],
  matches: (item: Item) => boolean,
  recordOf: (item: Item) => Record<string, unknown>,
): { items: Item[]; nextOffset: number | undefined } {
  if (!query.orderBy) return collectPage({ fetch, matches, offset: query.offset, top: query.top });
  const sorted = sortedMatches(fetch, matches, query.orderBy, recordOf);
  return collectPage({
    fetch: (offset, limit) => sorted.slice(offset, offset + limit),
    matches: () => true,
    offset: query.offset,
    top: query.top,
  });
}

/** Counts every match (what `@odata.count` reports), scanning the source once. */
export function countMatches<Item>(
  fetch: (offset: number, limit: number) => Item[],
  matches: (item: Item) => boolean,
): number {
  let total = 0;
  for (let offset = 0; ; offset += 1000) {
    const chunk = fetch(offset, 1000);
    for (const item of chunk) if (matches(item)) total++;
    if (chunk.length < 1000) return total;
  }
}
