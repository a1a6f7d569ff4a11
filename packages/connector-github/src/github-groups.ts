import {
  assertWritableFields,
  decodeCursor,
  deleteActionOutcome,
  deleteRequest,
  encodeCursor,
  pageSizeFor,
  parseLinkHeader,
} from '@unidir/connector-utils';
import {
  type CreateGroupParameters,
  type DeleteGroupParameters,
  type DeleteResult,
  type GetGroupParameters,
  type GroupMembershipParameters,
  type GroupWrite,
  type ListGroupsParameters,
  type ListResult,
  type MembershipResult,
  type OperationContext,
  type RecordResult,
  UnidirError,
  type UnifiedGroup,
  type UpdateGroupParameters,
  ValidationError,
  wellKnownActions,
} from '@unidir/core';
import { z } from 'zod';
import type { GitHubClient } from './github-client.js';
import { type GitHubTeam, mapGitHubTeam } from './github-mapping.js';
import { organizationFor } from './github-organization.js';
import { asPage } from './github-response.js';
import { gitHubConnectorId, gitHubLoginSchema } from './github-settings.js';
import { loginFor, parseUserReference } from './github-user-reference.js';
import { fetchMembership } from './github-users.js';

type Context = OperationContext<GitHubClient>;

export interface TeamReference {
  organization: string;
  slug: string;
}

const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i);

/** `org/slug`, as this connector returns team ids; a bare slug when the account covers one organization. */
export function parseTeamId(client: GitHubClient, id: string, parameter: string): TeamReference {
  const parts = id.split('/');
  const [first, second] = parts;
  const slug = parts.length === 2 ? second : first;
  if (
    parts.length > 2 ||
    !slugSchema.safeParse(slug).success ||
    (parts.length === 2 && !gitHubLoginSchema.safeParse(first).success)
  ) {
    throw new ValidationError({
      message: `${parameter}=${id} is not a team id (organization/team-slug).`,
      code: 'invalid_group_id',
      details: { parameter },
    });
  }
  const organization = organizationFor(client, parts.length === 2 ? first : undefined, parameter);
  return { organization, slug: slug! };
}

function teamPath(team: TeamReference): string[] {
  return ['orgs', team.organization, 'teams', team.slug];
}

const groupPageSizes = { default: 100, maximum: 100 };
const cursorStateSchema = z.object({ next: z.url().optional(), organization_index: z.number().int().min(0) });

/** Teams of every organization the account covers, one organization after the other. */
export async function listGroups(
  parameters: ListGroupsParameters,
  context: Context,
): Promise<ListResult<UnifiedGroup>> {
  const { organizations } = context.client.settings;
  const state = parameters.cursor
    ? decodeCursor(gitHubConnectorId, parameters.cursor, cursorStateSchema)
    : { organization_index: 0 };
  const organization = organizations[state.organization_index];
  if (organization === undefined) return { records: [], nextCursor: null };
  const response = await context.client.http.request<GitHubTeam[]>(
    state.next
      ? { method: 'GET', url: state.next, description: 'list teams (next page)' }
      : {
          method: 'GET',
          path: ['orgs', organization, 'teams'],
          query: { per_page: pageSizeFor(parameters.limit, groupPageSizes) },
          description: 'list teams',
        },
    context,
  );
  const teams = asPage<GitHubTeam>(response.body, 'teams');
  const next = parseLinkHeader(response.headers.link).next;
  const nextState = next
    ? { next, organization_index: state.organization_index }
    : state.organization_index + 1 < organizations.length
      ? { organization_index: state.organization_index + 1 }
      : undefined;
  return {
    records: teams.map((team) => ({ unified: mapGitHubTeam(team, organization), raw: team })),
    nextCursor: nextState ? encodeCursor(gitHubConnectorId, nextState) : null,
  };
}

export async function getGroup(
  parameters: GetGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup>> {
  const team = parseTeamId(context.client, parameters.id, 'id');
  const response = await context.client.http.request<GitHubTeam>(
    { method: 'GET', path: teamPath(team), description: 'get team' },
    context,
  );
  return { unified: mapGitHubTeam(response.body, team.organization), raw: response.body };
}

const writableTeamFields = ['name', 'description', 'organization_id'];
const teamReason = 'a GitHub team has a name and a description';

function teamBody(body: Partial<GroupWrite>): Record<string, string> {
  assertWritableFields(body, writableTeamFields, { reason: teamReason, parameterPrefix: 'body.' });
  return {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.description === undefined ? {} : { description: body.description }),
  };
}

/** `POST /orgs/{org}/teams`: a visible (`closed`) team, as GitHub's own default for top-level teams. */
export async function createGroup(
  parameters: CreateGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup> | null> {
  const body = teamBody(parameters.body);
  if (!body.name) {
    throw new ValidationError({
      message: 'A team needs a name.',
      code: 'missing_parameter',
      details: { parameter: 'body.name' },
    });
  }
  const organization = organizationFor(
    context.client,
    parameters.body.organization_id,
    'body.organization_id',
  );
  const response = await context.client.http.request<GitHubTeam>(
    {
      method: 'POST',
      path: ['orgs', organization, 'teams'],
      body: { ...body, privacy: 'closed' },
      description: 'create team',
    },
    context,
  );
  if (response.outcome === 'planned') return null;
  return { unified: mapGitHubTeam(response.body, organization), raw: response.body };
}

/** Renaming a team changes its slug, and so its id here: the answer carries the new one. */
export async function updateGroup(
  parameters: UpdateGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup> | null> {
  const team = parseTeamId(context.client, parameters.id, 'id');
  const { organization_id: organizationId } = parameters.body;
  if (organizationId !== undefined && organizationId.toLowerCase() !== team.organization.toLowerCase()) {
    throw new ValidationError({
      message: 'A team cannot move to another organization.',
      code: 'validation_failed',
      details: { parameter: 'body.organization_id' },
    });
  }
  const body = teamBody(parameters.body);
  const response = await context.client.http.request<GitHubTeam>(
    { method: 'PATCH', path: teamPath(team), body, description: 'update team' },
    context,
  );
  if (response.outcome === 'planned') return null;
  return { unified: mapGitHubTeam(response.body, team.organization), raw: response.body };
}

export async function deleteGroup(
  parameters: DeleteGroupParameters,
  context: Context,
): Promise<DeleteResult> {
  const team = parseTeamId(context.client, parameters.id, 'id');
  const response = await context.client.http.request(deleteRequest(teamPath(team), 'delete team'), context);
  return {
    id: parameters.id,
    actions: [
      {
        action: wellKnownActions.deleteGroup,
        target: parameters.id,
        outcome: deleteActionOutcome(response.outcome),
      },
    ],
  };
}

/** `DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}`: the shared step of remove-user and delete. */
export async function removeTeamMembership(
  team: TeamReference,
  login: string,
  context: Context,
): Promise<MembershipResult['outcome']> {
  const response = await context.client.http.request(
    deleteRequest([...teamPath(team), 'memberships', login], 'remove team membership'),
    context,
  );
  return deleteActionOutcome(response.outcome);
}

/**
 * `PUT /orgs/{org}/teams/{team_slug}/memberships/{username}`: GitHub answers the same 200 whether or not the
 * user already was on the team, so the outcome is `done` either way; repeating it is harmless, so a lost
 * answer is retried. For someone outside the organization that PUT sends an invitation to join it (and
 * takes a seat), so the organization membership is read first and a non-member is refused.
 */
export async function addUser(
  parameters: GroupMembershipParameters,
  context: Context,
): Promise<MembershipResult> {
  const team = parseTeamId(context.client, parameters.group_id, 'group_id');
  const login = await loginFor(parseUserReference(parameters.user_id, 'user_id'), context);
  if ((await fetchMembership(team.organization, login, context)) === undefined) {
    throw new ValidationError({
      code: 'not_an_organization_member',
      message: `${login} is not a member of ${team.organization}: adding them to a team would invite them to the organization. Invite them first (POST /unified/user-directory/users).`,
      details: { organization: team.organization, user_id: parameters.user_id },
    });
  }
  const response = await context.client.http.request(
    {
      method: 'PUT',
      path: [...teamPath(team), 'memberships', login],
      body: { role: 'member' },
      idempotent: true,
      description: 'add team membership',
    },
    context,
  );
  return {
    group_id: parameters.group_id,
    user_id: parameters.user_id,
    action: 'add_to_group',
    outcome: response.outcome === 'planned' ? 'planned' : 'done',
  };
}

/**
 * One DELETE of the team membership. GitHub answers 404 both for "not on the team" and "no such team":
 * on a 404, one read of the team tells them apart, so removing someone who is not a member (again, after
 * a lost answer) is `already_done` and an unknown team stays not_found.
 */
export async function removeUser(
  parameters: GroupMembershipParameters,
  context: Context,
): Promise<MembershipResult> {
  const team = parseTeamId(context.client, parameters.group_id, 'group_id');
  const login = await loginFor(parseUserReference(parameters.user_id, 'user_id'), context);
  const result = (outcome: MembershipResult['outcome']): MembershipResult => ({
    group_id: parameters.group_id,
    user_id: parameters.user_id,
    action: 'remove_from_group',
    outcome,
  });
  try {
    return result(await removeTeamMembership(team, login, context));
  } catch (error) {
    if (!UnidirError.isInstance(error) || error.code !== 'not_found') throw error;
    await context.client.http.request(
      { method: 'GET', path: teamPath(team), description: 'check the team exists' },
      context,
    );
    return result('already_done');
  }
}
