import { deleteActionOutcome, deleteRequest } from '@unidir/connector-utils';
import {
  type DeleteAction,
  type DeleteUserParameters,
  type DeleteUserResult,
  type OperationContext,
  ProviderApiCallError,
  ProviderInvalidResponseError,
  ProviderTimeoutError,
  UnsupportedParameterError,
  ValidationError,
  wellKnownActions,
} from '@unidir/core';
import type { OktaClient } from './okta-client.js';
import { mapOktaUser, type OktaUser } from './okta-mapping.js';
import { fetchUser, fetchUserRoles } from './okta-users.js';

type Context = OperationContext<OktaClient>;

type DeletePlan =
  | { kind: 'deactivate' }
  | { kind: 'permanent_delete' }
  | { kind: 'remove_from_group'; groupId: string };

const deleteParameterNames = ['remove_from', 'remove_from_id', 'group_id', 'permanent', 'user_type'];

function conflict(parameter: string, reason: string): UnsupportedParameterError {
  return new UnsupportedParameterError({ parameter, supported: deleteParameterNames, reason });
}

/** Decides what the parameters ask for, refusing what Okta cannot honour before any provider call. */
export function planDelete(parameters: DeleteUserParameters): DeletePlan {
  for (const parameter of ['organization_id', 'workspace_id', 'emails', 'product'] as const) {
    if (parameters[parameter] !== undefined) {
      throw conflict(
        parameter,
        'Okta users are deleted by id in their one org; there is nothing else to name',
      );
    }
  }
  if (parameters.remote_query && Object.keys(parameters.remote_query).length > 0) {
    throw new UnsupportedParameterError({
      parameter: 'remote_query',
      supported: [],
      reason: 'deletes take no provider query',
    });
  }
  if (parameters.remove_from === 'organization') {
    throw conflict(
      'remove_from',
      'an Okta user belongs to its org: the default delete deactivates it, permanent=true deletes it',
    );
  }
  if (parameters.remove_from_id !== undefined && parameters.remove_from === undefined) {
    throw new ValidationError({
      message: 'remove_from_id needs remove_from=group.',
      code: 'missing_parameter',
    });
  }
  if (parameters.remove_from === 'group' && parameters.remove_from_id === undefined) {
    throw new ValidationError({
      message: 'remove_from=group needs remove_from_id (the group id).',
      code: 'missing_parameter',
    });
  }
  const groupIds = [parameters.remove_from_id, parameters.group_id].filter((id) => id !== undefined);
  if (groupIds.length === 2 && groupIds[0] !== groupIds[1]) {
    throw conflict('group_id', 'group_id and remove_from_id name different groups; give one');
  }
  const groupId = groupIds[0];
  if (groupId !== undefined) {
    if (parameters.permanent)
      throw conflict('permanent', 'it deletes the user, so it cannot be combined with leaving a group');
    return { kind: 'remove_from_group', groupId };
  }
  return parameters.permanent ? { kind: 'permanent_delete' } : { kind: 'deactivate' };
}

/** No answer, or a 5xx: the provider may have acted. A 4xx is a refusal that changed nothing. */
function mayHaveTakenEffect(error: unknown): boolean {
  if (error instanceof ProviderTimeoutError || error instanceof ProviderInvalidResponseError) return true;
  return error instanceof ProviderApiCallError && (error.providerStatus === 0 || error.providerStatus >= 500);
}

/**
 * POST /users/{id}/lifecycle/deactivate, unless the user already is DEPROVISIONED (a retry after a lost
 * answer): then nothing is sent. The POST is never repeated; when its answer is lost the user is read again
 * instead, and a DEPROVISIONED user proves the deactivation happened.
 */
async function deactivate(user: OktaUser, context: Context): Promise<DeleteAction> {
  const action = { action: wellKnownActions.deactivate, target: user.id };
  if (user.status === 'DEPROVISIONED') return { ...action, outcome: 'already_done' };
  try {
    const response = await context.client.http.request(
      {
        method: 'POST',
        path: ['users', user.id, 'lifecycle', 'deactivate'],
        query: { sendEmail: context.client.settings.send_email },
        description: 'deactivate user',
      },
      context,
    );
    return { ...action, outcome: deleteActionOutcome(response.outcome) };
  } catch (error) {
    if (!mayHaveTakenEffect(error)) throw error;
    context.logger.warn(
      { id: user.id },
      'the deactivation answer was lost; reading the user to learn its status',
    );
    // A read that fails too leaves the outcome unknown: the deactivate's own error says more.
    const current = await fetchUser(user.id, context).catch(() => undefined);
    if (current?.status !== 'DEPROVISIONED') throw error;
    return { ...action, outcome: 'done' };
  }
}

/** The user_type guard: the user's admin roles decide, and nothing is changed when they do not match. */
async function assertUserType(
  user: OktaUser,
  userType: 'admin' | 'end_user',
  context: Context,
  result: DeleteUserResult,
) {
  const roles = await fetchUserRoles(user.id, context);
  const isAdmin = roles.length > 0;
  result.user = { unified: mapOktaUser({ ...user, roles }), raw: { ...user, roles } };
  if (isAdmin !== (userType === 'admin')) {
    throw new ValidationError({
      message: `User ${user.id} ${isAdmin ? 'holds admin roles' : 'holds no admin role'}; user_type=${userType} does not match, nothing was deleted.`,
      code: 'user_type_mismatch',
      details: { user_type: isAdmin ? 'admin' : 'end_user' },
    });
  }
}

/**
 * Default: deactivate (DEPROVISIONED, reversible). permanent=true: deactivate unless already deprovisioned,
 * then DELETE /users/{id}, gone for good. A group: DELETE /groups/{gid}/users/{id} only. The user is read
 * first (its status decides; the user_type guard reads its roles too), so a retried delete never escalates:
 * Okta's own DELETE deactivates an active user and deletes a deprovisioned one, and is only sent once the
 * user is known to be deprovisioned.
 */
export async function deleteUser(
  parameters: DeleteUserParameters,
  context: Context,
): Promise<DeleteUserResult> {
  const plan = planDelete(parameters);
  const result: DeleteUserResult = { id: parameters.id, actions: [] };
  const needsUser = plan.kind !== 'remove_from_group' || parameters.user_type !== undefined;
  const user = needsUser ? await fetchUser(parameters.id, context) : undefined;
  if (user) {
    result.id = user.id;
    result.user = { unified: mapOktaUser(user), raw: user };
    if (parameters.user_type !== undefined) await assertUserType(user, parameters.user_type, context, result);
  }
  if (plan.kind === 'remove_from_group') {
    const userId = user?.id ?? parameters.id;
    const response = await context.client.http.request(
      deleteRequest(['groups', plan.groupId, 'users', userId], 'remove user from group'),
      context,
    );
    result.actions.push({
      action: wellKnownActions.removeFromGroup,
      target: plan.groupId,
      outcome: deleteActionOutcome(response.outcome),
    });
    return result;
  }
  const target = user as OktaUser;
  result.actions.push(await deactivate(target, context));
  if (plan.kind === 'permanent_delete') {
    // Only now is the user deprovisioned, so this DELETE deletes for good; a 404 on its retry is already_done.
    const response = await context.client.http.request(
      {
        ...deleteRequest(['users', target.id], 'permanently delete user'),
        query: { sendEmail: context.client.settings.send_email },
      },
      context,
    );
    result.actions.push({
      action: wellKnownActions.permanentDelete,
      target: target.id,
      outcome: deleteActionOutcome(response.outcome),
    });
  }
  return result;
}
