import type { z } from 'zod';
import type { OperationName } from './capability-manifest.js';
import {
  createGroupParametersSchema,
  createUserParametersSchema,
  deleteGroupParametersSchema,
  deleteUserParametersSchema,
  getGroupParametersSchema,
  getResourceParametersSchema,
  getUserParametersSchema,
  groupMembershipParametersSchema,
  groupWriteSchema,
  listActivitiesParametersSchema,
  listGroupsParametersSchema,
  listLicensesParametersSchema,
  listMeParametersSchema,
  listOrganizationsParametersSchema,
  listRoleAssignmentsParametersSchema,
  listRolesParametersSchema,
  listUsersParametersSchema,
  listWorkspacesParametersSchema,
  updateGroupParametersSchema,
  updateUserParametersSchema,
  userWriteSchema,
} from './operation-parameters.js';
import {
  unifiedActivitySchema,
  unifiedGroupSchema,
  unifiedLicenseSchema,
  unifiedMeSchema,
  unifiedOrganizationSchema,
  unifiedRoleAssignmentSchema,
  unifiedRoleSchema,
  unifiedWorkspaceSchema,
} from './unified-resources.js';
import { unifiedUserSchema } from './unified-user.js';

/** The operations a v1 connector can implement, with the core schema of each one's parameters. */
export const operationSchemas = {
  users: {
    list: listUsersParametersSchema,
    get: getUserParametersSchema,
    create: createUserParametersSchema,
    update: updateUserParametersSchema,
    delete: deleteUserParametersSchema,
  },
  groups: {
    list: listGroupsParametersSchema,
    get: getGroupParametersSchema,
    create: createGroupParametersSchema,
    update: updateGroupParametersSchema,
    delete: deleteGroupParametersSchema,
    addUser: groupMembershipParametersSchema,
    removeUser: groupMembershipParametersSchema,
  },
  roles: { list: listRolesParametersSchema, get: getResourceParametersSchema },
  role_assignments: { list: listRoleAssignmentsParametersSchema },
  licenses: { list: listLicensesParametersSchema, get: getResourceParametersSchema },
  organizations: { list: listOrganizationsParametersSchema, get: getResourceParametersSchema },
  workspaces: { list: listWorkspacesParametersSchema, get: getResourceParametersSchema },
  me: { list: listMeParametersSchema },
  activities: { list: listActivitiesParametersSchema },
} as const satisfies Record<string, Partial<Record<OperationName, z.ZodObject>>>;

/** A resource with at least one operation in contract v1. */
export type ExecutableResource = keyof typeof operationSchemas;

export const executableResources = Object.keys(operationSchemas) as ExecutableResource[];

/** Each resource's unified record schema. */
export const unifiedRecordSchemas = {
  users: unifiedUserSchema,
  groups: unifiedGroupSchema,
  roles: unifiedRoleSchema,
  role_assignments: unifiedRoleAssignmentSchema,
  licenses: unifiedLicenseSchema,
  organizations: unifiedOrganizationSchema,
  workspaces: unifiedWorkspaceSchema,
  me: unifiedMeSchema,
  activities: unifiedActivitySchema,
} as const satisfies Record<ExecutableResource, z.ZodObject>;

/** Every top-level field of each resource's unified record, in schema order (the `normalized` shape). */
/** The body schema of create (and, made partial, of update), per resource that has writes. */
export const writeSchemas: Partial<Record<ExecutableResource, z.ZodObject>> = {
  users: userWriteSchema,
  groups: groupWriteSchema,
};

/** Custom methods whose JSON body holds parameters (`{group_id, user_id}`) rather than a record. */
export function membershipBodyParameters(operation: string): readonly string[] {
  return operation === 'addUser' || operation === 'removeUser' ? ['group_id', 'user_id'] : [];
}
