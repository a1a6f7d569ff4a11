import {
  decodeCursor,
  encodeCursor,
  mergeRemoteQuery,
  type ProviderRequest,
  pageSizeFor,
  parseLinkHeader,
} from '@unidir/connector-utils';
import {
  type GetUserParameters,
  type ListResult,
  type ListUsersParameters,
  NotFoundError,
  type OperationContext,
  type RecordResult,
  type RemoteQuery,
  type UnifiedUser,
  UnsupportedParameterError,
  ValidationError,
} from '@unidir/core';
import { z } from 'zod';
import type { GitHubClient } from './github-client.js';
import { parseTeamId } from './github-groups.js';
import {
  type GitHubInvitation,
  type GitHubMembership,
  type GitHubUser,
  mapGitHubInvitation,
  mapGitHubUser,
  type OrganizationStanding,
} from './github-mapping.js';
import { organizationFor } from './github-organization.js';
import { asPage } from './github-response.js';
import { gitHubConnectorId } from './github-settings.js';
import { fetchProfile, parseUserReference } from './github-user-reference.js';

type Context = OperationContext<GitHubClient>;

/** GitHub serves at most 100 per page; we ask for the most unless the caller's limit is smaller. */
const gitHubPageSizes = { default: 100, maximum: 100 };

/** remote_query keys this connector reads itself instead of passing them on. */
const profileOption = 'include_profile';
const affiliationOption = 'affiliation';
const reservedListQuery = ['per_page', 'page'];

const listKinds = ['members', 'outside_collaborators', 'invitations', 'team_members'] as const;
type ListKind = (typeof listKinds)[number];

const cursorStateSchema = z.object({
  next: z.url(),
  kind: z.enum(listKinds),
  organization: z.string(),
  profile: z.boolean(),
  role: z.string().optional(),
  two_factor_disabled: z.boolean().optional(),
});
type CursorState = z.infer<typeof cursorStateSchema>;

function isTrue(value: string | string[] | undefined): boolean {
  return value === 'true' || value === '1';
}

interface FirstPage {
  request: ProviderRequest;
  state: Omit<CursorState, 'next'>;
}

interface ListTarget {
  kind: ListKind;
  organization: string;
  path: string[];
}

/** Which GitHub list the filters name: a team's members, invitations, outside collaborators or members. */
function listTarget(
  parameters: ListUsersParameters,
  affiliation: string | string[] | undefined,
  context: Context,
): ListTarget {
  const { status } = parameters;
  if (parameters.group_id !== undefined) {
    if (status === 'invited' || affiliation === 'outside_collaborators') {
      throw new ValidationError({
        message:
          'group_id lists team members; it cannot be combined with status=invited or outside collaborators.',
        code: 'validation_failed',
      });
    }
    const team = parseTeamId(context.client, parameters.group_id, 'group_id');
    if (
      parameters.organization_id !== undefined &&
      organizationFor(context.client, parameters.organization_id, 'organization_id') !== team.organization
    ) {
      throw new ValidationError({
        message: 'organization_id names another organization than the team belongs to.',
        details: { parameter: 'organization_id' },
      });
    }
    const { organization } = team;
    return {
      kind: 'team_members',
      organization,
      path: ['orgs', organization, 'teams', team.slug, 'members'],
    };
  }
  const organization = organizationFor(context.client, parameters.organization_id, 'organization_id');
  if (status === 'invited') {
    if (affiliation === 'outside_collaborators') {
      throw new ValidationError({
        message: 'Outside collaborators are never invited members: drop status=invited or the affiliation.',
        code: 'validation_failed',
      });
    }
    return { kind: 'invitations', organization, path: ['orgs', organization, 'invitations'] };
  }
  if (affiliation === 'outside_collaborators') {
    return {
      kind: 'outside_collaborators',
      organization,
      path: ['orgs', organization, 'outside_collaborators'],
    };
  }
  return { kind: 'members', organization, path: ['orgs', organization, 'members'] };
}

function firstPage(parameters: ListUsersParameters, context: Context): FirstPage {
  const remoteQuery: RemoteQuery = { ...(parameters.remote_query ?? context.remoteQuery) };
  const profile = isTrue(remoteQuery[profileOption]);
  const affiliation = remoteQuery[affiliationOption];
  delete remoteQuery[profileOption];
  delete remoteQuery[affiliationOption];
  if (affiliation !== undefined && affiliation !== 'outside_collaborators' && affiliation !== 'members') {
    throw new UnsupportedParameterError({
      parameter: 'remote_query.affiliation',
      supported: ['members', 'outside_collaborators'],
    });
  }
  const status = parameters.status;
  if (status !== undefined && status !== 'active' && status !== 'invited') {
    throw new UnsupportedParameterError({ parameter: 'status', supported: ['active', 'invited'] });
  }
  const perPage = pageSizeFor(parameters.limit, gitHubPageSizes);
  const query = mergeRemoteQuery({ per_page: perPage }, remoteQuery, reservedListQuery);
  const role = typeof query.role === 'string' ? query.role : undefined;
  const twoFactorDisabled = query.filter === '2fa_disabled';
  const { kind, organization, path } = listTarget(parameters, affiliation, context);
  return {
    request: { method: 'GET', path, query, description: `list ${kind.replace('_', ' ')}` },
    state: {
      kind,
      organization,
      profile,
      ...(role ? { role } : {}),
      ...(twoFactorDisabled ? { two_factor_disabled: true } : {}),
    },
  };
}

/** What a list's own request says of each user in it, before any profile is read. */
function standingOf(state: Omit<CursorState, 'next'>): OrganizationStanding {
  const standing: OrganizationStanding = { organization: state.organization };
  if (state.kind === 'outside_collaborators') {
    standing.outsideCollaborator = true;
    return standing;
  }
  if (state.kind === 'members') standing.state = 'active';
  if (state.role === 'admin' || state.role === 'member') standing.role = state.role;
  // Only the org-wide list knows 2FA: a member absent from filter=2fa_disabled has it on.
  if (state.two_factor_disabled && state.kind === 'members') standing.twoFactorEnabled = false;
  return standing;
}

async function withProfiles(users: GitHubUser[], context: Context): Promise<GitHubUser[]> {
  const profiles: GitHubUser[] = [];
  for (const user of users)
    profiles.push({ ...user, ...(await fetchProfile({ login: user.login }, context)) });
  return profiles;
}

export async function listUsers(
  parameters: ListUsersParameters,
  context: Context,
): Promise<ListResult<UnifiedUser>> {
  let request: ProviderRequest;
  let state: Omit<CursorState, 'next'>;
  if (parameters.cursor) {
    const { next, ...rest } = decodeCursor(gitHubConnectorId, parameters.cursor, cursorStateSchema);
    // connector-utils refuses a link to any other origin than base_url's.
    request = { method: 'GET', url: next, description: `list ${rest.kind.replace('_', ' ')} (next page)` };
    state = rest;
  } else {
    ({ request, state } = firstPage(parameters, context));
  }
  const response = await context.client.http.request<unknown[]>(request, context);
  const items = asPage<unknown>(response.body, state.kind.replace('_', ' '));
  let records: Array<RecordResult<UnifiedUser>>;
  if (state.kind === 'invitations') {
    records = (items as GitHubInvitation[]).map((invitation) => ({
      unified: mapGitHubInvitation(invitation, state.organization),
      raw: invitation,
    }));
  } else {
    const users = state.profile
      ? await withProfiles(items as GitHubUser[], context)
      : (items as GitHubUser[]);
    const standing = standingOf(state);
    records = users.map((user) => ({ unified: mapGitHubUser(user, [standing]), raw: user }));
  }
  const next = parseLinkHeader(response.headers.link).next;
  return { records, nextCursor: next ? encodeCursor(gitHubConnectorId, { ...state, next }) : null };
}

/** The user's membership in one organization, or undefined when GitHub says it has none (404). */
export async function fetchMembership(
  organization: string,
  login: string,
  context: Context,
): Promise<GitHubMembership | undefined> {
  try {
    const response = await context.client.http.request<GitHubMembership>(
      {
        method: 'GET',
        path: ['orgs', organization, 'memberships', login],
        description: 'get organization membership',
      },
      context,
    );
    return response.body;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

export function standingFromMembership(
  organization: string,
  membership: GitHubMembership,
): OrganizationStanding {
  return { organization, role: membership.role, state: membership.state };
}

/**
 * The profile (1 request), then the membership in each organization the account covers (1 each): a user
 * who is in none of them is not in this directory.
 */
export async function fetchUser(id: string, context: Context): Promise<RecordResult<UnifiedUser>> {
  const profile = await fetchProfile(parseUserReference(id), context);
  const standings: OrganizationStanding[] = [];
  const memberships: Record<string, GitHubMembership> = {};
  for (const organization of context.client.settings.organizations) {
    const membership = await fetchMembership(organization, profile.login, context);
    if (membership === undefined) continue;
    memberships[organization] = membership;
    standings.push(standingFromMembership(organization, membership));
  }
  if (standings.length === 0) {
    throw new NotFoundError({
      message: `GitHub user ${id} is not a member of, nor invited to, ${context.client.settings.organizations.join(', ')}.`,
      resource: 'users',
      id,
    });
  }
  const raw = { ...profile, memberships };
  return { unified: mapGitHubUser(profile, standings, raw), raw };
}

export function getUser(parameters: GetUserParameters, context: Context): Promise<RecordResult<UnifiedUser>> {
  return fetchUser(parameters.id, context);
}
