import {
  decodeCursor,
  deleteActionOutcome,
  deleteRequest,
  encodeCursor,
  mergeRemoteQuery,
  refuseRemoteQuery,
} from '@unidir/connector-utils';
import type { GroupOperationsV1, OperationContext } from '@unidir/core';
import { ValidationError, wellKnownActions } from '@unidir/core';
import { z } from 'zod';
import type { GoogleWorkspaceClient } from './google-workspace-client.js';
import { requireGroupEmail, toGoogleGroupBody } from './google-workspace-group-body.js';
import { googleWorkspaceConnectorId } from './google-workspace-id.js';
import { mapGoogleGroup } from './google-workspace-mapping.js';
import { addUserToGroup, removeUserFromGroup } from './google-workspace-membership.js';
import type { GoogleGroup, GoogleGroupsPage } from './google-workspace-types.js';

type Context = OperationContext<GoogleWorkspaceClient>;

const maximumGroupsPerPage = 200;
const reservedListKeys = ['customer', 'domain', 'userKey', 'pageToken', 'maxResults', 'fields'];
const groupCursorSchema = z.object({ pageToken: z.string() });

function requestGroupsPage(
  scope: { customer: string } | { domain: string } | { userKey: string },
  maxResults: number,
  pageToken: string | undefined,
  context: Context,
) {
  return context.client.request<GoogleGroupsPage>(
    {
      method: 'GET',
      path: ['groups'],
      // userKey cannot be combined with customer: Google answers 400.
      query: mergeRemoteQuery({ ...scope, maxResults, pageToken }, context.remoteQuery, reservedListKeys),
      description: 'list groups',
    },
    context,
  );
}

/** Every group the user is a direct member of: one request per 200 groups. */
export async function fetchGroupsOfUser(userId: string, context: Context): Promise<GoogleGroup[]> {
  const groups: GoogleGroup[] = [];
  let pageToken: string | undefined;
  do {
    const response = await requestGroupsPage({ userKey: userId }, maximumGroupsPerPage, pageToken, {
      ...context,
      remoteQuery: {},
    });
    groups.push(...(response.body?.groups ?? []));
    pageToken = response.body?.nextPageToken;
  } while (pageToken !== undefined);
  return groups;
}

export const googleWorkspaceGroups: GroupOperationsV1<GoogleWorkspaceClient> = {
  async list(parameters, context) {
    const state = parameters.cursor
      ? decodeCursor(googleWorkspaceConnectorId, parameters.cursor, groupCursorSchema)
      : undefined;
    const scope =
      parameters.user_id !== undefined ? { userKey: parameters.user_id } : context.client.listScope;
    const response = await requestGroupsPage(
      scope,
      Math.min(parameters.limit ?? maximumGroupsPerPage, maximumGroupsPerPage),
      state?.pageToken,
      context,
    );
    const nextPageToken = response.body?.nextPageToken;
    return {
      records: (response.body?.groups ?? []).map((group) => ({ unified: mapGoogleGroup(group), raw: group })),
      nextCursor:
        nextPageToken === undefined
          ? null
          : encodeCursor(googleWorkspaceConnectorId, { pageToken: nextPageToken }),
    };
  },

  async get(parameters, context) {
    const response = await context.client.request<GoogleGroup>(
      {
        method: 'GET',
        path: ['groups', parameters.id],
        query: mergeRemoteQuery({}, context.remoteQuery, ['fields']),
        description: 'get group',
      },
      context,
    );
    return { unified: mapGoogleGroup(response.body), raw: response.body };
  },

  async create(parameters, context) {
    const body = toGoogleGroupBody(parameters.body);
    requireGroupEmail(body);
    const response = await context.client.request<GoogleGroup>(
      { method: 'POST', path: ['groups'], body, scopes: 'groupWrites', description: 'create group' },
      context,
    );
    return response.outcome === 'planned'
      ? null
      : { unified: mapGoogleGroup(response.body), raw: response.body };
  },

  async update(parameters, context) {
    const body = toGoogleGroupBody(parameters.body);
    if (Object.keys(body).length === 0) {
      throw new ValidationError({ message: 'The update names no field to change.', code: 'empty_update' });
    }
    const response = await context.client.request<GoogleGroup>(
      {
        method: 'PATCH',
        path: ['groups', parameters.id],
        body,
        scopes: 'groupWrites',
        description: 'update group',
      },
      context,
    );
    return response.outcome === 'planned'
      ? null
      : { unified: mapGoogleGroup(response.body), raw: response.body };
  },

  async delete(parameters, context) {
    const response = await context.client.request(
      { ...deleteRequest(['groups', parameters.id], 'delete group'), scopes: 'groupWrites' },
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
  },

  addUser: async (parameters, context) => {
    refuseRemoteQuery(parameters.remote_query, 'membership changes take no provider query');
    return addUserToGroup(parameters, context);
  },
  removeUser: async (parameters, context) => {
    refuseRemoteQuery(parameters.remote_query, 'membership changes take no provider query');
    return removeUserFromGroup(parameters, context);
  },
};
