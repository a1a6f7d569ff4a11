import {
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  isFakeResponse,
  type SeedUser,
} from '@unidir/testkit';
import type { GoogleUser } from '../google-workspace-types.js';
import type { GoogleFakeDirectory } from './google-workspace-fake-directory.js';
import { googleError, notFound } from './google-workspace-fake-errors.js';
import { decodePageToken, encodePageToken, parseMaxResults } from './google-workspace-fake-page-token.js';
import type { GoogleFakeAuditLog } from './google-workspace-fake-reports.js';
import { methodScopes } from './google-workspace-fake-scopes.js';
import type { AccessGrant, FakeTokenIssuer } from './google-workspace-fake-token.js';
import { parseUserOrder, parseUserSearch, type UserPredicate } from './google-workspace-fake-user-search.js';

const root = '/admin/directory/v1';
const scanChunk = 1000;

const badRequest = () => googleError(400, 'badRequest', 'Bad Request');
const invalidInput = () => googleError(400, 'invalid', 'Invalid Input');
const invalidPageToken = () => googleError(400, 'invalid', 'Invalid Input: pageToken');

/** One page from `offset` of the users `source` yields in order, with whether another match follows. */
function scanPage(
  source: (offset: number, limit: number) => SeedUser[],
  toUser: (user: SeedUser) => GoogleUser,
  predicates: UserPredicate[],
  offset: number,
  limit: number,
): { users: GoogleUser[]; nextOffset: number | undefined } {
  const users: GoogleUser[] = [];
  for (let position = offset; ; position += scanChunk) {
    const chunk = source(position, scanChunk);
    for (const [step, seed] of chunk.entries()) {
      const user = toUser(seed);
      if (!predicates.every((predicate) => predicate(user))) continue;
      if (users.length === limit) return { users, nextOffset: position + step };
      users.push(user);
    }
    if (chunk.length < scanChunk) return { users, nextOffset: undefined };
  }
}

/** Google sorts the whole result before paging, so an ordered page reads every match first. */
function sortedPage(
  source: (offset: number, limit: number) => SeedUser[],
  toUser: (user: SeedUser) => GoogleUser,
  predicates: UserPredicate[],
  order: (left: GoogleUser, right: GoogleUser) => number,
  offset: number,
  limit: number,
): { users: GoogleUser[]; nextOffset: number | undefined } {
  const all = scanPage(source, toUser, predicates, 0, Number.POSITIVE_INFINITY).users.sort(order);
  const end = offset + limit;
  return { users: all.slice(offset, end), nextOffset: end < all.length ? end : undefined };
}

/** `customer` (my_customer or the customer id) or `domain`, as users.list and groups.list require. */
function checkListScope(fake: GoogleFakeDirectory, request: FakeRequest): FakeResponse | undefined {
  const customer = request.query.get('customer');
  const domain = request.query.get('domain');
  if (domain !== null) {
    return domain.toLowerCase() === fake.directory.domain.toLowerCase()
      ? undefined
      : googleError(404, 'notFound', 'Domain not found.');
  }
  if (customer === 'my_customer' || customer === fake.ids.customerId) return undefined;
  return badRequest();
}

export function listEnvelope(kind: string, key: string, items: unknown[], nextPageToken: string | undefined) {
  const envelope: Record<string, unknown> = { kind, etag: `"${kind}:${items.length}"` };
  // Google leaves the list key out entirely when a page is empty.
  if (items.length > 0) envelope[key] = items;
  if (nextPageToken !== undefined) envelope.nextPageToken = nextPageToken;
  return envelope;
}

/** A route under `root` that answers only a bearer token with one of `scopes`, and hands its grant to `handle`. */
export function authorizedRoute(tokens: FakeTokenIssuer, root: string) {
  return (
    name: string,
    method: string,
    pattern: string,
    scopes: readonly string[],
    handle: (request: FakeRequest, grant: AccessGrant) => FakeResponse,
  ): FakeRoute => ({
    name,
    method,
    pattern: `${root}${pattern}`,
    handle(request) {
      const grant = tokens.authorize(request, scopes);
      return isFakeResponse(grant) ? grant : handle(request, grant);
    },
  });
}

export function createDirectoryRoutes(
  fake: GoogleFakeDirectory,
  tokens: FakeTokenIssuer,
  audit: GoogleFakeAuditLog,
): FakeRoute[] {
  const route = authorizedRoute(tokens, root);

  const withUser = (request: FakeRequest, handle: (user: SeedUser) => FakeResponse) => {
    const user = fake.findUser(request.params.userKey ?? '');
    return isFakeResponse(user) ? user : handle(user);
  };

  const listUsers = (request: FakeRequest): FakeResponse => {
    const scopeError = checkListScope(fake, request);
    if (scopeError) return scopeError;
    const limit = parseMaxResults(request.query.get('maxResults'), 100, 500);
    if (typeof limit === 'string') return googleError(400, 'invalid', limit);
    const search = parseUserSearch(request.query.get('query'));
    if (search === undefined) return invalidInput();
    const order = parseUserOrder(request.query.get('orderBy'), request.query.get('sortOrder'));
    if (order === undefined) return invalidInput();
    const showDeleted = request.query.get('showDeleted') === 'true';
    const fingerprint = JSON.stringify(
      ['customer', 'domain', 'query', 'orderBy', 'sortOrder']
        .map((name) => request.query.get(name))
        .concat(String(showDeleted)),
    );
    const offset = decodePageToken(request.query.get('pageToken'), fingerprint);
    if (offset === 'invalid') return invalidPageToken();
    const start = offset ?? 0;
    const toUser = (user: SeedUser) => fake.toUser(user);
    const deleted = showDeleted ? fake.deletedUsers() : [];
    const source = showDeleted
      ? (from: number, count: number) => deleted.slice(from, from + count)
      : (from: number, count: number) => fake.directory.listUsers({ offset: from, limit: count }).users;
    let page: { users: GoogleUser[]; nextOffset: number | undefined };
    if (order !== null) {
      page = sortedPage(source, toUser, search.predicates, order, start, limit);
    } else if (!showDeleted && search.exactEmail !== undefined) {
      const seed = fake.directory.userByEmail(search.exactEmail);
      const found = seed ? [toUser(seed)] : [];
      page = { users: found.slice(start, start + limit), nextOffset: undefined };
    } else if (!showDeleted && search.predicates.length === 0) {
      const { users, total } = fake.directory.listUsers({ offset: start, limit });
      page = {
        users: users.map(toUser),
        nextOffset: start + users.length < total ? start + users.length : undefined,
      };
    } else {
      page = scanPage(source, toUser, search.predicates, start, limit);
    }
    const token = page.nextOffset === undefined ? undefined : encodePageToken(page.nextOffset, fingerprint);
    return { status: 200, body: listEnvelope('admin#directory#users', 'users', page.users, token) };
  };

  const listGroups = (request: FakeRequest): FakeResponse => {
    const userKey = request.query.get('userKey');
    if (userKey !== null && request.query.get('customer') !== null) return badRequest();
    let groupIds: string[] | undefined;
    if (userKey !== null) {
      const user = fake.findUser(userKey);
      if (isFakeResponse(user)) return user;
      groupIds = fake.groups.groupIdsOfUser(user.id);
    } else {
      const scopeError = checkListScope(fake, request);
      if (scopeError) return scopeError;
    }
    const limit = parseMaxResults(request.query.get('maxResults'), 200, 200);
    if (typeof limit === 'string') return googleError(400, 'invalid', limit);
    const fingerprint = JSON.stringify([userKey, request.query.get('customer'), request.query.get('domain')]);
    const offset = decodePageToken(request.query.get('pageToken'), fingerprint);
    if (offset === 'invalid') return invalidPageToken();
    const start = offset ?? 0;
    const total = groupIds?.length ?? fake.groups.count;
    const groups = groupIds
      ? groupIds.slice(start, start + limit).flatMap((id) => fake.groups.byId(id) ?? [])
      : fake.groups.list(start, limit);
    const token = start + limit < total ? encodePageToken(start + limit, fingerprint) : undefined;
    return {
      status: 200,
      body: listEnvelope(
        'admin#directory#groups',
        'groups',
        groups.map((group) => fake.toGroup(group)),
        token,
      ),
    };
  };

  const withGroup = (request: FakeRequest, handle: (groupId: string) => FakeResponse) => {
    const group = fake.findGroup(request.params.groupKey ?? '');
    return isFakeResponse(group) ? group : handle(group.id);
  };

  const withMember = (request: FakeRequest, handle: (groupId: string, user: SeedUser) => FakeResponse) =>
    withGroup(request, (groupId) => {
      const user = fake.findUser(request.params.memberKey ?? '');
      if (isFakeResponse(user) || !fake.groups.isMember(groupId, user.id)) return notFound('memberKey');
      return handle(groupId, user);
    });

  const listMembers = (request: FakeRequest): FakeResponse =>
    withGroup(request, (groupId) => {
      const limit = parseMaxResults(request.query.get('maxResults'), 200, 200);
      if (typeof limit === 'string') return googleError(400, 'invalid', limit);
      const roles = request.query.get('roles');
      const fingerprint = JSON.stringify([groupId, roles]);
      const offset = decodePageToken(request.query.get('pageToken'), fingerprint);
      if (offset === 'invalid') return invalidPageToken();
      const start = offset ?? 0;
      // Every seeded membership has the MEMBER role.
      const memberIds =
        roles === null || roles.split(',').includes('MEMBER') ? fake.groups.memberIds(groupId) : [];
      const members = memberIds
        .slice(start, start + limit)
        .flatMap((id) => fake.directory.userById(id) ?? [])
        .map((user) => fake.toMember(user));
      const token =
        start + limit < memberIds.length ? encodePageToken(start + limit, fingerprint) : undefined;
      return { status: 200, body: listEnvelope('admin#directory#members', 'members', members, token) };
    });

  const insertMember = (request: FakeRequest, grant: AccessGrant): FakeResponse =>
    withGroup(request, (groupId) => {
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
        string,
        unknown
      >;
      const key =
        typeof body.id === 'string' ? body.id : typeof body.email === 'string' ? body.email : undefined;
      if (key === undefined) return googleError(400, 'required', 'Missing required field: memberKey');
      const user = fake.findUser(key);
      if (isFakeResponse(user)) return notFound('memberKey');
      if (body.role !== undefined && body.role !== 'MEMBER') {
        return googleError(400, 'invalid', 'The fake keeps every membership as MEMBER.');
      }
      if (fake.groups.addMember(groupId, user.id) === 'already_member') {
        return googleError(409, 'duplicate', 'Member already exists.');
      }
      audit.record(grant, 'GROUP_SETTINGS', 'ADD_GROUP_MEMBER', {
        USER_EMAIL: user.email,
        GROUP_EMAIL: fake.groups.byId(groupId)?.email ?? '',
      });
      return { status: 200, body: fake.toMember(user) };
    });

  return [
    route('users.list', 'GET', '/users', methodScopes.readUsers, listUsers),
    route('users.insert', 'POST', '/users', methodScopes.writeUsers, (request, grant) => {
      const user = fake.insertUser(request.body);
      if (isFakeResponse(user)) return user;
      audit.record(grant, 'USER_SETTINGS', 'CREATE_USER', { USER_EMAIL: user.primaryEmail ?? '' });
      return { status: 200, body: user };
    }),
    route('users.get', 'GET', '/users/:userKey', methodScopes.readUsers, (request) =>
      withUser(request, (user) => ({ status: 200, body: fake.toUser(user) })),
    ),
    route('users.patch', 'PATCH', '/users/:userKey', methodScopes.writeUsers, (request) =>
      withUser(request, (user) => {
        const updated = fake.patchUser(user, request.body);
        return isFakeResponse(updated) ? updated : { status: 200, body: updated };
      }),
    ),
    route('users.update', 'PUT', '/users/:userKey', methodScopes.writeUsers, (request) =>
      withUser(request, (user) => {
        const updated = fake.patchUser(user, request.body);
        return isFakeResponse(updated) ? updated : { status: 200, body: updated };
      }),
    ),
    route('users.delete', 'DELETE', '/users/:userKey', methodScopes.writeUsers, (request, grant) =>
      withUser(request, (user) => {
        fake.deleteUser(user);
        audit.record(grant, 'USER_SETTINGS', 'DELETE_USER', { USER_EMAIL: user.email });
        return { status: 204 };
      }),
    ),
    route('users.undelete', 'POST', '/users/:userKey/undelete', methodScopes.writeUsers, (request) => {
      // Google accepts only the immutable id here: an email names no deleted user.
      const user =
        fake.ids.userIndex(request.params.userKey ?? '') === undefined
          ? undefined
          : fake.findUser(request.params.userKey ?? '', { includeDeleted: true });
      if (!user || isFakeResponse(user) || !fake.directory.isDeleted(user.id)) return notFound('userKey');
      fake.undeleteUser(user);
      return { status: 204 };
    }),
    route('groups.list', 'GET', '/groups', methodScopes.readGroups, listGroups),
    route('groups.get', 'GET', '/groups/:groupKey', methodScopes.readGroups, (request) => {
      const group = fake.findGroup(request.params.groupKey ?? '');
      return isFakeResponse(group) ? group : { status: 200, body: fake.toGroup(group) };
    }),
    route('groups.insert', 'POST', '/groups', methodScopes.writeGroups, (request, grant) => {
      const group = fake.insertGroup(request.body);
      if (isFakeResponse(group)) return group;
      audit.record(grant, 'GROUP_SETTINGS', 'CREATE_GROUP', { GROUP_EMAIL: group.email ?? '' });
      return { status: 200, body: group };
    }),
    route('groups.patch', 'PATCH', '/groups/:groupKey', methodScopes.writeGroups, (request) =>
      withGroup(request, (groupId) => {
        const group = fake.patchGroup(groupId, request.body);
        return isFakeResponse(group) ? group : { status: 200, body: group };
      }),
    ),
    route('groups.delete', 'DELETE', '/groups/:groupKey', methodScopes.writeGroups, (request, grant) =>
      withGroup(request, (groupId) => {
        const group = fake.groups.byId(groupId);
        if (group) {
          fake.groups.delete(group);
          audit.record(grant, 'GROUP_SETTINGS', 'DELETE_GROUP', { GROUP_EMAIL: group.email });
        }
        return { status: 204 };
      }),
    ),
    route('members.list', 'GET', '/groups/:groupKey/members', methodScopes.readMembers, listMembers),
    route('members.insert', 'POST', '/groups/:groupKey/members', methodScopes.writeMembers, insertMember),
    route('members.get', 'GET', '/groups/:groupKey/members/:memberKey', methodScopes.readMembers, (request) =>
      withMember(request, (_groupId, user) => ({ status: 200, body: fake.toMember(user) })),
    ),
    route(
      'members.hasMember',
      'GET',
      '/groups/:groupKey/hasMember/:memberKey',
      methodScopes.readMembers,
      (request) =>
        withGroup(request, (groupId) => {
          const user = fake.findUser(request.params.memberKey ?? '');
          if (isFakeResponse(user)) return notFound('memberKey');
          return { status: 200, body: { isMember: fake.groups.isMember(groupId, user.id) } };
        }),
    ),
    route(
      'members.delete',
      'DELETE',
      '/groups/:groupKey/members/:memberKey',
      methodScopes.writeMembers,
      (request, grant) =>
        withMember(request, (groupId, user) => {
          fake.groups.removeMember(groupId, user.id);
          audit.record(grant, 'GROUP_SETTINGS', 'REMOVE_GROUP_MEMBER', {
            USER_EMAIL: user.email,
            GROUP_EMAIL: fake.groups.byId(groupId)?.email ?? '',
          });
          return { status: 204 };
        }),
    ),
  ];
}
