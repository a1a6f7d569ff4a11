/**
 * Okta's `search` and `filter` expressions over users: `attribute op "value"` and `attribute pr`, joined by
 * `and`/`or` with parentheses. `search` is case-insensitive and knows eq, sw, co (names, email and login
 * only), gt, ge, lt, le and pr (no ne); `filter` knows a few attributes, eq, and date comparisons on
 * lastUpdated, case-sensitively.
 */
export type SearchMode = 'search' | 'filter';

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'present'; attribute: string }
  | { kind: 'compare'; attribute: string; operator: string; value: string | number | boolean };

export class InvalidSearchError extends Error {}

const searchOperators = new Set(['eq', 'sw', 'co', 'gt', 'ge', 'lt', 'le']);
const containsAttributes = new Set([
  'profile.firstName',
  'profile.lastName',
  'profile.email',
  'profile.login',
]);
const filterAttributes = new Set([
  'status',
  'lastUpdated',
  'id',
  'profile.login',
  'profile.email',
  'profile.firstName',
  'profile.lastName',
]);
const timestampAttributes = new Set([
  'created',
  'activated',
  'statusChanged',
  'lastLogin',
  'lastUpdated',
  'passwordChanged',
]);

const tokenPattern = /\s*(\(|\)|"(?:[^"\\]|\\.)*"|[^\s()"]+)/y;

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  tokenPattern.lastIndex = 0;
  let position = 0;
  while (position < expression.length) {
    if (/^\s*$/.test(expression.slice(position))) break;
    tokenPattern.lastIndex = position;
    const match = tokenPattern.exec(expression);
    if (!match) throw new InvalidSearchError(`Unexpected text at ${position}.`);
    tokens.push(match[1]!);
    position = tokenPattern.lastIndex;
  }
  return tokens;
}

function literal(token: string | undefined): string | number | boolean {
  if (token === undefined) throw new InvalidSearchError('A comparison has no value.');
  if (token.startsWith('"')) return token.slice(1, -1).replace(/\\(.)/g, '$1');
  if (token === 'true' || token === 'false') return token === 'true';
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
  throw new InvalidSearchError(`${token} is not a value.`);
}

export function parseSearch(expression: string, mode: SearchMode): Node {
  const tokens = tokenize(expression);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];

  function factor(): Node {
    const token = next();
    if (token === '(') {
      const inner = disjunction();
      if (next() !== ')') throw new InvalidSearchError('Unbalanced parentheses.');
      return inner;
    }
    if (token === undefined || token === ')') throw new InvalidSearchError('An attribute is missing.');
    const attribute = token;
    const operator = next()?.toLowerCase();
    if (operator === 'pr' && mode === 'search') return { kind: 'present', attribute };
    if (operator === undefined || !searchOperators.has(operator))
      throw new InvalidSearchError(`Operator ${operator} is not supported.`);
    if (mode === 'search' && operator === 'co' && !containsAttributes.has(attribute)) {
      throw new InvalidSearchError(`co is only supported on names, email and login, not ${attribute}.`);
    }
    if (mode === 'filter') {
      if (!filterAttributes.has(attribute))
        throw new InvalidSearchError(`filter does not support ${attribute}.`);
      const dateComparison = attribute === 'lastUpdated' && ['gt', 'ge', 'lt', 'le'].includes(operator);
      if (operator !== 'eq' && !dateComparison)
        throw new InvalidSearchError(`filter does not support ${operator} on ${attribute}.`);
    }
    return { kind: 'compare', attribute, operator, value: literal(next()) };
  }

  function conjunction(): Node {
    let node = factor();
    while (peek()?.toLowerCase() === 'and') {
      next();
      node = { kind: 'and', left: node, right: factor() };
    }
    return node;
  }

  function disjunction(): Node {
    let node = conjunction();
    while (peek()?.toLowerCase() === 'or') {
      next();
      node = { kind: 'or', left: node, right: conjunction() };
    }
    return node;
  }

  const tree = disjunction();
  if (position !== tokens.length) throw new InvalidSearchError(`Unexpected ${tokens[position]}.`);
  return tree;
}

function valueAt(record: Record<string, unknown>, attribute: string): unknown {
  let value: unknown = record;
  for (const part of attribute.split('.')) {
    value =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

function compare(
  actual: unknown,
  operator: string,
  expected: string | number | boolean,
  attribute: string,
  mode: SearchMode,
): boolean {
  if (actual === undefined || actual === null) return false;
  if (timestampAttributes.has(attribute) && typeof expected === 'string') {
    const left = Date.parse(String(actual));
    const right = Date.parse(expected);
    if (Number.isNaN(right)) throw new InvalidSearchError(`${expected} is not a date.`);
    return (
      { eq: left === right, gt: left > right, ge: left >= right, lt: left < right, le: left <= right }[
        operator
      ] ?? false
    );
  }
  const fold = (value: unknown) =>
    mode === 'search' && typeof value === 'string' ? value.toLowerCase() : value;
  const left = fold(actual);
  const right = fold(expected);
  switch (operator) {
    case 'eq':
      return left === right;
    case 'sw':
      return typeof left === 'string' && typeof right === 'string' && left.startsWith(right);
    case 'co':
      return typeof left === 'string' && typeof right === 'string' && left.includes(right);
    case 'gt':
      return (left as string) > (right as string);
    case 'ge':
      return (left as string) >= (right as string);
    case 'lt':
      return (left as string) < (right as string);
    case 'le':
      return (left as string) <= (right as string);
    default:
      return false;
  }
}

export function matchesSearch(node: Node, record: Record<string, unknown>, mode: SearchMode): boolean {
  switch (node.kind) {
    case 'and':
      return matchesSearch(node.left, record, mode) && matchesSearch(node.right, record, mode);
    case 'or':
      return matchesSearch(node.left, record, mode) || matchesSearch(node.right, record, mode);
    case 'present': {
      const value = valueAt(record, node.attribute);
      return value !== undefined && value !== null && value !== '';
    }
    case 'compare':
      return compare(valueAt(record, node.attribute), node.operator, node.value, node.attribute, mode);
  }
}
