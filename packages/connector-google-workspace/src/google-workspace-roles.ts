import { mergeRemoteQuery } from '@unidir/connector-utils';
import type {
  ListOperationV1,
  ListRoleAssignmentsParameters,
  ListRolesParameters,
  ReadOperationsV1,
  UnifiedRole,
  UnifiedRoleAssignment,
} from '@unidir/core';
import type { GoogleWorkspaceClient } from './google-workspace-client.js';
import { requestItemsPage } from './google-workspace-page.js';
import type { GoogleRole, GoogleRoleAssignment } from './google-workspace-types.js';

export function mapGoogleRole(role: GoogleRole): UnifiedRole {
  const unified: UnifiedRole = { id: role.roleId, remote_data: role };
  if (role.roleName) unified.name = role.roleName;
  if (role.roleDescription) unified.description = role.roleDescription;
  return unified;
}

export function mapGoogleRoleAssignment(assignment: GoogleRoleAssignment): UnifiedRoleAssignment {
  const unified: UnifiedRoleAssignment = {
    id: assignment.roleAssignmentId,
    role_id: assignment.roleId ?? '',
    remote_data: assignment,
  };
  if (assignment.assignedTo !== undefined) {
    if (assignment.assigneeType === 'group') unified.group_id = assignment.assignedTo;
    else unified.user_id = assignment.assignedTo;
  }
  if (assignment.scopeType !== undefined) {
    unified.scope =
      assignment.scopeType === 'ORG_UNIT' && assignment.orgUnitId
        ? `ORG_UNIT:${assignment.orgUnitId}`
        : assignment.scopeType;
  }
  return unified;
}

export const googleWorkspaceRoles: ReadOperationsV1<ListRolesParameters, UnifiedRole, GoogleWorkspaceClient> =
  {
    async list(parameters, context) {
      const page = await requestItemsPage<GoogleRole>(
        {
          path: ['customer', context.client.customerKey, 'roles'],
          scopes: 'roles',
          query: {},
          pageSizes: { default: 100, maximum: 100 },
          list: 'roles',
        },
        parameters,
        context,
      );
      return {
        records: page.items.map((role) => ({ unified: mapGoogleRole(role), raw: role })),
        nextCursor: page.nextCursor,
      };
    },

    async get(parameters, context) {
      const response = await context.client.request<GoogleRole>(
        {
          method: 'GET',
          path: ['customer', context.client.customerKey, 'roles', parameters.id],
          scopes: 'roles',
          query: mergeRemoteQuery({}, context.remoteQuery, ['fields']),
          description: 'get role',
        },
        context,
      );
      return { unified: mapGoogleRole(response.body), raw: response.body };
    },
  };

export const googleWorkspaceRoleAssignments: ListOperationV1<
  ListRoleAssignmentsParameters,
  UnifiedRoleAssignment,
  GoogleWorkspaceClient
> = {
  async list(parameters, context) {
    const page = await requestItemsPage<GoogleRoleAssignment>(
      {
        path: ['customer', context.client.customerKey, 'roleassignments'],
        scopes: 'roles',
        query: { userKey: parameters.user_id, roleId: parameters.role_id },
        pageSizes: { default: 100, maximum: 200 },
        list: 'role assignments',
      },
      parameters,
      context,
    );
    return {
      records: page.items.map((assignment) => ({
        unified: mapGoogleRoleAssignment(assignment),
        raw: assignment,
      })),
      nextCursor: page.nextCursor,
    };
  },
};
