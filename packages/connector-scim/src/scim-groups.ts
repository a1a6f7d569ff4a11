import { deleteActionOutcome, deleteRequest, mergeRemoteQuery } from '@unidir/connector-utils';
import {
  type CreateGroupParameters,
  type DeleteGroupParameters,
  type DeleteResult,
  type GetGroupParameters,
  type GroupWrite,
  type ListGroupsParameters,
  type ListResult,
  type OperationContext,
  type RecordResult,
  type UnifiedGroup,
  UnsupportedParameterError,
  type UpdateGroupParameters,
  wellKnownActions,
} from '@unidir/core';
import type { ScimClient } from './scim-client.js';
import { scimEquals } from './scim-filter.js';
import { encodeListCursor, firstOrNextCursor, listPage } from './scim-list.js';
import { mapScimGroup } from './scim-mapping.js';
import { assertPatchSupported, patchMessage } from './scim-patch.js';
import { type ScimGroup, scimSchemas } from './scim-resources.js';
import { asResource } from './scim-response.js';

type Context = OperationContext<ScimClient>;

const writableGroupFields = ['name', 'remote_data'];

function toRecord(group: ScimGroup): RecordResult<UnifiedGroup> {
  return { unified: mapScimGroup(group), raw: group };
}

function groupAttributes(body: Partial<GroupWrite>): Record<string, unknown> {
  for (const [field, value] of Object.entries(body)) {
    if (value !== undefined && !writableGroupFields.includes(field)) {
      throw new UnsupportedParameterError({
        parameter: `body.${field}`,
        supported: writableGroupFields,
        reason: 'a SCIM Group has a displayName and members only',
      });
    }
  }
  return {
    ...(body.name === undefined ? {} : { displayName: body.name }),
    ...(body.remote_data as Record<string, unknown> | undefined),
  };
}

/** Groups are listed without their members (a group of thousands would make each page huge); get has them. */
export async function listGroups(
  parameters: ListGroupsParameters,
  context: Context,
): Promise<ListResult<UnifiedGroup>> {
  const filter = async () => {
    if (parameters.user_id === undefined) return undefined;
    const capabilities = await context.client.capabilities(context);
    if (!capabilities.filter) {
      throw new UnsupportedParameterError({
        parameter: 'user_id',
        supported: [],
        reason: 'this provider does not advertise filtering in /ServiceProviderConfig',
      });
    }
    return scimEquals('members.value', parameters.user_id);
  };
  const cursor = await firstOrNextCursor(parameters, context.remoteQuery, filter, context);
  if (
    !parameters.cursor &&
    cursor.query.excludedAttributes === undefined &&
    cursor.query.attributes === undefined
  ) {
    cursor.query.excludedAttributes = 'members';
  }
  const page = await listPage<ScimGroup>('Groups', cursor, context);
  return { records: page.resources.map(toRecord), nextCursor: encodeListCursor(context.client, page.next) };
}

export async function getGroup(
  parameters: GetGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup>> {
  const response = await context.client.http.request(
    {
      method: 'GET',
      path: ['Groups', parameters.id],
      query: mergeRemoteQuery({}, parameters.remote_query),
      description: 'get group',
    },
    context,
  );
  return toRecord(asResource<ScimGroup>(response.body, 'get group'));
}

export async function createGroup(
  parameters: CreateGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup> | null> {
  const response = await context.client.http.request(
    {
      method: 'POST',
      path: ['Groups'],
      body: { schemas: [scimSchemas.group], ...groupAttributes(parameters.body) },
      description: 'create group',
    },
    context,
  );
  if (response.outcome === 'planned') return null;
  return toRecord(asResource<ScimGroup>(response.body, 'create group'));
}

/** A rename is a PATCH replace of displayName: never a PUT, which would send (and could drop) the member list. */
export async function updateGroup(
  parameters: UpdateGroupParameters,
  context: Context,
): Promise<RecordResult<UnifiedGroup> | null> {
  const attributes = groupAttributes(parameters.body);
  await assertPatchSupported(context.client, context, 'updating a group');
  const response = await context.client.http.request(
    {
      method: 'PATCH',
      path: ['Groups', parameters.id],
      body: patchMessage(
        Object.entries(attributes).map(([path, value]) => ({ op: 'replace', path, value })),
        context.client.patchOperationCasing,
      ),
      description: 'update group',
    },
    context,
  );
  if (response.outcome === 'planned') return null;
  if (response.body !== undefined) return toRecord(asResource<ScimGroup>(response.body, 'update group'));
  return getGroup({ id: parameters.id }, context);
}

export async function deleteGroup(
  parameters: DeleteGroupParameters,
  context: Context,
): Promise<DeleteResult> {
  const response = await context.client.http.request(
    deleteRequest(['Groups', parameters.id], 'delete group'),
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
