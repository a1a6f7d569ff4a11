/**
 * The `$filter` subset the Graph fake understands, with Graph's split between operators that work by
 * default and those that need advanced query parameters (ConsistencyLevel: eventual + $count=true).
 * Source: microsoft-graph-docs-contrib includes/filter-directory-objects.md (the user table).
 */

export type FilterValue = string | number | boolean | null;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; operator: 'eq' | 'ne' | 'ge' | 'le'; property: string; value: FilterValue }
  | { kind: 'in'; property: string; values: FilterValue[] }
  | { kind: 'function'; name: 'startswith' | 'endswith'; property: string; value: string }
  | { kind: 'any'; property: string; predicate: FilterNode };

export class FilterError extends Error {
  constructor(
    message: string,
    /** `unsupported`: valid OData that Graph refuses for this property or without advanced query parameters. */
    readonly reason: 'syntax' | 'unsupported' | 'needs_advanced_query',
  ) {
    super(message);
  }
}

type Operator = 'eq' | 'ne' | 'ge' | 'le' | 'in' | 'startswith' | 'endswith' | 'not';

/** Per filterable user property: the operators that work by default, and those that need advanced queries. */
const userFilterSupport: Record<string, { byDefault: Operator[]; advanced: Operator[] }> = {
  accountEnabled: { byDefault: ['eq', 'in'], advanced: ['ne', 'not', 'ge', 'le'] },
  city: { byDefault: ['eq', 'ge', 'in', 'startswith'], advanced: ['ne', 'not'] },
  country: { byDefault: ['eq', 'ge', 'le', 'in', 'startswith'], advanced: ['ne', 'not'] },
  createdDateTime: { byDefault: ['eq', 'ge', 'le'], advanced: ['ne', 'not', 'in'] },
  deletedDateTime: { byDefault: ['eq', 'ge', 'le'], advanced: ['ne', 'not', 'in'] },
  department: { byDefault: ['eq', 'ge', 'le', 'in', 'startswith'], advanced: ['ne', 'not'] },
  displayName: { byDefault: ['eq', 'in', 'startswith'], advanced: ['ne', 'not'] },
  employeeId: { byDefault: ['eq', 'startswith'], advanced: ['ne', 'le'] },
  givenName: { byDefault: ['eq', 'ge', 'le', 'in', 'startswith'], advanced: ['ne'] },
  id: { byDefault: ['eq'], advanced: ['ne', 'not'] },
  jobTitle: { byDefault: ['eq', 'ge', 'le', 'in'], advanced: ['ne'] },
  mail: { byDefault: ['eq', 'ge', 'le', 'in', 'startswith'], advanced: ['ne', 'endswith'] },
  mailNickname: { byDefault: ['eq', 'ge', 'le', 'in', 'startswith'], advanced: ['ne'] },
  mobilePhone: { byDefault: [], advanced: ['eq', 'ne', 'ge', 'le', 'in', 'startswith'] },
  otherMails: { byDefault: ['eq', 'ge', 'le', 'in', 'startswith'], advanced: ['ne', 'endswith'] },
  preferredLanguage: { byDefault: [], advanced: ['eq', 'ne', 'ge', 'le', 'in', 'startswith'] },
  proxyAddresses: { byDefault: ['eq', 'ge', 'le', 'startswith'], advanced: ['ne', 'endswith'] },
  surname: { byDefault: ['eq', 'ge', 'le', 'in', 'startswith'], advanced: ['ne'] },
  userPrincipalName: { byDefault: ['eq', 'le', 'in', 'startswith'], advanced: ['ne', 'endswith'] },
  userType: { byDefault: ['eq', 'in'], advanced: ['ne', 'not'] },
};

const tokenPattern =
  /\s*(?:(?<string>'(?:[^']|'')*')|(?<datetime>\d{4}-\d{2}-\d{2}T[0-9:.]+Z)|(?<number>-?\d+(?:\.\d+)?)|(?<punctuation>[(),:/])|(?<word>[A-Za-z_$][A-Za-z0-9_.$]*))/y;

interface Token {
  type: 'string' | 'datetime' | 'number' | 'punctuation' | 'word';
  text: string;
}

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  while (tokenPattern.lastIndex < filter.length) {
    if (/^\s*$/.test(filter.slice(tokenPattern.lastIndex))) break;
    const match = tokenPattern.exec(filter);
    if (!match?.groups)
      throw new FilterError(
        `Invalid filter clause: syntax error at position ${tokenPattern.lastIndex}.`,
        'syntax',
      );
    const [type, text] = Object.entries(match.groups).find(([, value]) => value !== undefined) as [
      Token['type'],
      string,
    ];
    tokens.push({ type, text });
  }
  return tokens;
}

class Parser {
  #position = 0;
  constructor(readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.#or();
    if (this.#position < this.tokens.length) this.#fail();
    return node;
  }

  #peek(): Token | undefined {
    return this.tokens[this.#position];
  }

  #next(): Token {
    const token = this.tokens[this.#position++];
    if (!token) throw new FilterError('Invalid filter clause: unexpected end.', 'syntax');
    return token;
  }

  #fail(): never {
    throw new FilterError(`Invalid filter clause near '${this.#peek()?.text ?? 'end'}'.`, 'syntax');
  }

  #expect(text: string): void {
    if (this.#next().text !== text) this.#fail();
  }

  #isWord(text: string): boolean {
    const token = this.#peek();
    return token?.type === 'word' && token.text.toLowerCase() === text;
  }

  #or(): FilterNode {
    let left = this.#and();
    while (this.#isWord('or')) {
      this.#position++;
      left = { kind: 'or', left, right: this.#and() };
    }
    return left;
  }

  #and(): FilterNode {
    let left = this.#unary();
    while (this.#isWord('and')) {
      this.#position++;
      left = { kind: 'and', left, right: this.#unary() };
    }
    return left;
  }

  #unary(): FilterNode {
    if (this.#isWord('not')) {
      this.#position++;
      return { kind: 'not', operand: this.#unary() };
    }
    return this.#primary();
  }

  #literal(): FilterValue {
    const token = this.#next();
    if (token.type === 'string') return token.text.slice(1, -1).replaceAll("''", "'");
    if (token.type === 'datetime') return token.text;
    if (token.type === 'number') return Number(token.text);
    if (token.type === 'word' && ['true', 'false', 'null'].includes(token.text)) {
      return token.text === 'null' ? null : token.text === 'true';
    }
    return this.#fail();
  }

  #primary(): FilterNode {
    const token = this.#next();
    if (token.text === '(') {
      const inner = this.#or();
      this.#expect(')');
      return inner;
    }
    if (token.type !== 'word') this.#fail();
    const lower = token.text.toLowerCase();
    if ((lower === 'startswith' || lower === 'endswith') && this.#peek()?.text === '(') {
      this.#expect('(');
      const property = this.#next().text;
      this.#expect(',');
      const value = this.#literal();
      this.#expect(')');
      if (typeof value !== 'string') this.#fail();
      return { kind: 'function', name: lower, property, value };
    }
    if (this.#peek()?.text === '/') {
      this.#position++;
      if (!this.#isWord('any')) this.#fail();
      this.#position++;
      this.#expect('(');
      const variable = this.#next().text;
      this.#expect(':');
      const predicate = this.#or();
      this.#expect(')');
      return { kind: 'any', property: token.text, predicate: renameVariable(predicate, variable) };
    }
    const operator = this.#next().text.toLowerCase();
    if (operator === 'in') {
      this.#expect('(');
      const values = [this.#literal()];
      while (this.#peek()?.text === ',') {
        this.#position++;
        values.push(this.#literal());
      }
      this.#expect(')');
      return { kind: 'in', property: token.text, values };
    }
    if (operator !== 'eq' && operator !== 'ne' && operator !== 'ge' && operator !== 'le') {
      throw new FilterError(
        `Unsupported or invalid query filter clause: operator '${operator}'.`,
        'unsupported',
      );
    }
    return { kind: 'compare', operator, property: token.text, value: this.#literal() };
  }
}

/** Inside `otherMails/any(m:m eq 'x')` the lambda variable stands for each item: renamed to '$it'. */
function renameVariable(node: FilterNode, variable: string): FilterNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return {
        ...node,
        left: renameVariable(node.left, variable),
        right: renameVariable(node.right, variable),
      };
    case 'not':
      return { ...node, operand: renameVariable(node.operand, variable) };
    case 'any':
      return node;
    default:
      if (node.property !== variable) {
        throw new FilterError(
          `Invalid filter clause: '${node.property}' is not the lambda variable.`,
          'syntax',
        );
      }
      return { ...node, property: '$it' };
  }
}

export function parseFilter(filter: string): FilterNode {
  return new Parser(tokenize(filter)).parse();
}

function operatorOf(node: FilterNode): Operator | undefined {
  if (node.kind === 'compare') return node.operator;
  if (node.kind === 'in') return 'in';
  if (node.kind === 'function') return node.name;
  return undefined;
}

/**
 * Throws when Graph would refuse the filter: a property that is not filterable, an operator it does not
 * support there, or one that needs advanced query parameters the request lacks.
 */
export function checkFilterSupport(node: FilterNode, advanced: boolean, collectionProperty?: string): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      checkFilterSupport(node.left, advanced, collectionProperty);
      checkFilterSupport(node.right, advanced, collectionProperty);
      return;
    case 'not':
      if (!advanced) {
        throw new FilterError(
          "Operator 'not' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information",
          'needs_advanced_query',
        );
      }
      checkFilterSupport(node.operand, advanced, collectionProperty);
      return;
    case 'any':
      checkFilterSupport(node.predicate, advanced, node.property);
      return;
    default: {
      const property = node.property === '$it' ? collectionProperty : node.property;
      const support = property === undefined ? undefined : userFilterSupport[property];
      const operator = operatorOf(node)!;
      if (!support || (!support.byDefault.includes(operator) && !support.advanced.includes(operator))) {
        throw new FilterError(
          `Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.`,
          'unsupported',
        );
      }
      if (!support.byDefault.includes(operator) && !advanced) {
        throw new FilterError(
          `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
          'needs_advanced_query',
        );
      }
    }
  }
}

const dateTimeLiteral = /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/;

function compareText(left: unknown, right: FilterValue): number | undefined {
  if (left === null || left === undefined || right === null) return undefined;
  if (
    typeof left === 'string' &&
    typeof right === 'string' &&
    dateTimeLiteral.test(left) &&
    dateTimeLiteral.test(right)
  ) {
    return Math.sign(Date.parse(left) - Date.parse(right));
  }
  const leftText = String(left).toLowerCase();
  const rightText = String(right).toLowerCase();
  return leftText < rightText ? -1 : leftText > rightText ? 1 : 0;
}

function testValue(node: FilterNode, value: unknown): boolean {
  switch (node.kind) {
    case 'compare': {
      if (node.operator === 'eq' || node.operator === 'ne') {
        const equal =
          typeof node.value === 'string' || typeof value === 'string'
            ? compareText(value, node.value) === 0
            : (value ?? null) === node.value;
        return node.operator === 'eq' ? equal : !equal;
      }
      const comparison = compareText(value, node.value);
      if (comparison === undefined) return false;
      return node.operator === 'ge' ? comparison >= 0 : comparison <= 0;
    }
    case 'in':
      return node.values.some((candidate) =>
        testValue({ kind: 'compare', operator: 'eq', property: '', value: candidate }, value),
      );
    case 'function': {
      if (typeof value !== 'string') return false;
      const text = value.toLowerCase();
      const wanted = node.value.toLowerCase();
      return node.name === 'startswith' ? text.startsWith(wanted) : text.endsWith(wanted);
    }
    default:
      return false;
  }
}

/** Evaluates the filter against a full Graph record (string comparisons are case-insensitive, as Graph's are). */
export function matchesFilter(node: FilterNode, record: Record<string, unknown>, item?: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return matchesFilter(node.left, record, item) && matchesFilter(node.right, record, item);
    case 'or':
      return matchesFilter(node.left, record, item) || matchesFilter(node.right, record, item);
    case 'not':
      return !matchesFilter(node.operand, record, item);
    case 'any': {
      const items = record[node.property];
      return Array.isArray(items) && items.some((entry) => matchesFilter(node.predicate, record, entry));
    }
    default:
      return testValue(node, node.property === '$it' ? item : record[node.property]);
  }
}
