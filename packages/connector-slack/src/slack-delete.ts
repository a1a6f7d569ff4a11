import { deleteActionOutcome, deleteRequest } from '@unidir/connector-utils';
import {
  type DeleteAction,
  type DeleteUserParameters,
  type DeleteUserResult,
  NotFoundError,
  type OperationContext,
  UnsupportedParameterError,
  ValidationError,
  wellKnownActions,
} from '@unidir/core';
import type { SlackClient } from './slack-client.js';
import { assertSlackId } from './slack-ids.js';
import { workspaceIdsOf } from './slack-mapping.js';
import { removeUserFromGroup } from './slack-membership.js';
import { refuseRemoteQuery } from './slack-remote-query.js';
import { slackUserTypeOf } from './slack-roles.js';
import type { SlackUser } from './slack-types.js';
import { fetchUser, toUserRecord } from './slack-users.js';
import { writeWebApi } from './slack-web-api.js';
import { fetchTeam } from './slack-workspaces.js';

type Context = OperationContext<SlackClient>;

export type DeletePlan =
  /** SCIM DELETE /Users/{id}: deactivated in every workspace of the org; `organizationId` is checked first when given. */
  | { kind: 'deactivate'; organizationId?: string }
  /** admin.users.remove: out of one Grid workspace, still in the org. */
  | { kind: 'remove_from_workspace'; workspaceId: string }
  | { kind: 'remove_from_group'; groupId: string };

const deleteParameterNames = [
  'remove_from',
  'remove_from_id',
  'group_id',
  'organization_id',
  'workspace_id',
  'user_type',
  'permanent',
];

function refuse(parameter: string, reason: string): UnsupportedParameterError {
  return new UnsupportedParameterError({ parameter, supported: deleteParameterNames, reason });
}

function missing(message: string): ValidationError {
  return new ValidationError({ message, code: 'missing_parameter' });
}

/** One id from two parameters that may both name it; different ids are refused. */
function sameTarget(
  first: [string, string | undefined],
  second: [string, string | undefined],
): string | undefined {
  if (first[1] !== undefined && second[1] !== undefined && first[1] !== second[1]) {
    throw refuse(second[0], `${first[0]} and ${second[0]} name different targets; give one`);
  }
  return first[1] ?? second[1];
}

/** Decides what the parameters ask for, refusing what Slack cannot do before any provider call. */
export function planDelete(parameters: DeleteUserParameters): DeletePlan {
  if (parameters.permanent) {
    throw refuse(
      'permanent',
      'Slack never deletes users permanently; the default delete deactivates the user in the whole organization',
    );
  }
  if (parameters.emails !== undefined) throw refuse('emails', 'Slack users are deleted by id');
  if (parameters.product !== undefined) throw refuse('product', 'Slack has no sub-products to choose from');
  refuseRemoteQuery(parameters.remote_query, 'deletes');
  const { remove_from: removeFrom, workspace_id: workspaceId } = parameters;
  if (parameters.remove_from_id !== undefined && removeFrom === undefined) {
    throw missing('remove_from_id needs remove_from (group or organization).');
  }
  const groupId =
    removeFrom === 'group'
      ? sameTarget(['remove_from_id', parameters.remove_from_id], ['group_id', parameters.group_id])
      : parameters.group_id;
  const organizationId =
    removeFrom === 'organization'
      ? sameTarget(
          ['remove_from_id', parameters.remove_from_id],
          ['organization_id', parameters.organization_id],
        )
      : parameters.organization_id;
  if (removeFrom === 'group' && groupId === undefined) {
    throw missing('remove_from=group needs remove_from_id (the user group id).');
  }
  const targets = [
    groupId === undefined ? undefined : 'group',
    workspaceId === undefined ? undefined : 'workspace_id',
    organizationId === undefined && removeFrom !== 'organization' ? undefined : 'organization',
  ].filter((target) => target !== undefined);
  if (targets.length > 1) {
    throw refuse(
      targets[1] === 'workspace_id' ? 'workspace_id' : 'remove_from',
      `one delete leaves one place; ${targets.join(' and ')} were both given`,
    );
  }
  if (groupId !== undefined) {
    assertSlackId('group_id', groupId);
    return { kind: 'remove_from_group', groupId };
  }
  if (workspaceId !== undefined) {
    assertSlackId('workspace_id', workspaceId);
    return { kind: 'remove_from_workspace', workspaceId };
  }
  if (organizationId !== undefined) assertSlackId('organization_id', organizationId);
  return organizationId === undefined ? { kind: 'deactivate' } : { kind: 'deactivate', organizationId };
}

/** user_type is a guard, not a filter: nothing happens unless the user is of that type. */
function assertUserType(user: SlackUser, wanted: DeleteUserParameters['user_type']): void {
  if (wanted === undefined) return;
  const isAdmin = slackUserTypeOf(user) === 'admin';
  if (isAdmin !== (wanted === 'admin')) {
    throw new ValidationError({
      message: `User ${user.id} is ${isAdmin ? 'an owner or admin' : 'not an owner or admin'}; user_type=${wanted} does not match, nothing was deleted.`,
      code: 'user_type_mismatch',
      details: { user_type: slackUserTypeOf(user) },
    });
  }
}

function assertOrganization(user: SlackUser, organizationId: string | undefined): void {
  if (organizationId === undefined) return;
  const actual = user.enterprise_user?.enterprise_id ?? user.team_id;
  if (actual !== organizationId) {
    throw new ValidationError({
      message: `User ${user.id} belongs to organization ${actual ?? '(unknown)'}, not ${organizationId}; nothing was deleted. To leave one Grid workspace, give workspace_id.`,
      code: 'organization_mismatch',
    });
  }
}

/**
 * SCIM DELETE deactivates. Repeated by connector-utils after a lost answer, a 404 there is `already_done`;
 * a 404 on the first attempt (the caller repeating a delete whose answer it lost) is checked with users.info:
 * a deactivated user means the earlier delete took effect.
 */
async function deactivate(userId: string, context: Context): Promise<DeleteAction> {
  const action = (outcome: DeleteAction['outcome']): DeleteAction => ({
    action: wellKnownActions.deactivate,
    target: userId,
    outcome,
  });
  try {
    const response = await context.client.scim.request(
      deleteRequest(['Users', userId], 'deactivate user'),
      context,
    );
    return action(deleteActionOutcome(response.outcome));
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const user = await fetchUser(userId, context, 'admin');
    if (user.deleted) return action('already_done');
    throw error;
  }
}

/**
 * admin.users.remove, unless users.info shows the user already outside that workspace (a repeat): then
 * team.info makes sure the workspace exists, so a mistyped id is not reported as done.
 */
async function removeFromWorkspace(
  user: SlackUser,
  workspaceId: string,
  context: Context,
): Promise<DeleteAction> {
  const action = (outcome: DeleteAction['outcome']): DeleteAction => ({
    action: wellKnownActions.removeFromWorkspace,
    target: workspaceId,
    outcome,
  });
  if (!workspaceIdsOf(user).includes(workspaceId)) {
    await fetchTeam(workspaceId, context);
    return action('already_done');
  }
  const { outcome } = await writeWebApi(
    {
      method: 'admin.users.remove',
      arguments: { team_id: workspaceId, user_id: user.id },
      description: 'remove user from workspace',
    },
    context,
  );
  return action(outcome === 'planned' ? 'planned' : 'done');
}

/**
 * Every read here decides a write, so it uses the admin token even when a bot token serves plain reads.
 * Default: SCIM DELETE /Users/{id} (deactivated everywhere; Slack keeps the account, reactivation is a SCIM
 * PATCH). workspace_id: admin.users.remove for that workspace only. A group: that one membership.
 */
export async function deleteUser(
  parameters: DeleteUserParameters,
  context: Context,
): Promise<DeleteUserResult> {
  assertSlackId('id', parameters.id);
  const plan = planDelete(parameters);
  const result: DeleteUserResult = { id: parameters.id, actions: [] };
  const needsUser =
    parameters.user_type !== undefined ||
    plan.kind === 'remove_from_workspace' ||
    (plan.kind === 'deactivate' && plan.organizationId !== undefined);
  const user = needsUser ? await fetchUser(parameters.id, context, 'admin') : undefined;
  if (user !== undefined) {
    assertUserType(user, parameters.user_type);
    result.user = toUserRecord(user);
  }
  switch (plan.kind) {
    case 'remove_from_group': {
      const membership = await removeUserFromGroup(
        { group_id: plan.groupId, user_id: parameters.id },
        context,
      );
      result.actions.push({ action: membership.action, target: plan.groupId, outcome: membership.outcome });
      break;
    }
    case 'remove_from_workspace':
      result.actions.push(await removeFromWorkspace(user as SlackUser, plan.workspaceId, context));
      break;
    case 'deactivate':
      if (user !== undefined) assertOrganization(user, plan.organizationId);
      result.actions.push(await deactivate(parameters.id, context));
      break;
  }
  return result;
}
