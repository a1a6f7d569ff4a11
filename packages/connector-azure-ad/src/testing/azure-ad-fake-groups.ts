import {
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  isFakeResponse,
  type SeedUser,
} from '@unidir/testkit';
import type { AuditTarget } from './azure-ad-fake-audits.js';
import { groupWriteRoutes } from './azure-ad-fake-group-writes.js';
import {
  collectPage,
  graphCollection,
  matchesQuery,
  pageFor,
  parseListQuery,
} from './azure-ad-fake-query.js';
import {
  defaultGroupProjection,
  defaultUserProjection,
  graphUserRecord,
  project,
} from './azure-ad-fake-records.js';
import {
  badRequest,
  graphJson,
  graphNoContent,
  metadataUrl,
  resourceNotFound,
} from './azure-ad-fake-responses.js';
import { type GraphFakeContext, listUsersPage } from './azure-ad-fake-users.js';

type GraphGroupRecord = Record<string, unknown>;

/** `$ref` arrives percent-encoded (`%24ref`) from clients that encode every segment; both name the same resource. */
const isReferenceSegment = (segment: string | undefined) => segment === '$ref';

function membersOf(
  context: GraphFakeContext,
  groupId: string,
): (offset: number, limit: number) => SeedUser[] {
  const memberIds = context.groups.memberIds(groupId);
  return (offset, limit) =>
    memberIds
      .slice(offset, offset + limit)
      .map((id) => context.directory.userById(id))
      .filter((user): user is SeedUser => user !== undefined);
}

/** `https://graph.microsoft.com/v1.0/directoryObjects/{id}` (any host): the id is the last segment. */
function referencedId(body: unknown): string | undefined {
  const reference = (body as Record<string, unknown> | null)?.['@odata.id'];
  if (typeof reference !== 'string') return undefined;
  const match = /\/directoryObjects\/([^/?#]+)$/.exec(reference);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

function membershipTargets(group: GraphGroupRecord, userId: string): AuditTarget[] {
  return [
    { id: userId, displayName: null, type: 'User' },
    { id: String(group.id), displayName: String(group.displayName ?? ''), type: 'Group' },
  ];
}

export function groupRoutes(context: GraphFakeContext): FakeRoute[] {
  const { directory, groups } = context;
  const groupOr404 = (request: FakeRequest) => groups.record(request.params.id!);
  /** A membership route's group, or Graph's answer when the URL does not end in `$ref` or names no group. */
  const referencedGroup = (request: FakeRequest): GraphGroupRecord | FakeResponse => {
    if (!isReferenceSegment(request.params.reference)) {
      return badRequest(
        request,
        `Resource not found for the segment '${request.params.reference}'.`,
        'BadRequest',
      );
    }
    return groupOr404(request) ?? resourceNotFound(request, request.params.id!);
  };
  return [
    {
      name: 'groups.list',
      method: 'GET',
      pattern: '/v1.0/groups',
      handle(request) {
        const parsed = parseListQuery(request, 'group', defaultGroupProjection);
        if (!parsed.ok) return parsed.response;
        const query = parsed.query;
        const page = pageFor(
          query,
          (offset, limit) => groups.list(offset, limit),
          (record) => matchesQuery(query, record),
          (record) => record,
        );
        return graphCollection(request, {
          fragment: 'groups',
          nextOffset: page.nextOffset,
          value: page.items.map((record) => project('group', record, query.select)),
        });
      },
    },
    {
      name: 'groups.get',
      method: 'GET',
      pattern: '/v1.0/groups/:id',
      handle(request) {
        const group = groupOr404(request);
        if (!group) return resourceNotFound(request, request.params.id!);
        const parsed = parseListQuery(request, 'group', defaultGroupProjection);
        if (!parsed.ok) return parsed.response;
        return graphJson(request, 200, {
          '@odata.context': metadataUrl(request, 'groups/$entity'),
          ...project('group', group, parsed.query.select),
        });
      },
    },
    {
      name: 'groups.members',
      method: 'GET',
      pattern: '/v1.0/groups/:id/members',
      handle(request) {
        const group = groupOr404(request);
        if (!group) return resourceNotFound(request, request.params.id!);
        const parsed = parseListQuery(request, 'user', defaultUserProjection);
        if (!parsed.ok) return parsed.response;
        const query = parsed.query;
        const page = collectPage({
          fetch: membersOf(context, String(group.id)),
          matches: () => true,
          offset: query.offset,
          top: query.top,
        });
        const value = page.items.map((user) => ({
          '@odata.type': '#microsoft.graph.user',
          ...project('user', graphUserRecord(directory, user), query.select),
        }));
        return graphCollection(request, {
          fragment: 'directoryObjects',
          nextOffset: page.nextOffset,
          value,
        });
      },
    },
    {
      name: 'groups.members.users',
      method: 'GET',
      pattern: '/v1.0/groups/:id/members/microsoft.graph.user',
      handle(request) {
        const group = groupOr404(request);
        if (!group) return resourceNotFound(request, request.params.id!);
        return listUsersPage(context, request, 'users', membersOf(context, String(group.id)));
      },
    },
    {
      name: 'groups.members.add',
      method: 'POST',
      pattern: '/v1.0/groups/:id/members/:reference',
      handle(request): FakeResponse {
        const group = referencedGroup(request);
        if (isFakeResponse(group)) return group;
        const userId = referencedId(request.body);
        if (!userId) return badRequest(request, "Invalid URL format specified in @odata.bind for 'members'.");
        if (!directory.userById(userId)) return resourceNotFound(request, userId);
        if (groups.addMember(String(group.id), userId) === 'already_member') {
          return badRequest(
            request,
            "One or more added object references already exist for the following modified properties: 'members'.",
          );
        }
        context.audits.record('Add member to group', 'GroupManagement', membershipTargets(group, userId));
        return graphNoContent(request);
      },
    },
    {
      name: 'groups.members.remove',
      method: 'DELETE',
      pattern: '/v1.0/groups/:id/members/:memberId/:reference',
      handle(request): FakeResponse {
        const group = referencedGroup(request);
        if (isFakeResponse(group)) return group;
        const memberId = request.params.memberId!;
        if (!directory.userById(memberId)) return resourceNotFound(request, memberId);
        const outcome = groups.removeMember(String(group.id), memberId);
        if (outcome === 'not_member') return resourceNotFound(request, memberId);
        if (outcome === 'already_removed') {
          return badRequest(
            request,
            "One or more removed object references do not exist for the following modified properties: 'members'.",
          );
        }
        context.audits.record(
          'Remove member from group',
          'GroupManagement',
          membershipTargets(group, memberId),
        );
        return graphNoContent(request);
      },
    },
    ...groupWriteRoutes(context),
  ];
}
