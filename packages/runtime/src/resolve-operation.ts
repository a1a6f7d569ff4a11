import {
  type AnyUserDirectoryConnectorV1,
  type ExecutableResource,
  type OperationCapability,
  type OperationContext,
  type OperationName,
  UnsupportedOperationError,
} from '@unidir/core';
import type { z } from 'zod';
import { isExecutableResource, operationSchema } from './operation-schemas.js';

export type OperationFunction = (parameters: unknown, context: OperationContext<unknown>) => Promise<unknown>;

export interface ResolvedOperation {
  resource: ExecutableResource;
  operation: OperationName;
  run: OperationFunction;
  capability: OperationCapability;
  schema: z.ZodObject;
}

/** The connector's function, manifest entry and core schema for `resource.operation`, or UnsupportedOperationError. */
export function resolveOperation(
  connector: AnyUserDirectoryConnectorV1,
  resource: string,
  operation: OperationName,
): ResolvedOperation {
  const unsupported = () =>
    new UnsupportedOperationError({ operation: `${resource}.${operation}`, connectorId: connector.id });
  if (!isExecutableResource(resource)) throw unsupported();
  // The schema lookup admits only operation names, so the property reads below cannot reach a prototype.
  const schema = operationSchema(resource, operation);
  if (!schema) throw unsupported();
  const operations = connector[resource] as Partial<Record<string, OperationFunction>> | undefined;
  const run = operations?.[operation];
  const capabilities = connector.manifest[resource] as
    | Partial<Record<string, OperationCapability>>
    | undefined;
  const capability = capabilities?.[operation];
  if (typeof run !== 'function' || !capability) throw unsupported();
  return { resource, operation, run: run.bind(operations), capability, schema };
}
