import { assertWritableFields } from '@unidir/connector-utils';
import {
  type CreateUserParameters,
  NotFoundError,
  type OperationContext,
  ProviderInvalidResponseError,
  type RecordResult,
  type UnifiedUser,
  type UpdateUserParameters,
  type UserWrite,
  ValidationError,
} from '@unidir/core';
import type { GitHubClient } from './github-client.js';
import {
  type GitHubInvitation,
  type GitHubMembership,
  mapGitHubInvitation,
  mapGitHubUser,
} from './github-mapping.js';
import { organizationFor } from './github-organization.js';
import { fetchProfile, loginFor, parseUserReference } from './github-user-reference.js';
import { fetchMembership, standingFromMembership } from './github-users.js';

type Context = OperationContext<GitHubClient>;

const createFields = ['emails', 'username', 'user_type', 'organizations'];
const updateFields = ['user_type', 'organizations'];
const reason =
  'GitHub accounts belong to their owners: an organization can only invite people and set their role';

/** The one organization a write names through `organizations`, else the account's only one. */
function organizationOf(body: Partial<UserWrite>, context: Context): string {
  if ((body.organizations?.length ?? 0) > 1) {
    throw new ValidationError({
      message: 'Name at most one organization per write.',
      code: 'validation_failed',
      details: { parameter: 'body.organizations' },
    });
  }
  return organizationFor(context.client, body.organizations?.[0]?.id, 'body.organizations');
}

function roleOf(userType: string | undefined): 'admin' | 'member' {
  if (userType === undefined || userType === 'end_user') return 'member';
  if (userType === 'admin') return 'admin';
  throw new ValidationError({
    message: `user_type=${userType} is not an organization role: use admin (owner) or end_user (member).`,
    code: 'validation_failed',
    details: { parameter: 'body.user_type' },
  });
}

/**
 * "Create" is an invitation: `POST /orgs/{org}/invitations` by the account id of `username` (read first) or
 * by the primary email. The person joins when they accept; until then the user is `invited`.
 */
export async function createUser(
  parameters: CreateUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser> | null> {
  const { body } = parameters;
  assertWritableFields(body, createFields, { reason, parameterPrefix: 'body.' });
  const organization = organizationOf(body, context);
  const role = roleOf(body.user_type);
  const email = body.emails?.find((entry) => entry.is_primary)?.email ?? body.emails?.[0]?.email;
  if (body.username === undefined && email === undefined) {
    throw new ValidationError({
      message: 'Inviting someone needs their GitHub username or an email address.',
      code: 'missing_parameter',
      details: { parameters: ['body.username', 'body.emails'] },
    });
  }
  const profile =
    body.username === undefined
      ? undefined
      : await fetchProfile(parseUserReference(body.username, 'username'), context);
  const response = await context.client.http.request<GitHubInvitation>(
    {
      method: 'POST',
      path: ['orgs', organization, 'invitations'],
      body: {
        ...(profile ? { invitee_id: profile.id } : { email }),
        role: role === 'admin' ? 'admin' : 'direct_member',
      },
      description: 'invite to organization',
    },
    context,
  );
  if (response.outcome === 'planned') return null;
  if (profile) {
    const raw = { ...profile, invitation: response.body };
    return { unified: mapGitHubUser(profile, [{ organization, role, state: 'pending' }], raw), raw };
  }
  return { unified: mapGitHubInvitation(response.body, organization), raw: response.body };
}

/**
 * Update sets the organization role (`PUT /orgs/{org}/memberships/{username}`), after reading the membership:
 * that PUT would invite someone who is not a member, which an update must not do. An unchanged role sends
 * nothing.
 */
export async function updateUser(
  parameters: UpdateUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser> | null> {
  const { body } = parameters;
  assertWritableFields(body, updateFields, { reason, parameterPrefix: 'body.' });
  if (body.user_type === undefined) {
    throw new ValidationError({
      message: 'Only user_type (the organization role) can be updated on GitHub.',
      code: 'missing_parameter',
      details: { parameter: 'body.user_type' },
    });
  }
  const organization = organizationOf(body, context);
  const role = roleOf(body.user_type);
  const login = await loginFor(parseUserReference(parameters.id), context);
  const current = await fetchMembership(organization, login, context);
  if (current === undefined) {
    throw new NotFoundError({
      message: `GitHub user ${parameters.id} is not a member of ${organization}.`,
      resource: 'users',
      id: parameters.id,
    });
  }
  let membership: GitHubMembership = current;
  if (current.role !== role) {
    const response = await context.client.http.request<GitHubMembership>(
      {
        method: 'PUT',
        path: ['orgs', organization, 'memberships', login],
        body: { role },
        // Setting the same role again changes nothing, so a lost answer may be retried.
        idempotent: true,
        description: 'set organization role',
      },
      context,
    );
    if (response.outcome === 'planned') return null;
    membership = response.body;
  } else if (context.dryRun) {
    return null;
  }
  const user = membership.user ?? current.user;
  if (!user) {
    throw new ProviderInvalidResponseError({ message: 'GitHub answered a membership without its user.' });
  }
  return {
    unified: mapGitHubUser(user, [standingFromMembership(organization, membership)]),
    raw: membership,
  };
}
