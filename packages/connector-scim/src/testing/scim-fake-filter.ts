import { ScimFakeError } from './scim-fake-errors.js';

/** Attributes compared case-sensitively (RFC 7643: caseExact); the others compare ignoring case. */
const caseExactAttributes = new Set(['id', 'externalid', 'members.value', 'groups.value']);

export interface EqualityClause {
  /** Lower-cased attribute path, e.g. `emails.value`. */
  attribute: string;
  value: string | boolean | number;
}

const clausePattern = /^\s*([\w.:$-]+)\s+eq\s+("(?:[^"\\]|\\.)*"|true|false|-?\d+(?:\.\d+)?)\s*$/i;

/**
 * The fake's filter language: equality clauses joined by `and` (what an app such as Figma or Atlassian
 * serves), e.g. `emails.value eq "ada@x.test" and active eq true`. Anything else is 400 invalidFilter.
 */
export function parseEqualityFilter(filter: string): EqualityClause[] {
  return filter.split(/\s+and\s+/i).map((part) => {
    const match = clausePattern.exec(part);
    if (!match) throw new ScimFakeError(400, `Unsupported filter: ${filter}`, 'invalidFilter');
    const [, attribute, literal] = match;
    let value: EqualityClause['value'];
    try {
      value = JSON.parse(literal as string) as EqualityClause['value'];
    } catch {
      throw new ScimFakeError(400, `Invalid filter value in: ${filter}`, 'invalidFilter');
    }
    return { attribute: (attribute as string).toLowerCase(), value };
  });
}

function valuesAt(resource: Record<string, unknown>, path: string): unknown[] {
  let current: unknown[] = [resource];
  for (const segment of path.split('.')) {
    const next: unknown[] = [];
    for (const item of current) {
      if (typeof item !== 'object' || item === null) continue;
      const key = Object.keys(item).find((name) => name.toLowerCase() === segment);
      const value = key === undefined ? undefined : (item as Record<string, unknown>)[key];
      if (Array.isArray(value)) next.push(...value);
      else if (value !== undefined) next.push(value);
    }
    current = next;
  }
  // `emails eq "x"` compares the sub-attribute `value` of a multi-valued attribute.
  return current.map((value) =>
    typeof value === 'object' && value !== null && 'value' in value
      ? (value as { value: unknown }).value
      : value,
  );
}

export function matchesFilter(
  resource: Record<string, unknown>,
  clauses: readonly EqualityClause[],
): boolean {
  return clauses.every(({ attribute, value }) => {
    const caseExact = caseExactAttributes.has(attribute);
    return valuesAt(resource, attribute).some((candidate) =>
      typeof candidate === 'string' && typeof value === 'string' && !caseExact
        ? candidate.toLowerCase() === value.toLowerCase()
        : candidate === value,
    );
  });
}
