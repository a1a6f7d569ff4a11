import {
  type GetGroupParameters,
  type ListGroupsParameters,
  type ListResult,
  NotFoundError,
  type OperationContext,
  type RecordResult,
  type UnifiedGroup,
} from '@unidir/core';
import type { SlackClient } from './slack-client.js';
import { mapSlackUserGroup } from './slack-mapping.js';
import type { SlackUserGroup } from './slack-types.js';
import { readWebApi, type SlackOkBody } from './slack-web-api.js';

type Context = OperationContext<SlackClient>;

interface UserGroupsBody extends SlackOkBody {
  usergroups: SlackUserGroup[];
}

function toGroupRecord(group: SlackUserGroup): RecordResult<UnifiedGroup> {
  return { unified: mapSlackUserGroup(group), raw: group };
}

/** usergroups.list is not paged: one request returns every user group (with member ids when asked). */
async function fetchUserGroups(context: Context, includeUsers: boolean): Promise<SlackUserGroup[]> {
  const body = await readWebApi<UserGroupsBody>(
    {
      method: 'usergroups.list',
      arguments: { include_count: true, include_disabled: false, include_users: includeUsers || undefined },
      remoteQuery: context.remoteQuery,
      description: 'list user groups',
    },
    context,
  );
  return body.usergroups;
}

/** usergroups.list: 1 request, one page; with user_id only the groups that user is in. */
export async function listGroups(
  parameters: ListGroupsParameters,
  context: Context,
): Promise<ListResult<UnifiedGroup>> {
  const groups = await fetchUserGroups(context, parameters.user_id !== undefined);
  const selected =
    parameters.user_id === undefined
      ? groups
      : groups.filter((group) => group.users?.includes(parameters.user_id as string));
  return { records: selected.map(toGroupRecord), nextCursor: null };
}

/** Slack has no usergroups.info: the group is picked from usergroups.list (1 request). */
export async function getGroup(
  parameters: GetGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup>> {
  const group = (await fetchUserGroups(context, false)).find((candidate) => candidate.id === parameters.id);
  if (group === undefined) {
    throw new NotFoundError({
      message: `Slack has no user group ${parameters.id}.`,
      resource: 'groups',
      id: parameters.id,
    });
  }
  return toGroupRecord(group);
}
