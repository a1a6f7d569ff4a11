import { type FakeRequest, type FakeResponse, type FakeRoute, isFakeResponse } from '@unidir/testkit';
import type { OktaFakeContext } from './okta-fake-context.js';
import { toOktaUser } from './okta-fake-records.js';
import { forbidden, notFound, pageOf, validationFailed } from './okta-fake-responses.js';

const groupPageSizes = { default: 10_000, maximum: 10_000 };
const memberPageSizes = { default: 1000, maximum: 1000 };

function listGroups(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const origin = request.baseUrl;
  const withStats = request.query.get('expand')?.split(',').includes('stats') ?? false;
  const prefix = request.query.get('q')?.toLowerCase();
  const ids = context.groups.ids().filter((id) => {
    if (prefix === undefined) return true;
    const name = context.groups.toOkta(id, origin)?.profile.name;
    return typeof name === 'string' && name.toLowerCase().startsWith(prefix);
  });
  return pageOf(
    (offset, limit) => ({
      page: ids.slice(offset, offset + limit).map((id) => context.groups.toOkta(id, origin, withStats)),
      total: ids.length,
    }),
    request,
    origin,
    groupPageSizes,
  );
}

function getGroup(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const group = context.groups.toOkta(request.params.groupId!, request.baseUrl);
  return group ? { status: 200, body: group } : notFound(`${request.params.groupId} (UserGroup)`);
}

function profileOf(request: FakeRequest): Record<string, unknown> | FakeResponse {
  const profile = (request.body as { profile?: unknown } | undefined)?.profile;
  if (typeof profile !== 'object' || profile === null)
    return validationFailed('profile', 'The field cannot be left blank');
  const name = (profile as { name?: unknown }).name;
  if (typeof name !== 'string' || name.length === 0)
    return validationFailed('name', 'The field cannot be left blank');
  return profile as Record<string, unknown>;
}

function createGroup(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const profile = profileOf(request);
  if (isFakeResponse(profile)) return profile;
  if (context.groups.findByName(profile.name as string)) {
    return validationFailed('name', 'An object with this field already exists in the current organization');
  }
  const id = context.groups.create(profile);
  return { status: 200, body: context.groups.toOkta(id, request.baseUrl) };
}

/** Only OKTA_GROUPs change through the API; BUILT_IN and APP_GROUP answer 403 E0000006. */
function requireOktaGroup(context: OktaFakeContext, groupId: string): FakeResponse | undefined {
  const type = context.groups.typeOf(groupId);
  if (type === undefined) return notFound(`${groupId} (UserGroup)`);
  return type === 'OKTA_GROUP' ? undefined : forbidden();
}

function replaceGroup(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const groupId = request.params.groupId!;
  const refused = requireOktaGroup(context, groupId);
  if (refused) return refused;
  const profile = profileOf(request);
  if (isFakeResponse(profile)) return profile;
  const holder = context.groups.findByName(profile.name as string);
  if (holder !== undefined && holder !== groupId) {
    return validationFailed('name', 'An object with this field already exists in the current organization');
  }
  context.groups.replaceProfile(groupId, profile);
  return { status: 200, body: context.groups.toOkta(groupId, request.baseUrl) };
}

function deleteGroup(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const groupId = request.params.groupId!;
  const refused = requireOktaGroup(context, groupId);
  if (refused) return refused;
  context.groups.delete(groupId);
  return { status: 204 };
}

function listMembers(context: OktaFakeContext, request: FakeRequest): FakeResponse {
  const groupId = request.params.groupId!;
  if (!context.groups.exists(groupId)) return notFound(`${groupId} (UserGroup)`);
  const origin = request.baseUrl;
  const memberIds = context.groups.memberIds(groupId);
  return pageOf(
    (offset, limit) => ({
      page: memberIds
        .slice(offset, offset + limit)
        .map((id) => toOktaUser(context.directory, context.directory.userById(id)!, origin)),
      total: memberIds.length,
    }),
    request,
    origin,
    memberPageSizes,
  );
}

function membership(kind: 'add' | 'remove') {
  return (context: OktaFakeContext, request: FakeRequest): FakeResponse => {
    const { groupId, userId } = request.params as { groupId: string; userId: string };
    if (!context.groups.exists(groupId)) return notFound(`${groupId} (UserGroup)`);
    // Membership paths take the user id, not a login.
    const user = context.directory.userById(userId);
    if (!user) return notFound(`${userId} (User)`);
    const change =
      kind === 'add' ? context.groups.add(groupId, user.id) : context.groups.remove(groupId, user.id);
    if (change === 'read_only') return forbidden();
    // Okta answers 204 to adding a member again; removing a user who is not a member finds no membership.
    if (change === 'not_member') return notFound(`${userId} (GroupMembership)`);
    return { status: 204 };
  };
}

type Handler = (context: OktaFakeContext, request: FakeRequest) => FakeResponse;

export function groupRoutes(context: OktaFakeContext): Array<FakeRoute & { scope: string }> {
  const route = (name: string, method: string, pattern: string, scope: string, handler: Handler) => ({
    name,
    method,
    pattern,
    scope,
    handle: (request: FakeRequest) => handler(context, request),
  });
  return [
    route('groups.list', 'GET', '/api/v1/groups', 'okta.groups.read', listGroups),
    route('groups.create', 'POST', '/api/v1/groups', 'okta.groups.manage', createGroup),
    route('groups.get', 'GET', '/api/v1/groups/:groupId', 'okta.groups.read', getGroup),
    route('groups.replace', 'PUT', '/api/v1/groups/:groupId', 'okta.groups.manage', replaceGroup),
    route('groups.delete', 'DELETE', '/api/v1/groups/:groupId', 'okta.groups.manage', deleteGroup),
    route('groups.members', 'GET', '/api/v1/groups/:groupId/users', 'okta.groups.read', listMembers),
    route(
      'groups.addUser',
      'PUT',
      '/api/v1/groups/:groupId/users/:userId',
      'okta.groups.manage',
      membership('add'),
    ),
    route(
      'groups.removeUser',
      'DELETE',
      '/api/v1/groups/:groupId/users/:userId',
      'okta.groups.manage',
      membership('remove'),
    ),
  ];
}
