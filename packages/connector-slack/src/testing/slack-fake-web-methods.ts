import type { SeedUser } from '@unidir/testkit';
import { indexOfSlackFakeId, slackFakeEnterpriseId, slackFakeEnterpriseName } from './slack-fake-ids.js';
import { accountTypeOf, type SlackFakeOrg } from './slack-fake-org.js';
import {
  booleanArgument,
  decodeFakeCursor,
  encodeFakeCursor,
  slackError,
  stringArgument,
  teamInfo,
  type WebArguments,
  type WebCall,
} from './slack-fake-web-api.js';

type WebBody = Record<string, unknown>;

/** users.list without a limit answers everything, up to this many; beyond it Slack asks for a limit. */
const unlimitedListMaximum = 1000;
const maximumUsersPageSize = 1000;
const maximumTeamsPageSize = 100;

function limitOf(args: WebArguments, fallback: number, maximum: number): number | 'invalid' {
  const text = stringArgument(args, 'limit');
  if (text === undefined) return fallback;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 0) return 'invalid';
  return limit === 0 ? fallback : Math.min(limit, maximum);
}

function page(body: WebBody, nextCursor: string | undefined): WebBody {
  return { ...body, response_metadata: { next_cursor: nextCursor ?? '' } };
}

/** users.list: every user, deactivated ones and bots included, in a stable order, by Slack's cursor. */
function usersList(org: SlackFakeOrg, call: WebCall): WebBody {
  const args = call.arguments;
  const withEmail = call.token.scopes.includes('users:read.email');
  const cursor = stringArgument(args, 'cursor');
  const teamId = stringArgument(args, 'team_id');
  if (teamId !== undefined && org.workspace(teamId) === undefined) return slackError('team_not_found');
  let start = 0;
  if (cursor !== undefined) {
    const index = indexOfSlackFakeId('W', decodeFakeCursor('user', cursor) ?? '');
    if (index === undefined) return slackError('invalid_cursor');
    start = index;
  }
  const total = org.directory.listUsers({ offset: 0, limit: 0, includeDeleted: true }).total;
  const requested = limitOf(args, 0, maximumUsersPageSize);
  if (requested === 'invalid') return slackError('invalid_limit');
  if (requested === 0 && total > unlimitedListMaximum) return slackError('limit_required');
  const limit = requested === 0 ? unlimitedListMaximum : requested;
  const members: SeedUser[] = [];
  let position = start;
  while (members.length < limit && position < total) {
    const batch = org.directory.listUsers({ offset: position, limit: limit * 2, includeDeleted: true }).users;
    for (const user of batch) {
      position += 1;
      if (teamId === undefined || org.workspaceIdsOf(user).includes(teamId)) members.push(user);
      if (members.length === limit) break;
    }
  }
  const next =
    position < total
      ? org.directory.listUsers({ offset: position, limit: 1, includeDeleted: true }).users[0]
      : undefined;
  return page(
    {
      ok: true,
      members: members.map((user) => org.webUser(user, withEmail)),
      cache_ts: Math.floor(Date.now() / 1000),
    },
    next === undefined ? undefined : encodeFakeCursor('user', org.userIdOf(next)),
  );
}

function usersInfo(org: SlackFakeOrg, call: WebCall): WebBody {
  const user = org.seedUser(stringArgument(call.arguments, 'user') ?? '');
  if (user === undefined) return slackError('user_not_found');
  return { ok: true, user: org.webUser(user, call.token.scopes.includes('users:read.email')) };
}

function usersLookupByEmail(org: SlackFakeOrg, call: WebCall): WebBody {
  const email = stringArgument(call.arguments, 'email');
  if (email === undefined) return slackError('invalid_arguments');
  const user = org.directory.userByEmail(email, { includeDeleted: true });
  if (user === undefined || accountTypeOf(user.index).isBot) return slackError('users_not_found');
  return { ok: true, user: org.webUser(user, true) };
}

/** admin.users.remove: out of one workspace; the primary owner cannot be; a user outside it is not found there. */
function adminUsersRemove(org: SlackFakeOrg, call: WebCall): WebBody {
  const teamId = stringArgument(call.arguments, 'team_id');
  if (teamId === undefined || org.workspace(teamId) === undefined) return slackError('team_not_found');
  const user = org.seedUser(stringArgument(call.arguments, 'user_id') ?? '');
  if (user === undefined) return slackError('user_not_found');
  if (accountTypeOf(user.index).isPrimaryOwner) return slackError('cannot_modify_primary_owner');
  if (org.isDeactivated(user)) return slackError('user_already_deleted');
  return org.removeFromWorkspace(user, teamId) ? { ok: true } : slackError('user_not_found');
}

function adminTeamsList(org: SlackFakeOrg, call: WebCall): WebBody {
  const limit = limitOf(call.arguments, maximumTeamsPageSize, maximumTeamsPageSize);
  if (limit === 'invalid') return slackError('invalid_limit');
  const cursor = stringArgument(call.arguments, 'cursor');
  const start = cursor === undefined ? 0 : indexOfSlackFakeId('T', decodeFakeCursor('team', cursor) ?? '');
  if (start === undefined) return slackError('invalid_cursor');
  const end = Math.min(org.workspaceCount, start + limit);
  const teams = Array.from({ length: end - start }, (_, offset) => {
    const { enterprise_id: _enterprise, enterprise_name: _name, ...team } = org.workspaceAt(start + offset);
    return { ...team, discoverability: 'open', primary_owner: { user_id: 'W00000000', email: '' } };
  });
  return page(
    { ok: true, teams },
    end < org.workspaceCount ? encodeFakeCursor('team', org.workspaceAt(end).id) : undefined,
  );
}

function userGroupsList(org: SlackFakeOrg, call: WebCall): WebBody {
  const includeUsers = booleanArgument(call.arguments, 'include_users');
  const { groups } = org.directory.listGroups({ offset: 0, limit: org.directory.groupCount });
  return { ok: true, usergroups: groups.map((group) => org.userGroup(group, { includeUsers })) };
}

function userGroupsUsersList(org: SlackFakeOrg, call: WebCall): WebBody {
  const group = org.seedGroup(stringArgument(call.arguments, 'usergroup') ?? '');
  if (group === undefined) return slackError('no_such_subteam');
  return { ok: true, users: org.memberIdsOf(group) };
}

/** Replaces the whole member list with `users` (comma-separated), as Slack's method does. */
function userGroupsUsersUpdate(org: SlackFakeOrg, call: WebCall): WebBody {
  const group = org.seedGroup(stringArgument(call.arguments, 'usergroup') ?? '');
  if (group === undefined) return slackError('no_such_subteam');
  const wanted = (stringArgument(call.arguments, 'users') ?? '').split(',').filter((id) => id !== '');
  const users = wanted.map((id) => org.seedUser(id));
  if (users.some((user) => user === undefined)) return slackError('invalid_users');
  const wantedSeedIds = new Set(users.map((user) => (user as SeedUser).id));
  for (const memberId of org.directory.memberIdsOfGroup(group.id)) {
    if (!wantedSeedIds.has(memberId)) org.directory.removeMember(group.id, memberId);
  }
  for (const seedUserId of wantedSeedIds) org.directory.addMember(group.id, seedUserId);
  return { ok: true, usergroup: org.userGroup(group, { includeUsers: true }) };
}

function authTest(org: SlackFakeOrg, call: WebCall): WebBody {
  const user = org.seedUser(call.token.userId);
  const identity = { ok: true, user: user?.username ?? 'admin', user_id: call.token.userId };
  if (!org.grid) {
    const team = org.workspaceAt(0);
    return {
      ...identity,
      url: team.team_url,
      team: team.name,
      team_id: team.id,
      is_enterprise_install: false,
    };
  }
  return {
    ...identity,
    url: 'https://unidir-grid.enterprise.slack.com/',
    team: slackFakeEnterpriseName,
    team_id: slackFakeEnterpriseId,
    enterprise_id: slackFakeEnterpriseId,
    is_enterprise_install: true,
  };
}

/** Admin API methods exist on Enterprise Grid only. */
function gridOnly(org: SlackFakeOrg, handle: (call: WebCall) => WebBody) {
  return (call: WebCall) => (org.grid ? handle(call) : slackError('not_an_enterprise'));
}

/** The Web API methods the fake serves, each with the scope Slack documents for it. */
export function slackWebMethods(org: SlackFakeOrg) {
  return [
    { name: 'auth.test', handle: (call: WebCall) => authTest(org, call) },
    {
      name: 'team.info',
      scope: 'team:read',
      handle: (call: WebCall) => teamInfo(org, stringArgument(call.arguments, 'team')),
    },
    { name: 'users.list', scope: 'users:read', handle: (call: WebCall) => usersList(org, call) },
    { name: 'users.info', scope: 'users:read', handle: (call: WebCall) => usersInfo(org, call) },
    {
      name: 'users.lookupByEmail',
      scope: 'users:read.email',
      handle: (call: WebCall) => usersLookupByEmail(org, call),
    },
    {
      name: 'admin.users.remove',
      scope: 'admin.users:write',
      userTokenOnly: true,
      handle: gridOnly(org, (call) => adminUsersRemove(org, call)),
    },
    {
      name: 'admin.teams.list',
      scope: 'admin.teams:read',
      userTokenOnly: true,
      handle: gridOnly(org, (call) => adminTeamsList(org, call)),
    },
    {
      name: 'usergroups.list',
      scope: 'usergroups:read',
      handle: (call: WebCall) => userGroupsList(org, call),
    },
    {
      name: 'usergroups.users.list',
      scope: 'usergroups:read',
      handle: (call: WebCall) => userGroupsUsersList(org, call),
    },
    {
      name: 'usergroups.users.update',
      scope: 'usergroups:write',
      handle: (call: WebCall) => userGroupsUsersUpdate(org, call),
    },
  ];
}
