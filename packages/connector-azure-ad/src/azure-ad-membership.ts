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

/** Whether Graph refused the call with a 400 whose message says `text`. */
function isBadRequestSaying(error: unknown, text: string): boolean {
  if (!(error instanceof ProviderApiCallError) || error.providerStatus !== 400) return false;
  const message = (error.providerPayload as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === 'string' && message.includes(text);
}

/** Graph's 400 for removing a membership that was just removed (a retry after a lost answer, observed). */
const alreadyRemovedMessage = 'One or more removed object references do not exist';

/**
 * Graph answers a removal of a non-member with 404 naming the member (`Resource '{userId}' does not exist or
 * one of its queried reference-property objects are not present.`; a missing group is named instead), or,
 * right after the membership was removed, with 400 "One or more removed object references do not exist".
 */
function isNotMember(error: unknown, userId: string): boolean {
  if (error instanceof NotFoundError) return error.message.includes(`Resource '${userId}'`);
  return isBadRequestSaying(error, alreadyRemovedMessage);
}

/**
 * DELETE /groups/{groupId}/members/{userId}/$ref: exactly 1 provider call (repeated by the HTTP layer only
 * after no answer, as deletes may be). An answer saying the user is not a member is already_done.
 */
export async function removeMembership(
  groupId: string,
  userId: string,
  context: Context,
): Promise<MembershipResult['outcome']> {
  try {
    const response = await context.client.http.request(
      deleteRequest(['groups', groupId, 'members', userId, '$ref'], 'remove user from group'),
      context,
    );
    return deleteActionOutcome(response.outcome);
  } catch (error) {
    if (!isNotMember(error, userId)) throw error;
    markAlreadyDone(context);
    return 'already_done';
  }
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
    if (!isBadRequestSaying(error, alreadyMemberMessage)) throw error;
    markAlreadyDone(context);
    return result('already_done');
  }
}

/** `POST /groups/remove-user`: the one DELETE of `removeMembership`. */
export async function removeUserFromGroup(
  parameters: GroupMembershipParameters,
  context: Context,
): Promise<MembershipResult> {
  return {
    group_id: parameters.group_id,
    user_id: parameters.user_id,
    action: 'remove_from_group',
    outcome: await removeMembership(parameters.group_id, parameters.user_id, context),
  };
}
