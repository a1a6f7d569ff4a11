import {
  type GroupMembershipParameters,
  type MembershipResult,
  type OperationContext,
  ProviderApiCallError,
} from '@unidir/core';
import type { SlackClient } from './slack-client.js';
import { assertSlackId } from './slack-ids.js';
import { refuseRemoteQuery } from './slack-remote-query.js';
import { readWebApi, type SlackOkBody } from './slack-web-api.js';

type Context = OperationContext<SlackClient>;

const scimPatchSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface UserGroupMembersBody extends SlackOkBody {
  users: string[];
}

/** The group's members as Slack holds them now (usergroups.users.list, 1 request). */
async function memberIdsOf(groupId: string, context: Context): Promise<string[]> {
  const body = await readWebApi<UserGroupMembersBody>(
    {
      method: 'usergroups.users.list',
      as: 'admin',
      arguments: { usergroup: groupId, include_disabled: true },
      description: 'list user group members',
    },
    context,
  );
  return body.users;
}

/** SCIM's answer that a remove's filter matched nobody: the member was already gone. */
function isNoTarget(error: unknown): boolean {
  if (!(error instanceof ProviderApiCallError) || error.providerStatus !== 400) return false;
  const payload = error.providerPayload as { scimType?: unknown } | undefined;
  return payload?.scimType === 'noTarget';
}

/**
 * One member in or out, through SCIM `PATCH /Groups/{id}` with a single add or remove operation for that
 * member. Unlike usergroups.users.update, which replaces the whole member list with what we send, the patch
 * names only this user, so a member added by someone else between our read and our write is never dropped.
 * The read first makes a repeat (after a lost answer) `already_done` with no second write.
 */
async function changeMembership(
  parameters: GroupMembershipParameters,
  context: Context,
  action: MembershipResult['action'],
): Promise<MembershipResult> {
  const { group_id: groupId, user_id: userId } = parameters;
  refuseRemoteQuery(parameters.remote_query, 'membership changes');
  assertSlackId('group_id', groupId);
  assertSlackId('user_id', userId);
  const result = (outcome: MembershipResult['outcome']): MembershipResult => ({
    group_id: groupId,
    user_id: userId,
    action,
    outcome,
  });
  const isMember = (await memberIdsOf(groupId, context)).includes(userId);
  const adding = action === 'add_to_group';
  if (isMember === adding) return result('already_done');
  const operation = adding
    ? { op: 'add', path: 'members', value: [{ value: userId }] }
    : { op: 'remove', path: `members[value eq "${userId}"]` };
  try {
    const response = await context.client.scim.request(
      {
        method: 'PATCH',
        path: ['Groups', groupId],
        body: { schemas: [scimPatchSchema], Operations: [operation] },
        description: adding ? 'add user to group' : 'remove user from group',
      },
      context,
    );
    return result(response.outcome === 'planned' ? 'planned' : 'done');
  } catch (error) {
    if (!adding && isNoTarget(error)) return result('already_done');
    throw error;
  }
}

export function addUserToGroup(parameters: GroupMembershipParameters, context: Context) {
  return changeMembership(parameters, context, 'add_to_group');
}

export function removeUserFromGroup(parameters: GroupMembershipParameters, context: Context) {
  return changeMembership(parameters, context, 'remove_from_group');
}
