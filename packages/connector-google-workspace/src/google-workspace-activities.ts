import type {
  ListActivitiesParameters,
  ListOperationV1,
  TimestampComparison,
  UnifiedActivity,
} from '@unidir/core';
import type { GoogleWorkspaceClient } from './google-workspace-client.js';
import { requestItemsPage } from './google-workspace-page.js';
import type { GoogleActivity } from './google-workspace-types.js';

/** Parameters naming what an admin event was done to, most specific first. */
const entityParameters = [
  { name: 'USER_EMAIL', type: 'user' },
  { name: 'GROUP_EMAIL', type: 'group' },
] as const;

/** startTime and endTime are inclusive: a strict bound moves by one millisecond. */
function timeRange(createdAt: TimestampComparison | undefined): { startTime?: string; endTime?: string } {
  if (createdAt === undefined) return {};
  const shifted = (value: string, milliseconds: number) =>
    new Date(Date.parse(value) + milliseconds).toISOString();
  const range: { startTime?: string; endTime?: string } = {};
  if (createdAt.gte !== undefined) range.startTime = shifted(createdAt.gte, 0);
  if (createdAt.gt !== undefined) range.startTime = shifted(createdAt.gt, 1);
  if (createdAt.lte !== undefined) range.endTime = shifted(createdAt.lte, 0);
  if (createdAt.lt !== undefined) range.endTime = shifted(createdAt.lt, -1);
  return range;
}

export function mapGoogleActivity(activity: GoogleActivity): UnifiedActivity {
  const id = activity.id ?? {};
  const unified: UnifiedActivity = {
    id: `${id.time ?? ''}:${id.uniqueQualifier ?? ''}`,
    remote_data: activity,
  };
  const actor = activity.actor;
  if (actor !== undefined) {
    unified.actor = {
      ...(actor.profileId ? { id: actor.profileId } : {}),
      ...(actor.email ? { email: actor.email } : {}),
      ...(actor.callerType ? { type: actor.callerType.toLowerCase() } : {}),
    };
  }
  const [first] = activity.events ?? [];
  if (first?.name) unified.action = first.name;
  const names = (activity.events ?? []).flatMap((event) => (event.name ? [event.name] : []));
  if (names.length > 0) unified.description = `${first?.type ?? 'event'}: ${names.join(', ')}`;
  const parameters = first?.parameters ?? [];
  for (const candidate of entityParameters) {
    const value = parameters.find((parameter) => parameter.name === candidate.name)?.value;
    if (value) {
      unified.entity = { email: value, type: candidate.type };
      unified.entity_type = candidate.type;
      break;
    }
  }
  if (id.customerId) unified.organization_id = id.customerId;
  if (id.time) unified.created_at = new Date(Date.parse(id.time)).toISOString();
  return unified;
}

/** The Reports API's admin application: every change an administrator (or the API) made, newest first. */
export const googleWorkspaceActivities: ListOperationV1<
  ListActivitiesParameters,
  UnifiedActivity,
  GoogleWorkspaceClient
> = {
  async list(parameters, context) {
    const page = await requestItemsPage<GoogleActivity>(
      {
        api: 'reports',
        path: ['activity', 'users', parameters.user_id ?? 'all', 'applications', 'admin'],
        scopes: 'reports',
        query: timeRange(parameters.created_at),
        pageSizes: { default: 100, maximum: 1000 },
        list: 'admin activities',
      },
      parameters,
      context,
    );
    return {
      records: page.items.map((activity) => ({ unified: mapGoogleActivity(activity), raw: activity })),
      nextCursor: page.nextCursor,
    };
  },
};
