import { deleteActionOutcome, deleteRequest } from '@unidir/connector-utils';
import type {
  GroupMembershipParameters,
  MembershipResult,
  OperationContext,
  ProviderCallRecord,
} from '@unidir/core';
import { UnidirError } from '@unidir/core';
import type { GoogleWorkspaceClient } from './google-workspace-client.js';

type Context = OperationContext<GoogleWorkspaceClient>;

function isProviderStatus(error: unknown, status: number): boolean {
  return UnidirError.isInstance(error) && error.details?.provider_status === status;
}

/** Google names the key it could not find: `groupKey` for a missing group, `memberKey` for a non-member. */
function isNotAMember(error: unknown): boolean {
  return UnidirError.isInstance(error) && error.code === 'not_found' && /memberKey/.test(error.message);
}

/** The journal entry of the call just made reads `already_done`, as the result does. */
function markLastCallAlreadyDone(providerCalls: ProviderCallRecord[]): void {
  const last = providerCalls.at(-1);
  if (last !== undefined) last.outcome = 'already_done';
}

/**
 * members.insert, exactly once: a POST is never repeated automatically, and Google's 409 "Member already
 * exists" (a caller's retry after a lost answer, or a user who already was a member) is `already_done`.
 */
export async function addUserToGroup(
  parameters: GroupMembershipParameters,
  context: Context,
): Promise<MembershipResult> {
  const result = {
    group_id: parameters.group_id,
    user_id: parameters.user_id,
    action: 'add_to_group',
  } as const;
  const member = parameters.user_id.includes('@')
    ? { email: parameters.user_id }
    : { id: parameters.user_id };
  try {
    const response = await context.client.request(
      {
        method: 'POST',
        path: ['groups', parameters.group_id, 'members'],
        body: { ...member, role: 'MEMBER' },
        description: 'add user to group',
      },
      context,
    );
    return { ...result, outcome: response.outcome === 'planned' ? 'planned' : 'done' };
  } catch (error) {
    if (!isProviderStatus(error, 409)) throw error;
    markLastCallAlreadyDone(context.providerCalls);
    return { ...result, outcome: 'already_done' };
  }
}

/**
 * members.delete: a DELETE retried after a lost answer that finds no membership is `already_done`, and so
 * is a caller's retry whose first answer was lost (Google's 404 names the member, not the group).
 */
export async function removeUserFromGroup(
  parameters: GroupMembershipParameters,
  context: Context,
): Promise<MembershipResult> {
  const result = {
    group_id: parameters.group_id,
    user_id: parameters.user_id,
    action: 'remove_from_group',
  } as const;
  try {
    const response = await context.client.request(
      deleteRequest(['groups', parameters.group_id, 'members', parameters.user_id], 'remove user from group'),
      context,
    );
    return { ...result, outcome: deleteActionOutcome(response.outcome) };
  } catch (error) {
    if (!isNotAMember(error)) throw error;
    markLastCallAlreadyDone(context.providerCalls);
    return { ...result, outcome: 'already_done' };
  }
}
