import { deleteActionOutcome, deleteRequest } from '@unidir/connector-utils';
import {
  type CreateGroupParameters,
  type DeleteGroupParameters,
  type DeleteResult,
  type OperationContext,
  type RecordResult,
  type UnifiedGroup,
  type UpdateGroupParameters,
  wellKnownActions,
} from '@unidir/core';
import type { AzureAdClient } from './azure-ad-client.js';
import { asEntity } from './azure-ad-graph-response.js';
import { toGraphGroupBody } from './azure-ad-group-body.js';
import { getGroup } from './azure-ad-groups.js';
import { type GraphGroup, mapGraphGroup } from './azure-ad-mapping.js';

type Context = OperationContext<AzureAdClient>;

/** POST /groups answers 201 with the new group: 1 request. Not repeated after a lost answer (a POST never is). */
export async function createGroup(
  parameters: CreateGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup> | null> {
  const body = toGraphGroupBody(parameters.body, 'create');
  const response = await context.client.http.request(
    { method: 'POST', path: ['groups'], body, description: 'create group' },
    context,
  );
  if (response.outcome === 'planned') return null;
  const created = asEntity<GraphGroup>(response.body, 'create group');
  return { unified: mapGraphGroup(created), raw: created };
}

/** PATCH /groups/{id} answers 204 without a body: the group is read again (2 requests). */
export async function updateGroup(
  parameters: UpdateGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup> | null> {
  const body = toGraphGroupBody(parameters.body, 'update');
  const response = await context.client.http.request(
    { method: 'PATCH', path: ['groups', parameters.id], body, description: 'update group' },
    context,
  );
  if (response.outcome === 'planned') return null;
  return getGroup({ id: parameters.id }, context);
}

/**
 * DELETE /groups/{id}: a Microsoft 365 group goes to deleted items for 30 days, a security group is gone.
 * A retried DELETE that meets 404 reports already_done.
 */
export async function deleteGroup(
  parameters: DeleteGroupParameters,
  context: Context,
): Promise<DeleteResult> {
  const response = await context.client.http.request(
    deleteRequest(['groups', parameters.id], 'delete group'),
    context,
  );
  return {
    id: parameters.id,
    actions: [
      {
        action: wellKnownActions.deleteGroup,
        target: parameters.id,
        outcome: deleteActionOutcome(response.outcome),
      },
    ],
  };
}
