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
  type OperationName,
  unifiedActivitySchema,
  unifiedGroupSchema,
  unifiedLicenseSchema,
  unifiedMeSchema,
  unifiedOrganizationSchema,
  unifiedRoleAssignmentSchema,
  unifiedRoleSchema,
  unifiedUserFields,
  unifiedWorkspaceSchema,
  updateGroupParametersSchema,
  updateUserParametersSchema,
  userWriteSchema,
} from '@unidir/core';
import type { z } from 'zod';

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

export type ExecutableResource = keyof typeof operationSchemas;

export const executableResources = Object.keys(operationSchemas) as ExecutableResource[];

export function isExecutableResource(resource: string): resource is ExecutableResource {
  return Object.hasOwn(operationSchemas, resource);
}

export function operationSchema(resource: ExecutableResource, operation: string): z.ZodObject | undefined {
  const schemas: Partial<Record<string, z.ZodObject>> = operationSchemas[resource];
  return Object.hasOwn(schemas, operation) ? schemas[operation] : undefined;
}

/** The parameters of an operation that arrive in the query string: everything but the path id and the body. */
export function queryParameterNames(schema: z.ZodObject, operation?: OperationName): string[] {
  const bodyParameters = operation === undefined ? [] : membershipBodyParameters(operation);
  return Object.keys(schema.shape).filter(
    (name) => name !== 'id' && name !== 'body' && !bodyParameters.includes(name),
  );
}

/** The fields a create or update body may carry, per resource that has writes. */
const writableFieldsByResource: Partial<Record<ExecutableResource, readonly string[]>> = {
  users: Object.keys(userWriteSchema.shape),
  groups: Object.keys(groupWriteSchema.shape),
};

export function writableFieldsOf(resource: ExecutableResource): readonly string[] {
  return writableFieldsByResource[resource] ?? [];
}

/** Every top-level field of each resource's unified record, in schema order (the `normalized` shape). */
export const unifiedRecordFields: Record<ExecutableResource, readonly string[]> = {
  users: unifiedUserFields,
  groups: Object.keys(unifiedGroupSchema.shape),
  roles: Object.keys(unifiedRoleSchema.shape),
  role_assignments: Object.keys(unifiedRoleAssignmentSchema.shape),
  licenses: Object.keys(unifiedLicenseSchema.shape),
  organizations: Object.keys(unifiedOrganizationSchema.shape),
  workspaces: Object.keys(unifiedWorkspaceSchema.shape),
  me: Object.keys(unifiedMeSchema.shape),
  activities: Object.keys(unifiedActivitySchema.shape),
};

/** Create and update take a record body (`body`). */
export function hasBody(operation: string): boolean {
  return operation === 'create' || operation === 'update';
}

/** Custom methods whose JSON body holds parameters (`{group_id, user_id}`) rather than a record. */
export function membershipBodyParameters(operation: string): readonly string[] {
  return operation === 'addUser' || operation === 'removeUser' ? ['group_id', 'user_id'] : [];
}

/** Operations that change the provider: they take `dry_run` and an Idempotency-Key, and are audited. */
export function isMutation(operation: OperationName): boolean {
  return operation !== 'list' && operation !== 'get';
}
