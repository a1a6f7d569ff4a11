import { deleteActionOutcome, deleteRequest } from '@unidir/connector-utils';
import {
  type GroupMembershipParameters,
  type MembershipResult,
  NotFoundError,
  type OperationContext,
  ProviderApiCallError,
} from '@unidir/core';
import type { AzureAdClient } from './azure-ad-client.js';

type Context = OperationContext<AzureAdClient>;

/** Graph's 400 for a member that is already there: the add has nothing left to do. */
const alreadyMemberMessage = 'One or more added object references already exist';

function isAlreadyMember(error: unknown): boolean {
  if (!(error instanceof ProviderApiCallError) || error.providerStatus !== 400) return false;
  const message = (error.providerPayload as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' && message.includes(alreadyMemberMessage);
}

/**
 * Graph answers a removal of a non-member with 404 naming the member (`Resource '{userId}' does not exist or
 * one of its queried reference-property objects are not present.`); a missing group is named instead.
 */
function isNotMember(error: unknown, userId: string): boolean {
  return error instanceof NotFoundError && error.message.includes(`Resource '${userId}'`);
}

/** The provider call that met "already a member" / "not a member" did what was asked: the journal says so. */
function markAlreadyDone(context: Context): void {
  const call = context.providerCalls.at(-1);
  if (call) call.outcome = 'already_done';
}

/**
 * POST /groups/{id}/members/$ref with the user's directoryObjects URL: exactly 1 request. Graph's 400
 * "already exist" (the user was a member, e.g. a retry after a lost answer) is already_done.
 */
export async function addUserToGroup(
  parameters: GroupMembershipParameters,
  context: Context,
): Promise<MembershipResult> {
  const result = (outcome: MembershipResult['outcome']): MembershipResult => ({
    group_id: parameters.group_id,
    user_id: parameters.user_id,
    action: 'add_to_group',
    outcome,
  });
  const reference = `${context.client.http.baseUrl}/directoryObjects/${encodeURIComponent(parameters.user_id)}`;
  try {
    const response = await context.client.http.request(
      {
        method: 'POST',
        path: ['groups', parameters.group_id, 'members', '$ref'],
        body: { '@odata.id': reference },
        description: 'add user to group',
      },
      context,
    );
    return result(deleteActionOutcome(response.outcome));
  } catch (error) {
    if (!isAlreadyMember(error)) throw error;
    markAlreadyDone(context);
    return result('already_done');
  }
}

/**
 * DELETE /groups/{id}/members/{userId}/$ref: exactly 1 provider call (repeated by the HTTP layer only after
 * no answer, as deletes may be). A 404 naming the user means it is no longer a member: already_done.
 */
export async function removeUserFromGroup(
  parameters: GroupMembershipParameters,
  context: Context,
): Promise<MembershipResult> {
  const result = (outcome: MembershipResult['outcome']): MembershipResult => ({
    group_id: parameters.group_id,
    user_id: parameters.user_id,
    action: 'remove_from_group',
    outcome,
  });
  try {
    const response = await context.client.http.request(
      deleteRequest(
        ['groups', parameters.group_id, 'members', parameters.user_id, '$ref'],
        'remove user from group',
      ),
      context,
    );
    return result(deleteActionOutcome(response.outcome));
  } catch (error) {
    if (!isNotMember(error, parameters.user_id)) throw error;
    markAlreadyDone(context);
    return result('already_done');
  }
}
