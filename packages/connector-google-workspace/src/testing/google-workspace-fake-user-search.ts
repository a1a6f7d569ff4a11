import type { GoogleUser } from '../google-workspace-types.js';

/** One search clause of users.list `query`, tested against the user as Google returns it. */
export type UserPredicate = (user: GoogleUser) => boolean;

export type UserSearch = { predicates: UserPredicate[]; exactEmail: string | undefined };

type TextOperator = '=' | ':' | 'prefix';

interface TextField {
  operators: readonly TextOperator[];
  values: (user: GoogleUser) => Array<string | undefined>;
}

const emails = (user: GoogleUser) => [
  user.primaryEmail,
  ...(user.emails ?? []).map((email) => email.address),
];
const fullName = (user: GoogleUser) => `${user.name?.givenName ?? ''} ${user.name?.familyName ?? ''}`;
const organizations = (user: GoogleUser) => user.organizations ?? [];

/** The text fields of Google's user search that the fake's users carry, with the operators Google allows on each. */
const textFields: Record<string, TextField> = {
  name: { operators: ['=', ':'], values: (user) => [fullName(user)] },
  email: { operators: ['=', ':', 'prefix'], values: emails },
  givenName: { operators: ['=', ':', 'prefix'], values: (user) => [user.name?.givenName] },
  familyName: { operators: ['=', ':', 'prefix'], values: (user) => [user.name?.familyName] },
  orgTitle: { operators: ['=', ':'], values: (user) => organizations(user).map((entry) => entry.title) },
  orgDepartment: {
    operators: ['=', ':'],
    values: (user) => organizations(user).map((entry) => entry.department),
  },
};

const booleanFields: Record<string, (user: GoogleUser) => boolean> = {
  isAdmin: (user) => user.isAdmin === true,
  isDelegatedAdmin: (user) => user.isDelegatedAdmin === true,
  isSuspended: (user) => user.suspended === true,
  isArchived: (user) => user.archived === true,
};

const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/** Google's `:` on text: the value's words appear together, in order, among the attribute's words. */
function containsWords(attribute: string, value: string): boolean {
  const haystack = words(attribute);
  const needle = words(value);
  if (needle.length === 0) return false;
  for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    if (needle.every((word, offset) => haystack[start + offset] === word)) return true;
  }
  return false;
}

function textTest(field: string, operator: TextOperator, value: string): (attribute: string) => boolean {
  const lowered = value.toLowerCase();
  if (operator === 'prefix') return (attribute) => attribute.toLowerCase().startsWith(lowered);
  // An address either is the value or is not: `email:` has no word matching.
  if (operator === '=' || field === 'email') return (attribute) => attribute.toLowerCase() === lowered;
  return (attribute) => containsWords(attribute, value);
}

/** `/sales` matches users in /sales and in every unit under it; `/` matches everyone. */
function orgUnitTest(path: string): UserPredicate {
  const target = path.replace(/\/+$/, '').toLowerCase();
  return (user) => {
    const own = String(user.orgUnitPath ?? '/').toLowerCase();
    return target === '' || own === target || own.startsWith(`${target}/`);
  };
}

/** A clause with no field compares against the given name, the family name and the email addresses. */
function anyNameOrEmail(value: string): UserPredicate {
  return (user) =>
    containsWords(user.name?.givenName ?? '', value) ||
    containsWords(user.name?.familyName ?? '', value) ||
    emails(user).some((address) => address?.toLowerCase().startsWith(value.toLowerCase()));
}

function parseClause(clause: string): UserPredicate | undefined {
  const match = /^(\w+)([:=])(.*)$/.exec(clause);
  if (!match) return /^[^:=]+$/.test(clause) ? anyNameOrEmail(unquote(clause)) : undefined;
  const [, field, operator, rawValue] = match as unknown as [string, string, ':' | '=', string];
  const value = unquote(rawValue);
  if (value === '') return undefined;
  const text = Object.hasOwn(textFields, field) ? textFields[field] : undefined;
  if (text) {
    const prefix = operator === ':' && value.endsWith('*');
    const effective: TextOperator = prefix ? 'prefix' : operator;
    if (!text.operators.includes(effective)) return undefined;
    const test = textTest(field, effective, prefix ? value.slice(0, -1) : value);
    return (user) => text.values(user).some((attribute) => attribute !== undefined && test(attribute));
  }
  const flag = Object.hasOwn(booleanFields, field) ? booleanFields[field] : undefined;
  if (flag) {
    if (operator !== '=' || !/^(true|false)$/i.test(value)) return undefined;
    const wanted = value.toLowerCase() === 'true';
    return (user) => flag(user) === wanted;
  }
  if (field === 'orgUnitPath' && value.startsWith('/')) return orgUnitTest(value);
  return undefined;
}

const unquote = (value: string) => value.replace(/^(['"])(.*)\1$/, '$2');

/**
 * Google's users.list `query`: clauses separated by spaces, all of which must hold. A value may be quoted
 * ('Ada Lovelace' or "Ada Lovelace"); `:` tests containment, `=` equality, and `:Ada*` a prefix. A field
 * the fake does not know, or an operator Google does not allow on it, answers `undefined` (Invalid Input).
 */
export function parseUserSearch(text: string | null): UserSearch | undefined {
  const search: UserSearch = { predicates: [], exactEmail: undefined };
  if (text === null || text.trim() === '') return search;
  const clauses = text.match(/(?:[^\s'"]+|'[^']*'|"[^"]*")+/g) ?? [];
  for (const clause of clauses) {
    const predicate = parseClause(clause);
    if (!predicate) return undefined;
    search.predicates.push(predicate);
  }
  const only = clauses.length === 1 ? /^email[:=](.+)$/.exec(clauses[0] ?? '') : null;
  const address = only ? unquote(only[1] ?? '') : undefined;
  if (address !== undefined && !address.endsWith('*')) search.exactEmail = address.toLowerCase();
  return search;
}

const sortKeys: Record<string, (user: GoogleUser) => string> = {
  email: (user) => user.primaryEmail ?? '',
  givenName: (user) => user.name?.givenName ?? '',
  familyName: (user) => user.name?.familyName ?? '',
};

/**
 * users.list `orderBy` (email, givenName, familyName) and `sortOrder` (ASCENDING, the default, or
 * DESCENDING), ignoring case as Google does. `null` when there is nothing to sort; `undefined` when either
 * value is not one Google accepts.
 */
export function parseUserOrder(
  orderBy: string | null,
  sortOrder: string | null,
): ((left: GoogleUser, right: GoogleUser) => number) | null | undefined {
  if (sortOrder !== null && sortOrder !== 'ASCENDING' && sortOrder !== 'DESCENDING') return undefined;
  if (orderBy === null) return null;
  const key = Object.hasOwn(sortKeys, orderBy) ? sortKeys[orderBy] : undefined;
  if (!key) return undefined;
  const direction = sortOrder === 'DESCENDING' ? -1 : 1;
  return (left, right) => {
    const a = key(left).toLowerCase();
    const b = key(right).toLowerCase();
    return a === b ? 0 : a < b ? -direction : direction;
  };
}
