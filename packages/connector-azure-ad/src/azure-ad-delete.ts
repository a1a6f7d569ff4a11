import { setTimeout as sleep } from 'node:timers/promises';
import { deleteActionOutcome, deleteRequest } from '@unidir/connector-utils';
import {
  type DeleteAction,
  type DeleteUserParameters,
  type DeleteUserResult,
  NotFoundError,
  type OperationContext,
  UnidirError,
  UnsupportedParameterError,
  ValidationError,
} from '@unidir/core';
import type { AzureAdClient } from './azure-ad-client.js';
import { mapGraphUser } from './azure-ad-mapping.js';
import { removeMembership } from './azure-ad-membership.js';
import { fetchUser, userTenantContext } from './azure-ad-users.js';

type Context = OperationContext<AzureAdClient>;

type DeletePlan =
  | { kind: 'soft_delete' }
  | { kind: 'permanent_delete' }
  | { kind: 'remove_from_group'; groupId: string };

const deleteParameterNames = [
  'remove_from',
  'remove_from_id',
  'group_id',
  'permanent',
  'product',
  'user_type',
];

function conflict(parameter: string, reason: string): UnsupportedParameterError {
  return new UnsupportedParameterError({ parameter, supported: deleteParameterNames, reason });
}

/** Decides what the parameters ask for, refusing what Graph cannot honour before any provider call. */
export function planDelete(parameters: DeleteUserParameters): DeletePlan {
  for (const parameter of ['organization_id', 'workspace_id', 'emails'] as const) {
    if (parameters[parameter] !== undefined) {
      throw new UnsupportedParameterError({
        parameter,
        supported: deleteParameterNames,
        reason: 'Entra ID users are deleted by id; there are no organizations or workspaces to leave',
      });
    }
  }
  if (parameters.remote_query && Object.keys(parameters.remote_query).length > 0) {
    throw new UnsupportedParameterError({
      parameter: 'remote_query',
      supported: [],
      reason: 'deletes take no provider query',
    });
  }
  if (parameters.product === 'workspace') {
    throw new UnsupportedParameterError({
      parameter: 'product',
      supported: ['azure_active_directory'],
      reason: 'this integration is Microsoft Entra ID (azure_active_directory) only',
    });
  }
  if (parameters.remove_from === 'organization') {
    throw new UnsupportedParameterError({
      parameter: 'remove_from',
      supported: ['group'],
      reason: 'an Entra ID user belongs to its tenant; to remove it from the organization, delete the user',
    });
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
  return parameters.permanent ? { kind: 'permanent_delete' } : { kind: 'soft_delete' };
}

async function softDelete(id: string, context: Context, tolerateMissing: boolean): Promise<DeleteAction> {
  try {
    const response = await context.client.http.request(deleteRequest(['users', id], 'delete user'), context);
    return { action: 'soft_delete', target: id, outcome: deleteActionOutcome(response.outcome) };
  } catch (error) {
    // A repeated permanent delete finds the user already in deleted items: the purge step decides.
    if (tolerateMissing && error instanceof NotFoundError)
      return { action: 'soft_delete', target: id, outcome: 'already_done' };
    throw error;
  }
}

async function purge(id: string, context: Context, completed: DeleteAction[]): Promise<DeleteAction> {
  // A purge's first 404 is replication lag as often as an earlier purge, even on a retry after a lost answer:
  // it waits for deleted items below, and only a 404 after its own possibly applied attempt means purged.
  const purgeContext = { ...context, earlierAttemptMayHaveActed: false };
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await context.client.http.request(
        deleteRequest(['directory', 'deletedItems', id], 'permanently delete user'),
        purgeContext,
      );
      return { action: 'permanent_delete', target: id, outcome: deleteActionOutcome(response.outcome) };
    } catch (error) {
      // Entra replicates a soft delete to deleted items eventually: a purge right after it can miss the object.
      const delay = context.client.purgeNotFoundDelaysMs[attempt];
      if (
        !(error instanceof NotFoundError) ||
        delay === undefined ||
        Date.now() + delay >= context.deadline
      ) {
        if (error instanceof NotFoundError && completed.some((action) => action.outcome === 'done')) {
          throw new UnidirError({
            message:
              'The user was soft-deleted but Entra ID has not yet shown it in deleted items, so it could not be purged. Repeat the permanent delete shortly.',
            code: 'permanent_delete_incomplete',
            httpStatus: 502,
            isRetryable: true,
            details: { actions: completed },
            cause: error,
          });
        }
        throw error;
      }
      context.logger.warn(
        { attempt: attempt + 1, waitMs: delay, id },
        'deleted item not found yet; retrying purge',
      );
      await sleep(delay, undefined, { signal: context.signal });
    }
  }
}

/**
 * DELETE /users/{id} soft-deletes (restorable for 30 days); permanent adds DELETE /directory/deletedItems/{id};
 * a group makes it DELETE /groups/{g}/members/{id}/$ref only. `user_type` is a guard: the user is read first
 * and nothing is deleted when its type differs.
 */
export async function deleteUser(
  parameters: DeleteUserParameters,
  context: Context,
): Promise<DeleteUserResult> {
  const plan = planDelete(parameters);
  const result: DeleteUserResult = { id: parameters.id, actions: [] };
  if (parameters.user_type !== undefined) {
    const raw = await fetchUser(parameters.id, context);
    // Without licence names: a delete makes exactly the calls its manifest entry lists, never a SKU read.
    const unified = mapGraphUser(raw, await userTenantContext([], context));
    const isAdmin = unified.user_type === 'admin';
    if (isAdmin !== (parameters.user_type === 'admin')) {
      throw new ValidationError({
        message: `User ${parameters.id} is ${isAdmin ? 'an admin' : 'not an admin'}; user_type=${parameters.user_type} does not match, nothing was deleted.`,
        code: 'user_type_mismatch',
        details: { user_type: unified.user_type },
      });
    }
    result.user = { unified, raw };
  }
  if (plan.kind === 'remove_from_group') {
    result.actions.push({
      action: 'remove_from_group',
      target: plan.groupId,
      outcome: await removeMembership(plan.groupId, parameters.id, context),
    });
    return result;
  }
  result.actions.push(await softDelete(parameters.id, context, plan.kind === 'permanent_delete'));
  if (plan.kind === 'permanent_delete')
    result.actions.push(await purge(parameters.id, context, result.actions));
  return result;
}
