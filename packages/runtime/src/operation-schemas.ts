import {
  createUserParametersSchema,
  deleteUserParametersSchema,
  getGroupParametersSchema,
  getUserParametersSchema,
  listGroupsParametersSchema,
  listUsersParametersSchema,
  type OperationName,
  unifiedGroupSchema,
  unifiedUserFields,
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
  },
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
export function queryParameterNames(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape).filter((name) => name !== 'id' && name !== 'body');
}

/** The user fields a create or update body may carry. */
export const writableUserFields: readonly string[] = Object.keys(userWriteSchema.shape);

/** Every top-level field of each resource's unified record, in schema order (the `normalized` shape). */
export const unifiedRecordFields: Record<ExecutableResource, readonly string[]> = {
  users: unifiedUserFields,
  groups: Object.keys(unifiedGroupSchema.shape),
};

export function hasBody(operation: string): boolean {
  return operation === 'create' || operation === 'update';
}
