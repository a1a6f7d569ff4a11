import {
  type ExecutableResource,
  membershipBodyParameters,
  type OperationName,
  operationSchemas,
  unifiedRecordSchemas,
  writeSchemas,
} from '@unidir/core';
import type { z } from 'zod';

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

export function writableFieldsOf(resource: ExecutableResource): readonly string[] {
  const schema = writeSchemas[resource];
  return schema ? Object.keys(schema.shape) : [];
}

export function unifiedRecordFieldsOf(resource: ExecutableResource): readonly string[] {
  return Object.keys(unifiedRecordSchemas[resource].shape);
}

/** Create and update take a record body (`body`). */
export function hasBody(operation: string): boolean {
  return operation === 'create' || operation === 'update';
}

/** Operations that change the provider: they take `dry_run` and an Idempotency-Key, and are audited. */
export function isMutation(operation: OperationName): boolean {
  return operation !== 'list' && operation !== 'get';
}
