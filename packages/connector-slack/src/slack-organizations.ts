import {
  type GetResourceParameters,
  type ListOrganizationsParameters,
  type ListResult,
  NotFoundError,
  type OperationContext,
  type RecordResult,
  type UnifiedOrganization,
} from '@unidir/core';
import type { SlackClient } from './slack-client.js';
import { fetchTeam } from './slack-workspaces.js';

type Context = OperationContext<SlackClient>;

/** The Grid enterprise the token's workspace belongs to; outside Grid the workspace is the organization. */
async function fetchOrganization(context: Context): Promise<RecordResult<UnifiedOrganization>> {
  const team = await fetchTeam(undefined, context);
  const unified: UnifiedOrganization =
    team.enterprise_id === undefined
      ? { id: team.id, name: team.name }
      : { id: team.enterprise_id, name: team.enterprise_name };
  return { unified: { ...unified, remote_data: team as unknown as Record<string, unknown> }, raw: team };
}

/** team.info: 1 request, one organization. */
export async function listOrganizations(
  _parameters: ListOrganizationsParameters,
  context: Context,
): Promise<ListResult<UnifiedOrganization>> {
  return { records: [await fetchOrganization(context)], nextCursor: null };
}

export async function getOrganization(
  parameters: GetResourceParameters,
  context: Context,
): Promise<RecordResult<UnifiedOrganization>> {
  const organization = await fetchOrganization(context);
  if (organization.unified.id !== parameters.id) {
    throw new NotFoundError({
      message: `This Slack account belongs to organization ${organization.unified.id}, not ${parameters.id}.`,
      resource: 'organizations',
      id: parameters.id,
    });
  }
  return organization;
}
