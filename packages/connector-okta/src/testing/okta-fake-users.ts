import {
  DuplicateError,
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  type SeedUser,
  type SeedUserFields,
} from '@unidir/testkit';
import type { OktaUserStatus } from '../okta-mapping.js';
import type { OktaFakeContext } from './okta-fake-context.js';
import {
  loginOf,
  seededRoleAssignments,
  seedProfileFields,
  statusOf,
  toOktaUser,
} from './okta-fake-records.js';
import { notFound, oktaError, pageOf, validationFailed } from './okta-fake-responses.js';
import { InvalidSearchError, matchesSearch, parseSearch, type SearchMode } from './okta-fake-search.js';

const userPageSizes = { default: 200, maximum: 200 };
/** `q` does not page and answers 10 users unless limit says otherwise. */
const quickSearchDefaultLimit = 10;

function invalidSearch(reason: string): FakeResponse {
  return oktaError(400, 'E0000031', 'Invalid search criteria.', [reason]);
}

/** A user by id or login; `me` is the API token's admin. DEPROVISIONED users are found too, as Okta finds them. */
export function findUser(
  context: OktaFakeContext,
  request: FakeRequest,
  idOrLogin: string,
): SeedUser | undefined {
  const { directory } = context;
  const options = { includeDeleted: true };
  if (idOrLogin === 'me')
    return context.authority.isApiToken(request) ? directory.userById(context.adminUserId) : undefined;
  return (
    directory.userById(idOrLogin, options) ??
    directory.userByUsername(idOrLogin, options) ??
    directory.userByEmail(idOrLogin, options)
  );
}

function oktaUsersMatching(
  context: OktaFakeContext,
  request: FakeRequest,
  mode: SearchMode,
  expression: string,
) {
  const tree = parseSearch(expression, mode);
  const origin = request.baseUrl;
  const matched = [];
  for (const user of context.directory.iterateUsers({ includeDeleted: true })) {
    const oktaUser = toOktaUser(context.directory, user, origin);
    if (matchesSearch(tree, oktaUser, mode)) matched.push(oktaUser);
  }
  return matched;
}

function listUsers(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const { query } = request;
  const origin = request.baseUrl;
  const search = query.get('search');
  const filter = query.get('filter');
  const quick = query.get('q');
  if ([search, filter, quick].filter((value) => value !== null).length > 1) {
    return invalidSearch('Give one of search, filter and q.');
  }
  if (quick !== null) {
    const prefix = quick.toLowerCase();
    const limit = Number(query.get('limit') ?? quickSearchDefaultLimit);
    const found = [];
    for (const user of context.directory.iterateUsers()) {
      if (
        [user.givenName, user.familyName, user.email].some((value) => value.toLowerCase().startsWith(prefix))
      ) {
        found.push(toOktaUser(context.directory, user, origin));
        if (found.length >= limit) break;
      }
    }
    return { status: 200, body: found };
  }
  if (search !== null || filter !== null) {
    let matched: ReturnType<typeof oktaUsersMatching>;
    try {
      matched = oktaUsersMatching(
        context,
        request,
        search !== null ? 'search' : 'filter',
        (search ?? filter)!,
      );
    } catch (error) {
      if (error instanceof InvalidSearchError) return invalidSearch(error.message);
      throw error;
    }
    return pageOf(
      (offset, limit) => ({ page: matched.slice(offset, offset + limit), total: matched.length }),
      request,
      origin,
      userPageSizes,
    );
  }
  // A plain list leaves DEPROVISIONED users out.
  return pageOf(
    (offset, limit) => {
      const { users, total } = context.directory.listUsers({ offset, limit });
      return { page: users.map((user) => toOktaUser(context.directory, user, origin)), total };
    },
    request,
    origin,
    userPageSizes,
  );
}

function getUser(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const user = findUser(context, request, request.params.id!);
  if (!user) return notFound(`${request.params.id} (User)`);
  return { status: 200, body: toOktaUser(context.directory, user, request.baseUrl) };
}

type Profile = Record<string, unknown>;

/** Splits an Okta profile into SeedUser fields and the attributes the fake keeps beside them. */
function splitProfile(profile: Profile): { fields: SeedUserFields; extra: Profile } {
  const fields: Record<string, unknown> = {};
  const extra: Profile = {};
  for (const [attribute, value] of Object.entries(profile)) {
    const field = seedProfileFields[attribute as keyof typeof seedProfileFields];
    if (attribute === 'login' && typeof value === 'string') fields.username = value;
    else if (field !== undefined && typeof value === 'string') fields[field] = value;
    else extra[attribute] = value;
  }
  return { fields: fields as SeedUserFields, extra };
}

const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function profileProblems(profile: Profile, creating: boolean): string[] {
  const problems: string[] = [];
  if (creating) {
    for (const attribute of ['login', 'email', 'firstName', 'lastName']) {
      const value = profile[attribute];
      if (typeof value !== 'string' || value.length === 0)
        problems.push(`${attribute}: The field cannot be left blank`);
    }
  }
  for (const attribute of ['login', 'email']) {
    const value = profile[attribute];
    if (typeof value === 'string' && !emailPattern.test(value))
      problems.push(`${attribute}: Does not match required pattern`);
  }
  return problems;
}

function duplicateAnswer(error: unknown): FakeResponse | undefined {
  if (!(error instanceof DuplicateError)) return undefined;
  const attribute = error.field === 'username' ? 'login' : 'email';
  return validationFailed(attribute, 'An object with this field already exists in the current organization');
}

function createUser(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const body = (request.body ?? {}) as {
    profile?: Profile;
    credentials?: { password?: { value?: unknown } };
    groupIds?: unknown;
  };
  const profile = body.profile ?? {};
  const problems = profileProblems(profile, true);
  if (problems.length > 0) return oktaError(400, 'E0000001', 'Api validation failed: login', problems);
  const activate = request.query.get('activate') !== 'false';
  const password = body.credentials?.password?.value;
  const status: OktaUserStatus = !activate
    ? 'STAGED'
    : typeof password === 'string'
      ? 'ACTIVE'
      : 'PROVISIONED';
  const now = new Date(context.now()).toISOString();
  // Logins are unique in an Okta org, and a seeded user's login is its email.
  if (findUser(context, request, profile.login as string)) {
    return validationFailed('login', 'An object with this field already exists in the current organization');
  }
  const { fields, extra } = splitProfile(profile);
  let user: SeedUser;
  try {
    user = context.directory.createUser({
      ...fields,
      isAdmin: false,
      suspended: false,
      lastLoginAt: undefined,
    });
  } catch (error) {
    const answer = duplicateAnswer(error);
    if (answer) return answer;
    throw error;
  }
  const unset = Object.fromEntries(
    [
      'displayName',
      'title',
      'department',
      'primaryPhone',
      'mobilePhone',
      'city',
      'countryCode',
      'timezone',
      'employeeNumber',
      'preferredLanguage',
      'locale',
    ]
      .filter((attribute) => !(attribute in profile))
      .map((attribute) => [attribute, null]),
  );
  context.directory.extras.set(user.id, {
    status,
    statusChanged: now,
    activated: status === 'ACTIVE' ? now : null,
    passwordChanged: typeof password === 'string' ? now : null,
    profile: { ...unset, ...extra },
  });
  for (const groupId of Array.isArray(body.groupIds) ? body.groupIds : []) {
    if (typeof groupId === 'string' && context.groups.exists(groupId)) context.groups.add(groupId, user.id);
  }
  return { status: 200, body: toOktaUser(context.directory, user, request.baseUrl) };
}

/** POST /users/{id}: only the profile attributes sent change (null clears one). */
function updateUser(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const user = findUser(context, request, request.params.id!);
  if (!user) return notFound(`${request.params.id} (User)`);
  const body = (request.body ?? {}) as {
    profile?: Profile;
    credentials?: { password?: { value?: unknown } };
  };
  const profile = body.profile ?? {};
  const problems = profileProblems(profile, false);
  if (problems.length > 0) return oktaError(400, 'E0000001', 'Api validation failed: login', problems);
  const { fields, extra } = splitProfile(profile);
  if (fields.username !== undefined) {
    const holder = findUser(context, request, fields.username);
    if (holder && holder.id !== user.id) {
      return validationFailed(
        'login',
        'An object with this field already exists in the current organization',
      );
    }
  } else if (fields.email !== undefined) {
    // A seeded user's login is its first email: a new email must not move it.
    fields.username = loginOf(user);
  }
  const extras = context.directory.extras.get(user.id) ?? {};
  const kept = { ...extras.profile };
  for (const attribute of Object.keys(profile)) delete kept[attribute];
  try {
    context.directory.updateUser(user.id, fields);
  } catch (error) {
    const answer = duplicateAnswer(error);
    if (answer) return answer;
    throw error;
  }
  const now = new Date(context.now()).toISOString();
  context.directory.extras.set(user.id, {
    ...extras,
    ...(typeof body.credentials?.password?.value === 'string' ? { passwordChanged: now } : {}),
    profile: { ...kept, ...extra },
  });
  // A deprovisioned user is not in updateUser's reach (it lists current users only): the extras still apply.
  const updated = context.directory.userById(user.id, { includeDeleted: true })!;
  return { status: 200, body: toOktaUser(context.directory, updated, request.baseUrl) };
}

function setStatus(context: OktaFakeContext, user: SeedUser, status: OktaUserStatus): void {
  const extras = context.directory.extras.get(user.id) ?? {};
  context.directory.extras.set(user.id, {
    ...extras,
    status,
    statusChanged: new Date(context.now()).toISOString(),
  });
}

/** Deactivation: DEPROVISIONED is the directory's soft delete (left out of plain lists, reversible). */
function deactivateUser(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const user = findUser(context, request, request.params.id!);
  if (!user || statusOf(context.directory, user) === 'DEPROVISIONED')
    return notFound(`${request.params.id} (User)`);
  context.directory.deleteUser(user.id);
  setStatus(context, user, 'DEPROVISIONED');
  return { status: 200 };
}

function reactivateUser(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const user = findUser(context, request, request.params.id!);
  if (!user) return notFound(`${request.params.id} (User)`);
  if (statusOf(context.directory, user) !== 'DEPROVISIONED') {
    return oktaError(403, 'E0000038', "This operation is not allowed in the user's current status.");
  }
  context.directory.restoreUser(user.id);
  setStatus(context, user, 'PROVISIONED');
  return { status: 200, body: {} };
}

function suspension(target: 'SUSPENDED' | 'ACTIVE', from: OktaUserStatus) {
  return (context: OktaFakeContext, request: FakeRequest): FakeResponse => {
    const user = findUser(context, request, request.params.id!);
    if (!user) return notFound(`${request.params.id} (User)`);
    if (statusOf(context.directory, user) !== from) {
      return oktaError(400, 'E0000001', 'Api validation failed: status', [`status: The user is not ${from}`]);
    }
    setStatus(context, user, target);
    return { status: 200 };
  };
}

/**
 * DELETE /users/{id}: Okta's two-step delete. On a user that is not DEPROVISIONED it only deactivates; on a
 * DEPROVISIONED user it deletes for good, and the id answers 404 from then on.
 */
function deleteUser(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const user = findUser(context, request, request.params.id!);
  if (!user) return notFound(`${request.params.id} (User)`);
  if (statusOf(context.directory, user) === 'DEPROVISIONED') {
    context.directory.purgeUser(user.id);
  } else {
    context.directory.deleteUser(user.id);
    setStatus(context, user, 'DEPROVISIONED');
  }
  return { status: 204 };
}

function userGroups(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const user = findUser(context, request, request.params.id!);
  if (!user) return notFound(`${request.params.id} (User)`);
  const origin = request.baseUrl;
  return {
    status: 200,
    body: context.groups.groupIdsOf(user.id).map((id) => context.groups.toOkta(id, origin)),
  };
}

function userRoles(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const user = findUser(context, request, request.params.id!);
  if (!user) return notFound(`${request.params.id} (User)`);
  return { status: 200, body: seededRoleAssignments(user, request.baseUrl) };
}

type Handler = (context: OktaFakeContext, request: FakeRequest) => FakeResponse;

/** Routes with the scope each needs. */
export function userRoutes(context: OktaFakeContext): Array<FakeRoute & { scope: string }> {
  const route = (name: string, method: string, pattern: string, scope: string, handler: Handler) => ({
    name,
    method,
    pattern,
    scope,
    handle: (request: FakeRequest) => handler(context, request),
  });
  return [
    route('users.list', 'GET', '/api/v1/users', 'okta.users.read', listUsers),
    route('users.create', 'POST', '/api/v1/users', 'okta.users.manage', createUser),
    route('users.get', 'GET', '/api/v1/users/:id', 'okta.users.read', getUser),
    route('users.update', 'POST', '/api/v1/users/:id', 'okta.users.manage', updateUser),
    route('users.delete', 'DELETE', '/api/v1/users/:id', 'okta.users.manage', deleteUser),
    route(
      'users.deactivate',
      'POST',
      '/api/v1/users/:id/lifecycle/deactivate',
      'okta.users.manage',
      deactivateUser,
    ),
    route(
      'users.reactivate',
      'POST',
      '/api/v1/users/:id/lifecycle/reactivate',
      'okta.users.manage',
      reactivateUser,
    ),
    route(
      'users.suspend',
      'POST',
      '/api/v1/users/:id/lifecycle/suspend',
      'okta.users.manage',
      suspension('SUSPENDED', 'ACTIVE'),
    ),
    route(
      'users.unsuspend',
      'POST',
      '/api/v1/users/:id/lifecycle/unsuspend',
      'okta.users.manage',
      suspension('ACTIVE', 'SUSPENDED'),
    ),
    route('users.groups', 'GET', '/api/v1/users/:id/groups', 'okta.users.read', userGroups),
    route('users.roles', 'GET', '/api/v1/users/:id/roles', 'okta.roles.read', userRoles),
  ];
}
