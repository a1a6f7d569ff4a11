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
  wellKnownActions,
} from '@unidir/core';
import type { ScimClient } from './scim-client.js';
import { mapScimUser } from './scim-mapping.js';
import { removeMember } from './scim-membership.js';
import type { ScimQuirks } from './scim-presets.js';
import type { ScimUser } from './scim-resources.js';
import { fetchUser, findUsersByEmail, writeUserAttributes } from './scim-users.js';

type Context = OperationContext<ScimClient>;

/**
 * A delete may name the user by `emails[]` instead of `id` (`DELETE /users?emails[0][email]=...`), so `id`
 * may be absent or empty here even though core's schema types it as a string.
 */
export type ScimDeleteUserParameters = Omit<DeleteUserParameters, 'id'> & { id?: string };

type DeletePlan =
  | { kind: 'deactivate' }
  | { kind: 'permanent_delete' }
  | { kind: 'remove_from_group'; groupId: string };

const deleteParameterNames = ['remove_from', 'remove_from_id', 'group_id', 'emails', 'permanent'];

function refuse(parameter: string, reason: string): UnsupportedParameterError {
  return new UnsupportedParameterError({ parameter, supported: deleteParameterNames, reason });
}

/** What the parameters ask for, refusing what SCIM cannot honour, before any provider call. */
export function planDelete(parameters: ScimDeleteUserParameters, quirks: ScimQuirks): DeletePlan {
  for (const parameter of ['organization_id', 'workspace_id', 'product', 'user_type'] as const) {
    if (parameters[parameter] !== undefined) {
      throw refuse(
        parameter,
        'SCIM has users and groups only: no organizations, workspaces, products or admin types',
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
    throw refuse(
      'remove_from',
      'a SCIM user belongs to the app itself; deactivate or delete the user instead',
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
    throw refuse('group_id', 'group_id and remove_from_id name different groups; give one');
  }
  const hasId = parameters.id !== undefined && parameters.id !== '';
  if (!hasId && (parameters.emails === undefined || parameters.emails.length === 0)) {
    throw new ValidationError({
      message: 'Name the user to delete by id or by emails[].',
      code: 'missing_parameter',
    });
  }
  const groupId = groupIds[0];
  if (groupId !== undefined) {
    if (parameters.permanent)
      throw refuse('permanent', 'it deletes the user, so it cannot be combined with leaving a group');
    return { kind: 'remove_from_group', groupId };
  }
  if (parameters.permanent && quirks.userDeleteMeaning === 'unsupported') {
    throw refuse(
      'permanent',
      'this app offers no DELETE of users over SCIM: the default deactivation is all it allows',
    );
  }
  return parameters.permanent ? { kind: 'permanent_delete' } : { kind: 'deactivate' };
}

function sameEmail(left: string, right: string): boolean {
  return left.trim().toLowerCase() === right.trim().toLowerCase();
}

/** The user a delete acts on, read (so the result can include it) and checked against `emails[]`. */
async function resolveTarget(parameters: ScimDeleteUserParameters, context: Context): Promise<ScimUser> {
  const emails = (parameters.emails ?? []).map((email) => email.email);
  if (parameters.id !== undefined && parameters.id !== '') {
    const user = await fetchUser(parameters.id, context);
    const userEmails = (user.emails ?? []).map((email) => email.value ?? '');
    const foreign = emails.filter((email) => !userEmails.some((own) => sameEmail(own, email)));
    if (foreign.length > 0) {
      throw new UnidirError({
        message: `User ${parameters.id} does not have the email ${foreign.join(', ')}; nothing was changed.`,
        code: 'email_mismatch',
        httpStatus: 409,
        details: { id: parameters.id, emails: foreign },
      });
    }
    return user;
  }
  // Every email given must name the user: an email nobody has is as wrong as one that is someone else's.
  const found = new Map<string, ScimUser>();
  const unmatched: string[] = [];
  for (const email of emails) {
    const users = await findUsersByEmail(email, context);
    if (users.length === 0) unmatched.push(email);
    for (const user of users) found.set(user.id, user);
  }
  if (unmatched.length > 0) {
    throw new NotFoundError({
      message: `No user has the email ${unmatched.join(', ')}; nothing was changed.`,
      resource: 'users',
    });
  }
  const candidates = [...found.values()];
  if (candidates.length > 1) {
    throw new UnidirError({
      message: `${candidates.length} users have the email ${emails.join(', ')}; name one by id. Nothing was changed.`,
      code: 'ambiguous_email',
      httpStatus: 409,
      details: { candidate_ids: candidates.map((user) => user.id) },
    });
  }
  return candidates[0] as ScimUser;
}

function outcomeOf(outcome: 'sent' | 'planned' | 'already_done'): DeleteAction['outcome'] {
  return deleteActionOutcome(outcome);
}

/**
 * Default: deactivate (active=false, by PATCH or by a PUT of the user as read). permanent: DELETE /Users/{id}
 * (reported as a deactivation where the app's DELETE only deactivates). A group: PATCH the group removing only
 * this member. When `emails[]` names the user (with or without an id), the user is read first and nothing is
 * changed unless exactly that one user matches.
 */
export async function deleteUser(
  parameters: ScimDeleteUserParameters,
  context: Context,
): Promise<DeleteUserResult> {
  const plan = planDelete(parameters, context.client.quirks);
  const namedByEmail = (parameters.emails?.length ?? 0) > 0;
  let target: ScimUser | undefined;
  if (namedByEmail) target = await resolveTarget(parameters, context);
  const id = target?.id ?? (parameters.id as string);
  const result: DeleteUserResult = { id, actions: [] };
  if (target) result.user = { unified: mapScimUser(target), raw: target };

  if (plan.kind === 'remove_from_group') {
    const membership = await removeMember(plan.groupId, id, context);
    result.actions.push({
      action: wellKnownActions.removeFromGroup,
      target: plan.groupId,
      outcome: membership.outcome,
    });
    return result;
  }
  if (plan.kind === 'permanent_delete') {
    const response = await context.client.http.request(deleteRequest(['Users', id], 'delete user'), context);
    const action =
      context.client.quirks.userDeleteMeaning === 'deactivates'
        ? wellKnownActions.deactivate
        : wellKnownActions.permanentDelete;
    result.actions.push({ action, target: id, outcome: outcomeOf(response.outcome) });
    return result;
  }
  if (target?.active === false) {
    // Read just now and already inactive (a retry after a lost answer): nothing is sent again.
    result.actions.push({ action: wellKnownActions.deactivate, target: id, outcome: 'already_done' });
    return result;
  }
  const { outcome } = await writeUserAttributes(id, { active: false }, 'deactivate user', context, target);
  result.actions.push({ action: wellKnownActions.deactivate, target: id, outcome: outcomeOf(outcome) });
  return result;
}
