import {
  type GroupMembershipParameters,
  type MembershipResult,
  NotFoundError,
  type OperationContext,
  ProviderApiCallError,
} from '@unidir/core';
import type { ScimClient } from './scim-client.js';
import { isScimErrorBody } from './scim-error.js';
import { assertPatchSupported, patchMessage } from './scim-patch.js';

type Context = OperationContext<ScimClient>;

function scimTypeOf(error: unknown): string | undefined {
  if (!(error instanceof ProviderApiCallError)) return undefined;
  const payload = error.providerPayload;
  return isScimErrorBody(payload) && typeof payload.scimType === 'string' ? payload.scimType : undefined;
}

function providerStatusOf(error: unknown): number | undefined {
  return error instanceof ProviderApiCallError ? error.providerStatus : undefined;
}

async function groupExists(groupId: string, context: Context): Promise<boolean> {
  try {
    await context.client.http.request(
      { method: 'GET', path: ['Groups', groupId], query: { attributes: 'id' }, description: 'get group' },
      context,
    );
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/**
 * PATCH /Groups/{group} removing exactly `members[value eq "<user>"]`: the filter names one member, so no
 * other member can be dropped (a PUT of the member list could). A provider that finds no such member answers
 * 400 noTarget (RFC 7644 §3.5.2.2) or 404 for the member: either means it is already done.
 */
export async function removeMember(
  groupId: string,
  userId: string,
  context: Context,
): Promise<MembershipResult> {
  const result: MembershipResult = {
    group_id: groupId,
    user_id: userId,
    action: 'remove_from_group',
    outcome: 'done',
  };
  await assertPatchSupported(context.client, context, 'removing a group member');
  try {
    const response = await context.client.http.request(
      {
        method: 'PATCH',
        path: ['Groups', groupId],
        body: patchMessage(
          [{ op: 'remove', path: `members[value eq ${JSON.stringify(userId)}]` }],
          context.client.patchOperationCasing,
        ),
        description: 'remove user from group',
      },
      context,
    );
    if (response.outcome === 'planned') result.outcome = 'planned';
    return result;
  } catch (error) {
    if (scimTypeOf(error) === 'noTarget') return { ...result, outcome: 'already_done' };
    if (error instanceof NotFoundError && (await groupExists(groupId, context))) {
      return { ...result, outcome: 'already_done' };
    }
    throw error;
  }
}

/** PATCH /Groups/{group} adding one member; 409 uniqueness ("already a member", e.g. on a retry) is already_done. */
export async function addMember(
  groupId: string,
  userId: string,
  context: Context,
): Promise<MembershipResult> {
  const result: MembershipResult = {
    group_id: groupId,
    user_id: userId,
    action: 'add_to_group',
    outcome: 'done',
  };
  await assertPatchSupported(context.client, context, 'adding a group member');
  try {
    const response = await context.client.http.request(
      {
        method: 'PATCH',
        path: ['Groups', groupId],
        body: patchMessage(
          [{ op: 'add', path: 'members', value: [{ value: userId }] }],
          context.client.patchOperationCasing,
        ),
        description: 'add user to group',
      },
      context,
    );
    if (response.outcome === 'planned') result.outcome = 'planned';
    return result;
  } catch (error) {
    if (providerStatusOf(error) === 409 || scimTypeOf(error) === 'uniqueness')
      return { ...result, outcome: 'already_done' };
    throw error;
  }
}

export const removeUserFromGroup = (parameters: GroupMembershipParameters, context: Context) =>
  removeMember(parameters.group_id, parameters.user_id, context);

export const addUserToGroup = (parameters: GroupMembershipParameters, context: Context) =>
  addMember(parameters.group_id, parameters.user_id, context);
