import type { FakeRequest, FakeResponse, FakeRoute, SeedUser } from '@unidir/testkit';
import type { FakeAuditLog } from './azure-ad-fake-audits.js';
import type { GraphGroupStore } from './azure-ad-fake-group-store.js';
import {
  collectPage,
  countMatches,
  graphCollection,
  type ListQuery,
  matchesQuery,
  pageFor,
  parseListQuery,
} from './azure-ad-fake-query.js';
import {
  canonicalProperty,
  defaultUserProjection,
  expandedMemberOf,
  type GraphFakeDirectory,
  graphUserRecord,
  memberOfRecords,
  project,
} from './azure-ad-fake-records.js';
import {
  badRequest,
  graphError,
  graphJson,
  graphNoContent,
  graphTimestamp,
  metadataUrl,
  resourceNotFound,
} from './azure-ad-fake-responses.js';

export interface GraphFakeContext {
  directory: GraphFakeDirectory;
  /** The tenant's groups: seeded ones as changed, and created ones. */
  groups: GraphGroupStore;
  /** Where the application's writes are logged, as Entra's audit log records them. */
  audits: FakeAuditLog;
  tls: boolean;
  now: () => number;
  /** Whether the tenant has Entra ID P1/P2: without it, selecting signInActivity fails the whole request. */
  premiumLicensed: boolean;
}

/** Graph's answer when a tenant without Entra ID P1/P2 selects signInActivity. */
function withoutPremium(
  context: GraphFakeContext,
  request: FakeRequest,
  query: ListQuery,
): FakeResponse | undefined {
  if (context.premiumLicensed || !query.select.includes('signInActivity')) return undefined;
  return graphError(
    request,
    403,
    'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
    "Neither tenant is B2C or tenant doesn't have premium license",
  );
}

/** Graph expands at most 20 related directory objects, without a next link (Graph docs, "$expand"). */
const expandLimit = 20;

/** One user as a list or get returns it: projected, with `memberOf` when expanded. */
export function renderUser(
  context: GraphFakeContext,
  user: SeedUser,
  query: Pick<ListQuery, 'select' | 'expandMemberOf'>,
  record = graphUserRecord(context.directory, user),
): Record<string, unknown> {
  const rendered = project('user', record, query.select);
  if (query.expandMemberOf) {
    rendered.memberOf = expandedMemberOf(context.groups, user, query.expandMemberOf, expandLimit);
  }
  return rendered;
}

/** The metadata fragment of a user collection: with $select, Graph lists the selection after the entity set. */
function metadataFragment(entitySet: string, query: ListQuery, selected: boolean): string {
  const selection = selected
    ? `(${[...query.select, ...(query.expandMemberOf ? ['memberOf()'] : [])].join(',')})`
    : '';
  return `${entitySet}${selection}`;
}

/** A Graph collection page over seeded users: $select/$filter/$search/$top/$expand/$count and the next link. */
export function listUsersPage(
  context: GraphFakeContext,
  request: FakeRequest,
  entitySet: string,
  fetch: (offset: number, limit: number) => SeedUser[],
): FakeResponse {
  const parsed = parseListQuery(request, 'user', defaultUserProjection);
  if (!parsed.ok) return parsed.response;
  const query = parsed.query;
  const unlicensed = withoutPremium(context, request, query);
  if (unlicensed) return unlicensed;
  const filtered = query.filter !== undefined || query.search !== undefined;
  // A record is kept only when a filter or an ordering reads it before the page renders it.
  const records = new Map<SeedUser, Record<string, unknown>>();
  const recordOf =
    filtered || query.orderBy
      ? (user: SeedUser) => {
          let record = records.get(user);
          if (!record) {
            record = graphUserRecord(context.directory, user);
            records.set(user, record);
          }
          return record;
        }
      : (user: SeedUser) => graphUserRecord(context.directory, user);
  const matches = filtered ? (user: SeedUser) => matchesQuery(query, recordOf(user)) : () => true;
  const page = pageFor(query, fetch, matches, recordOf);
  const count = query.count
    ? countMatches(fetch, (user) => matchesQuery(query, graphUserRecord(context.directory, user)))
    : undefined;
  return graphCollection(request, {
    fragment: metadataFragment(entitySet, query, request.query.has('$select')),
    count,
    nextOffset: page.nextOffset,
    value: page.items.map((user) => renderUser(context, user, query, recordOf(user))),
  });
}

const requiredOnCreate = [
  'accountEnabled',
  'displayName',
  'mailNickname',
  'userPrincipalName',
  'passwordProfile',
];
/** Properties Graph computes itself. */
const readOnlyProperties = new Set([
  'id',
  'createdDateTime',
  'deletedDateTime',
  'creationType',
  'signInActivity',
]);

/** Entra's default password policy: 8-256 characters, three of upper, lower, digit and symbol. */
function meetsPasswordPolicy(password: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) =>
    pattern.test(password),
  ).length;
  return password.length >= 8 && password.length <= 256 && classes >= 3;
}

/** Validates a create/PATCH body as Graph would; returns the canonical-named properties or an error. */
function validateUserBody(
  context: GraphFakeContext,
  request: FakeRequest,
  mode: 'create' | 'update',
  ownId: string | undefined,
): { ok: true; properties: Record<string, unknown> } | { ok: false; response: FakeResponse } {
  const fail = (message: string) => ({ ok: false as const, response: badRequest(request, message) });
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('Write requests (excluding DELETE) must contain the Content-Type header declaration.');
  }
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('@odata.')) continue;
    const canonical = canonicalProperty('user', name);
    if (!canonical) {
      return fail(
        `Property '${name}' does not exist on type 'microsoft.graph.user'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
    if (readOnlyProperties.has(canonical))
      return fail(`Property '${canonical}' is read-only and cannot be set.`);
    properties[canonical] = value;
  }
  if (mode === 'create') {
    for (const name of requiredOnCreate) {
      if (properties[name] === undefined || properties[name] === null || properties[name] === '') {
        return fail(`Invalid value specified for property '${name}' of resource 'User'.`);
      }
    }
  }
  const passwordProfile = properties.passwordProfile as { password?: unknown } | undefined;
  if (passwordProfile !== undefined) {
    if (typeof passwordProfile.password !== 'string' || !meetsPasswordPolicy(passwordProfile.password)) {
      return fail(
        'The specified password does not comply with password complexity requirements. Please provide a different password.',
      );
    }
  }
  const userPrincipalName = properties.userPrincipalName;
  if (userPrincipalName !== undefined) {
    if (typeof userPrincipalName !== 'string')
      return fail("Invalid value specified for property 'userPrincipalName' of resource 'User'.");
    const domain = userPrincipalName.split('@')[1]?.toLowerCase();
    if (domain !== context.directory.domain.toLowerCase()) {
      return fail(
        'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
      );
    }
    const holder = context.directory.userByEmail(userPrincipalName, { includeDeleted: true });
    if (holder && holder.id !== ownId) {
      return fail('Another object with the same value for property userPrincipalName already exists.');
    }
  }
  return { ok: true, properties };
}

/** The seed fields that mirror Graph properties, so lookups by UPN and listings stay consistent. */
function seedFieldsOf(properties: Record<string, unknown>) {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const userPrincipalName = text(properties.userPrincipalName);
  return {
    email: userPrincipalName,
    username: userPrincipalName?.split('@')[0],
    suspended: typeof properties.accountEnabled === 'boolean' ? !properties.accountEnabled : undefined,
    displayName: text(properties.displayName),
  };
}

function storedOverrides(properties: Record<string, unknown>): Record<string, unknown> {
  const { passwordProfile: _passwordProfile, ...stored } = properties;
  return stored;
}

function findUser(context: GraphFakeContext, key: string): SeedUser | undefined {
  return key.includes('@') ? context.directory.userByEmail(key) : context.directory.userById(key);
}

export function userRoutes(context: GraphFakeContext): FakeRoute[] {
  const { directory } = context;
  return [
    {
      name: 'users.list',
      method: 'GET',
      pattern: '/v1.0/users',
      handle: (request) =>
        listUsersPage(
          context,
          request,
          'users',
          (offset, limit) => directory.listUsers({ offset, limit }).users,
        ),
    },
    {
      name: 'users.create',
      method: 'POST',
      pattern: '/v1.0/users',
      handle(request) {
        const validated = validateUserBody(context, request, 'create', undefined);
        if (!validated.ok) return validated.response;
        const properties = validated.properties;
        const seedFields = seedFieldsOf(properties);
        const user = directory.createUser({
          ...seedFields,
          isAdmin: false,
          suspended: seedFields.suspended ?? false,
        });
        // A created user has exactly what the request set: every other property is null, as in Graph.
        const stored: Record<string, unknown> = {
          businessPhones: [],
          city: null,
          country: null,
          usageLocation: null,
          department: null,
          employeeId: null,
          givenName: null,
          surname: null,
          jobTitle: null,
          mail: null,
          mobilePhone: null,
          otherMails: [],
          proxyAddresses: [],
          preferredLanguage: null,
          assignedLicenses: [],
          signInActivity: null,
          userType: 'Member',
          creationType: null,
          createdDateTime: graphTimestamp(new Date(context.now()).toISOString()),
          ...storedOverrides(properties),
        };
        directory.extras.set(user.id, stored);
        const record = graphUserRecord(directory, directory.userById(user.id)!);
        return graphJson(request, 201, {
          '@odata.context': metadataUrl(request, 'users/$entity'),
          ...project('user', record, defaultUserProjection),
        });
      },
    },
    {
      name: 'users.get',
      method: 'GET',
      pattern: '/v1.0/users/:id',
      handle(request) {
        const user = findUser(context, request.params.id!);
        if (!user) return resourceNotFound(request, request.params.id!);
        const parsed = parseListQuery(request, 'user', defaultUserProjection);
        if (!parsed.ok) return parsed.response;
        const unlicensed = withoutPremium(context, request, parsed.query);
        if (unlicensed) return unlicensed;
        return graphJson(request, 200, {
          '@odata.context': metadataUrl(request, 'users/$entity'),
          ...renderUser(context, user, parsed.query),
        });
      },
    },
    {
      name: 'users.update',
      method: 'PATCH',
      pattern: '/v1.0/users/:id',
      handle(request) {
        const user = findUser(context, request.params.id!);
        if (!user) return resourceNotFound(request, request.params.id!);
        const validated = validateUserBody(context, request, 'update', user.id);
        if (!validated.ok) return validated.response;
        const seedFields = seedFieldsOf(validated.properties);
        directory.updateUser(
          user.id,
          Object.fromEntries(Object.entries(seedFields).filter(([, value]) => value !== undefined)),
        );
        directory.extras.set(user.id, {
          ...directory.extras.get(user.id),
          ...storedOverrides(validated.properties),
        });
        return graphNoContent(request);
      },
    },
    {
      name: 'users.delete',
      method: 'DELETE',
      pattern: '/v1.0/users/:id',
      handle(request) {
        const user = findUser(context, request.params.id!);
        if (!user) return resourceNotFound(request, request.params.id!);
        directory.deleteUser(user.id);
        context.audits.record('Delete user', 'UserManagement', [
          { id: user.id, displayName: user.displayName, type: 'User', userPrincipalName: user.email },
        ]);
        directory.extras.set(user.id, {
          ...directory.extras.get(user.id),
          deletedDateTime: graphTimestamp(new Date(context.now()).toISOString()),
        });
        return graphNoContent(request);
      },
    },
    ...['memberOf', 'memberOf/microsoft.graph.group'].map(
      (relationship): FakeRoute => ({
        name: 'users.memberOf',
        method: 'GET',
        pattern: `/v1.0/users/:id/${relationship}`,
        handle(request) {
          const user = findUser(context, request.params.id!);
          if (!user) return resourceNotFound(request, request.params.id!);
          const groupsOnly = relationship.endsWith('microsoft.graph.group');
          const parsed = parseListQuery(request, 'directoryObject', ['id', 'displayName']);
          if (!parsed.ok) return parsed.response;
          const query = parsed.query;
          const all = memberOfRecords(context.groups, user).filter(
            (item) => !groupsOnly || item['@odata.type'] === '#microsoft.graph.group',
          );
          const page = collectPage({
            fetch: (offset, limit) => all.slice(offset, offset + limit),
            matches: (item) => matchesQuery(query, item),
            offset: query.offset,
            top: query.top,
          });
          const value = page.items.map((item) => {
            const projected: Record<string, unknown> = { '@odata.type': item['@odata.type'] };
            for (const name of query.select) if (name in item) projected[name] = item[name] ?? null;
            projected.id = item.id;
            return projected;
          });
          return graphCollection(request, {
            fragment: 'directoryObjects',
            nextOffset: page.nextOffset,
            value,
          });
        },
      }),
    ),
  ];
}
