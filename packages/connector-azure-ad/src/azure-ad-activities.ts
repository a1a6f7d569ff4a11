import { mergeRemoteQuery, pageSizeFor } from '@unidir/connector-utils';
import {
  type ListActivitiesParameters,
  type ListResult,
  type OperationContext,
  ProviderApiCallError,
  type UnifiedActivity,
  UnsupportedParameterError,
} from '@unidir/core';
import type { AzureAdClient } from './azure-ad-client.js';
import { listGraphCollection, odataString, reservedCollectionQuery } from './azure-ad-collection.js';

type Context = OperationContext<AzureAdClient>;

interface GraphAuditParty {
  user?: { id?: string | null; displayName?: string | null; userPrincipalName?: string | null } | null;
  app?: { appId?: string | null; displayName?: string | null; servicePrincipalId?: string | null } | null;
}

interface GraphTargetResource {
  id?: string | null;
  displayName?: string | null;
  type?: string | null;
  userPrincipalName?: string | null;
}

/** A `microsoft.graph.directoryAudit`: one event of the Entra audit log. */
export interface GraphDirectoryAudit {
  id: string;
  activityDisplayName?: string | null;
  activityDateTime?: string | null;
  category?: string | null;
  result?: string | null;
  resultReason?: string | null;
  initiatedBy?: GraphAuditParty | null;
  targetResources?: GraphTargetResource[] | null;
  [property: string]: unknown;
}

/** Graph's answer when the tenant has no Entra ID P1/P2 licence, which the audit log requires. */
const premiumLicenceRequiredCode = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';

const auditPageSizes = { default: 100, maximum: 999 };

function actorOf(initiatedBy: GraphAuditParty | null | undefined): UnifiedActivity['actor'] {
  const user = initiatedBy?.user;
  if (user?.id) {
    const actor: NonNullable<UnifiedActivity['actor']> = { id: user.id, type: 'user' };
    if (user.displayName) actor.name = user.displayName;
    if (user.userPrincipalName) actor.email = user.userPrincipalName;
    return actor;
  }
  const app = initiatedBy?.app;
  if (app?.servicePrincipalId || app?.appId) {
    const actor: NonNullable<UnifiedActivity['actor']> = {
      id: (app.servicePrincipalId ?? app.appId)!,
      type: 'application',
    };
    if (app.displayName) actor.name = app.displayName;
    return actor;
  }
  return undefined;
}

/** The event's first target is its entity; a group among the targets is its group. */
export function mapDirectoryAudit(audit: GraphDirectoryAudit): UnifiedActivity {
  const unified: UnifiedActivity = { id: audit.id };
  const actor = actorOf(audit.initiatedBy);
  if (actor) unified.actor = actor;
  if (audit.activityDisplayName) unified.action = audit.activityDisplayName;
  const [target] = audit.targetResources ?? [];
  if (target) {
    const entity: NonNullable<UnifiedActivity['entity']> = {};
    if (target.id) entity.id = target.id;
    if (target.displayName) entity.name = target.displayName;
    if (target.userPrincipalName) entity.email = target.userPrincipalName;
    if (target.type) {
      entity.type = target.type.toLowerCase();
      unified.entity_type = target.type;
    }
    unified.entity = entity;
  }
  const group = audit.targetResources?.find((resource) => resource.type === 'Group' && resource.id);
  if (group?.id) unified.group_id = group.id;
  if (audit.resultReason) unified.description = audit.resultReason;
  if (audit.result) unified.result = audit.result;
  if (audit.activityDateTime) unified.created_at = audit.activityDateTime;
  unified.remote_data = audit;
  return unified;
}

/** created_at -> activityDateTime ge/le (Graph supports eq, ge, le, startswith here); user_id -> the actor. */
function auditFilter(parameters: ListActivitiesParameters): string | undefined {
  const clauses: string[] = [];
  const createdAt = parameters.created_at;
  if (createdAt) {
    if (createdAt.gt !== undefined || createdAt.lt !== undefined) {
      throw new UnsupportedParameterError({
        parameter: 'created_at',
        supported: ['created_at[gte]', 'created_at[lte]'],
        reason: 'Graph filters activityDateTime with ge/le only: use created_at[gte] or created_at[lte]',
      });
    }
    if (createdAt.gte !== undefined) clauses.push(`activityDateTime ge ${createdAt.gte}`);
    if (createdAt.lte !== undefined) clauses.push(`activityDateTime le ${createdAt.lte}`);
  }
  if (parameters.user_id !== undefined)
    clauses.push(`initiatedBy/user/id eq ${odataString(parameters.user_id)}`);
  return clauses.length > 0 ? clauses.join(' and ') : undefined;
}

/** A clear error for a tenant without the licence, instead of Graph's puzzling code. */
function explainMissingLicence(error: unknown): unknown {
  if (!(error instanceof ProviderApiCallError) || error.providerStatus !== 403) return error;
  const code = (error.providerPayload as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (code !== premiumLicenceRequiredCode) return error;
  return new ProviderApiCallError({
    message:
      'Reading the Entra ID audit log needs a Microsoft Entra ID P1 or P2 licence in the tenant (and the AuditLog.Read.All permission); Microsoft Graph refused it for this tenant.',
    code: 'provider_licence_required',
    providerStatus: 403,
    method: error.method,
    url: error.url,
    providerPayload: error.providerPayload,
    responseHeaders: error.responseHeaders,
    providerRequestId: error.providerRequestId,
    cause: error,
  });
}

/** GET /auditLogs/directoryAudits, newest first (Graph's order): 1 request per page of up to 999 events. */
export async function listActivities(
  parameters: ListActivitiesParameters,
  context: Context,
): Promise<ListResult<UnifiedActivity>> {
  const filter = parameters.cursor === undefined ? auditFilter(parameters) : undefined;
  try {
    return await listGraphCollection<GraphDirectoryAudit, UnifiedActivity>(
      {
        collection: 'activities',
        cursor: parameters.cursor,
        first: () => ({
          method: 'GET',
          path: ['auditLogs', 'directoryAudits'],
          query: mergeRemoteQuery(
            { $filter: filter, $top: pageSizeFor(parameters.limit, auditPageSizes) },
            context.remoteQuery,
            reservedCollectionQuery,
          ),
          description: 'list directory audits',
        }),
        toRecords: (audits) => audits.map((audit) => ({ unified: mapDirectoryAudit(audit), raw: audit })),
      },
      context,
    );
  } catch (error) {
    throw explainMissingLicence(error);
  }
}
