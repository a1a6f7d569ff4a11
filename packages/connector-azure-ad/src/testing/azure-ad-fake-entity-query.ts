import type { FakeRequest, FakeResponse } from '@unidir/testkit';
import { collectPage, decodeSkipToken, graphCollection } from './azure-ad-fake-query.js';
import { badRequest, graphError } from './azure-ad-fake-responses.js';

/** One `path op literal` clause of a `$filter`: `principalId eq '...'`, `initiatedBy/user/id eq '...'`. */
export interface FilterClause {
  path: string[];
  operator: 'eq' | 'ge' | 'le';
  value: string;
}

/** How a non-directory-object collection (role assignments, audit logs...) takes its query options. */
export interface EntityCollectionRules {
  /** The filterable property paths and the operators each supports. */
  filterable: Record<string, ReadonlyArray<FilterClause['operator']>>;
  /** The navigation properties `$expand` accepts. */
  expandable?: readonly string[];
  /** The largest `$top`; undefined when the collection is not paged and refuses `$top`. */
  maxTop?: number;
  defaultTop?: number;
  /** The entity's name in Graph's error messages. */
  entityName: string;
}

export interface EntityQuery {
  filter: FilterClause[];
  expand: string[];
  top: number;
  offset: number;
}

const clausePattern =
  /^\s*([A-Za-z][A-Za-z0-9/]*)\s+(eq|ge|le)\s+(?:'((?:[^']|'')*)'|(\d{4}-\d{2}-\d{2}T[0-9:.]+Z))\s*$/;

/** `a eq 'x' and b ge 2026-01-01T00:00:00Z`: the clauses the rules allow, or Graph's 400. */
function parseClauses(text: string, rules: EntityCollectionRules): FilterClause[] | string {
  const clauses: FilterClause[] = [];
  for (const part of text.split(/\s+and\s+/i)) {
    const match = clausePattern.exec(part);
    if (!match) return `Invalid filter clause: '${part.trim()}'.`;
    const [, path, operator, quoted, timestamp] = match;
    const supported = rules.filterable[path!];
    if (!supported?.includes(operator as FilterClause['operator'])) {
      return `Unsupported or invalid query filter clause specified for property '${path}' of resource '${rules.entityName}'.`;
    }
    clauses.push({
      path: path!.split('/'),
      operator: operator as FilterClause['operator'],
      value: quoted === undefined ? timestamp! : quoted.replaceAll("''", "'"),
    });
  }
  return clauses;
}

export function parseEntityQuery(
  request: FakeRequest,
  rules: EntityCollectionRules,
): { ok: true; query: EntityQuery } | { ok: false; response: FakeResponse } {
  const fail = (response: FakeResponse) => ({ ok: false as const, response });
  const query = request.query;
  let filter: FilterClause[] = [];
  const filterText = query.get('$filter');
  if (filterText !== null) {
    const parsed = parseClauses(filterText, rules);
    if (typeof parsed === 'string') return fail(graphError(request, 400, 'BadRequest', parsed));
    filter = parsed;
  }
  const expand: string[] = [];
  const expandText = query.get('$expand');
  if (expandText !== null) {
    for (const name of expandText.split(',').map((part) => part.trim())) {
      if (!rules.expandable?.includes(name)) {
        return fail(
          badRequest(
            request,
            `Could not find a property named '${name}' on type '${rules.entityName}'.`,
            'BadRequest',
          ),
        );
      }
      expand.push(name);
    }
  }
  let top = rules.defaultTop ?? Number.MAX_SAFE_INTEGER;
  const topText = query.get('$top');
  if (topText !== null) {
    const value = Number(topText);
    if (rules.maxTop === undefined || !/^\d+$/.test(topText) || value < 1 || value > rules.maxTop) {
      return fail(badRequest(request, `Invalid page size specified: '${topText}'.`));
    }
    top = value;
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
  return { ok: true, query: { filter, expand, top, offset } };
}

function valueAt(record: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = record;
  for (const name of path) value = (value as Record<string, unknown> | null | undefined)?.[name];
  return value;
}

/** Whether a record passes every clause (text compared case-insensitively, timestamps by instant). */
export function matchesClauses(clauses: readonly FilterClause[], record: Record<string, unknown>): boolean {
  return clauses.every((clause) => {
    const value = valueAt(record, clause.path);
    if (typeof value !== 'string') return false;
    if (clause.operator === 'eq') return value.toLowerCase() === clause.value.toLowerCase();
    const difference = Date.parse(value) - Date.parse(clause.value);
    return clause.operator === 'ge' ? difference >= 0 : difference <= 0;
  });
}

/** A page of records from a positional source, filtered by the query, with Graph's nextLink when more remain. */
export function entityCollectionPage(
  request: FakeRequest,
  options: {
    query: EntityQuery;
    fragment: string;
    fetch: (offset: number, limit: number) => Array<Record<string, unknown>>;
    render?: (record: Record<string, unknown>) => Record<string, unknown>;
  },
): FakeResponse {
  const { query } = options;
  const page = collectPage({
    fetch: options.fetch,
    matches: (record) => matchesClauses(query.filter, record),
    offset: query.offset,
    top: query.top,
  });
  return graphCollection(request, {
    fragment: options.fragment,
    nextOffset: page.nextOffset,
    value: options.render ? page.items.map(options.render) : page.items,
  });
}
