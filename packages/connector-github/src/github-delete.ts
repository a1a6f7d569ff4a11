import { deleteActionOutcome, deleteRequest } from '@unidir/connector-utils';
import {
  type DeleteAction,
  type DeleteUserParameters,
  type DeleteUserResult,
  NotFoundError,
  type OperationContext,
  ProviderApiCallError,
  type RecordResult,
  type UnifiedUser,
  UnsupportedParameterError,
  ValidationError,
  wellKnownActions,
} from '@unidir/core';
import type { GitHubClient } from './github-client.js';
import { parseTeamId, removeTeamMembership, type TeamReference } from './github-groups.js';
import { invitationIdOf, mapGitHubUser } from './github-mapping.js';
import { organizationFor } from './github-organization.js';
import { loginFor, parseUserReference } from './github-user-reference.js';
import { fetchMembership, standingFromMembership } from './github-users.js';

type Context = OperationContext<GitHubClient>;

type DeleteTarget =
  | { kind: 'organization'; organization: string }
  | { kind: 'team'; team: TeamReference; groupId: string };

function refuse(parameter: string, message: string, code = 'validation_failed'): never {
  throw new ValidationError({ message, code, details: { parameter } });
}

/** What the caller asked to remove the user from; every contradiction is refused before any call. */
function targetOf(parameters: DeleteUserParameters, client: GitHubClient): DeleteTarget {
  for (const unsupported of ['workspace_id', 'emails', 'product'] as const) {
    if (parameters[unsupported] !== undefined) {
      throw new UnsupportedParameterError({
        parameter: unsupported,
        supported: [],
        reason: 'GitHub has no such scope',
      });
    }
  }
  if (parameters.permanent === true) {
    refuse(
      'permanent',
      'permanent=true is refused: an organization cannot delete a personal GitHub account, only remove it from the organization.',
      'unsupported_parameter',
    );
  }
  const { remove_from: removeFrom, remove_from_id: removeFromId, group_id: groupId } = parameters;
  if (removeFromId !== undefined && removeFrom === undefined) {
    refuse(
      'remove_from_id',
      'remove_from_id needs remove_from (group or organization).',
      'missing_parameter',
    );
  }
  if (removeFrom !== undefined && removeFromId === undefined) {
    refuse('remove_from_id', `remove_from=${removeFrom} needs remove_from_id.`, 'missing_parameter');
  }
  if (removeFrom === 'organization' && groupId !== undefined) {
    refuse('group_id', 'group_id removes from a team; it cannot be combined with remove_from=organization.');
  }
  const teamId = removeFrom === 'group' ? removeFromId : groupId;
  if (removeFrom === 'group' && groupId !== undefined && groupId !== removeFromId) {
    refuse('group_id', 'group_id and remove_from_id name different teams.');
  }
  if (teamId !== undefined) {
    const team = parseTeamId(client, teamId, removeFrom === 'group' ? 'remove_from_id' : 'group_id');
    if (
      parameters.organization_id !== undefined &&
      organizationFor(client, parameters.organization_id, 'organization_id') !== team.organization
    ) {
      refuse('organization_id', 'organization_id names another organization than the team belongs to.');
    }
    return { kind: 'team', team, groupId: teamId };
  }
  const named = removeFrom === 'organization' ? removeFromId : parameters.organization_id;
  if (removeFrom === 'organization' && parameters.organization_id !== undefined) {
    if (parameters.organization_id.toLowerCase() !== removeFromId?.toLowerCase()) {
      refuse('organization_id', 'organization_id and remove_from_id name different organizations.');
    }
  }
  return {
    kind: 'organization',
    organization: organizationFor(
      client,
      named,
      removeFrom === 'organization' ? 'remove_from_id' : 'organization_id',
    ),
  };
}

/** GitHub refuses to remove (or demote) an organization's last owner; nothing else is attempted then. */
function lastOwnerRefusal(error: unknown, id: string, organization: string): ValidationError | undefined {
  if (!(error instanceof ProviderApiCallError)) return undefined;
  if (error.providerStatus !== 403 && error.providerStatus !== 422) return undefined;
  if (!/last owner/i.test(error.message)) return undefined;
  return new ValidationError({
    message: `GitHub refused to remove ${id}: they are the last owner of ${organization}. Make someone else an owner first.`,
    code: 'last_owner',
    cause: error,
    details: { organization, provider_request_id: error.providerRequestId },
  });
}

/** The `user_type` guard: the membership is read and nothing is removed unless the role matches. */
async function guardUserType(
  parameters: DeleteUserParameters,
  organization: string,
  login: string,
  context: Context,
): Promise<RecordResult<UnifiedUser>> {
  const membership = await fetchMembership(organization, login, context);
  if (membership === undefined || !membership.user) {
    throw new NotFoundError({
      message: `GitHub user ${parameters.id} is not in ${organization}.`,
      resource: 'users',
      id: parameters.id,
    });
  }
  const unified = mapGitHubUser(
    membership.user,
    [standingFromMembership(organization, membership)],
    membership,
  );
  const isAdmin = membership.role === 'admin';
  if (isAdmin !== (parameters.user_type === 'admin')) {
    throw new ValidationError({
      message: `User ${parameters.id} is ${isAdmin ? 'an owner' : 'not an owner'} of ${organization}; user_type=${parameters.user_type} does not match, nothing was removed.`,
      code: 'user_type_mismatch',
      details: { user_type: unified.user_type },
    });
  }
  return { unified, raw: membership };
}

/**
 * An invitation by email to an address without an account has no username: it is cancelled by its id
 * (`DELETE /orgs/{org}/invitations/{invitation_id}`). It has no teams, and its role is not read back.
 */
async function cancelInvitation(
  parameters: DeleteUserParameters,
  target: DeleteTarget,
  invitationId: string,
  context: Context,
): Promise<DeleteUserResult> {
  if (target.kind === 'team') {
    refuse('remove_from', 'An invitation has no team memberships: remove it from the organization.');
  }
  if (parameters.user_type !== undefined) {
    refuse(
      'user_type',
      'user_type cannot guard an invitation: its role is only known from the invitation list.',
    );
  }
  const response = await context.client.http.request(
    deleteRequest(['orgs', target.organization, 'invitations', invitationId], 'cancel invitation'),
    context,
  );
  return {
    id: parameters.id,
    actions: [
      {
        action: wellKnownActions.removeFromOrganization,
        target: target.organization,
        outcome: deleteActionOutcome(response.outcome),
      },
    ],
  };
}

/**
 * A GitHub "delete" removes the user from an organization (`DELETE /orgs/{org}/memberships/{username}`, which
 * also cancels a pending invitation and drops their team memberships) or from one team only. Personal
 * accounts are never deleted. An account id costs one profile read to learn the login; `user_type` one
 * membership read.
 */
export async function deleteUser(
  parameters: DeleteUserParameters,
  context: Context,
): Promise<DeleteUserResult> {
  const target = targetOf(parameters, context.client);
  const invitationId = invitationIdOf(parameters.id);
  if (invitationId !== undefined) return cancelInvitation(parameters, target, invitationId, context);
  const login = await loginFor(parseUserReference(parameters.id), context);
  const organization = target.kind === 'team' ? target.team.organization : target.organization;
  const user =
    parameters.user_type === undefined
      ? undefined
      : await guardUserType(parameters, organization, login, context);
  let action: DeleteAction;
  if (target.kind === 'team') {
    action = {
      action: wellKnownActions.removeFromGroup,
      target: target.groupId,
      outcome: await removeTeamMembership(target.team, login, context),
    };
  } else {
    let outcome: DeleteAction['outcome'];
    try {
      const response = await context.client.http.request(
        deleteRequest(['orgs', organization, 'memberships', login], 'remove from organization'),
        context,
      );
      outcome = deleteActionOutcome(response.outcome);
    } catch (error) {
      throw lastOwnerRefusal(error, parameters.id, organization) ?? error;
    }
    action = { action: wellKnownActions.removeFromOrganization, target: organization, outcome };
  }
  return { id: parameters.id, actions: [action], ...(user ? { user } : {}) };
}
