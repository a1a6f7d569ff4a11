import {
  type AnyUserDirectoryConnectorV1,
  type ExecutableResource,
  executableResources,
  membershipBodyParameters,
  NotFoundError,
  type OperationCapability,
  type OperationName,
  operationOfCustomMethod,
  operationSchemas,
  supportedParameterNames,
  UnsupportedOperationError,
  unifiedRecordSchemas,
  wireOperationName,
  writeSchemas,
} from '@unidir/core';
import type { z } from 'zod';
import { type JsonSchema, jsonSchemaOf, unifiedComponentSchemas } from '../openapi/openapi-schemas.js';

let componentSchemas: Record<string, JsonSchema> | undefined;
const components = () => (componentSchemas ??= unifiedComponentSchemas());

const plainOperations: readonly OperationName[] = ['list', 'get', 'create', 'update', 'delete'];

/** The resource and operation a meta URL names (`users` + `list`, `groups` + `add-user`). */
export function resolveMetaTarget(
  resource: string,
  method: string,
): {
  resource: ExecutableResource;
  operation: OperationName;
} {
  if (!(executableResources as readonly string[]).includes(resource)) {
    throw new NotFoundError({
      message: `There is no unified resource "${resource}". Resources: ${executableResources.join(', ')}.`,
      resource,
    });
  }
  const executable = resource as ExecutableResource;
  const operation =
    operationOfCustomMethod(method) ?? plainOperations.find((candidate) => candidate === method);
  const schemas: Partial<Record<OperationName, z.ZodType>> = operationSchemas[executable];
  if (operation === undefined || schemas[operation] === undefined) {
    throw new NotFoundError({
      message: `${resource} has no method "${method}". Methods: ${Object.keys(schemas)
        .map((name) => wireOperationName(name as OperationName))
        .join(', ')}.`,
      resource,
    });
  }
  return { resource: executable, operation };
}

interface ObjectSchema extends JsonSchema {
  properties: Record<string, JsonSchema>;
  required?: string[];
}

function asObjectSchema(schema: JsonSchema): ObjectSchema {
  return { ...schema, properties: { ...((schema.properties as Record<string, JsonSchema>) ?? {}) } };
}

/** The operation's query: its parameters less the path id and the JSON body. */
function querySchemaOf(operation: OperationName, schema: z.ZodType): ObjectSchema {
  const whole = asObjectSchema(jsonSchemaOf(schema));
  const notInQuery = new Set(['id', 'body', ...membershipBodyParameters(operation)]);
  const properties = Object.fromEntries(
    Object.entries(whole.properties)
      .filter(([name]) => !notInQuery.has(name))
      .map(([name, property]) => [name === 'cursor' ? 'next_cursor' : name, property]),
  );
  const required = (whole.required ?? []).filter((name) => !notInQuery.has(name));
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

function requestBodySchemaOf(resource: ExecutableResource, operation: OperationName): JsonSchema | null {
  if (membershipBodyParameters(operation).length > 0) return components().GroupMembership ?? null;
  const write = writeSchemas[resource];
  if (!write || (operation !== 'create' && operation !== 'update')) return null;
  const body = jsonSchemaOf(write);
  return operation === 'update' ? { ...body, required: [] } : body;
}

function responseSchemaOf(
  resource: ExecutableResource,
  operation: OperationName,
  record: JsonSchema,
): JsonSchema {
  switch (operation) {
    case 'list':
      return {
        type: 'object',
        required: ['result', 'next_cursor', 'prev_cursor', 'result_count'],
        properties: {
          result: { type: 'array', items: record },
          next_cursor: { type: ['string', 'null'] },
          prev_cursor: { type: 'null' },
          result_count: { type: 'integer' },
        },
      };
    case 'delete':
      return (resource === 'users' ? components().DeleteUserResult : components().DeleteResult) ?? {};
    case 'addUser':
    case 'removeUser':
      return { type: 'object', required: ['result'], properties: { result: components().MembershipResult } };
    default:
      return record;
  }
}

/** Only what the connector accepts, with its notes, requiredness and narrowed values. */
function narrowQuery(
  query: ObjectSchema,
  operation: OperationName,
  capability: OperationCapability,
): ObjectSchema {
  const accepted = new Set(
    supportedParameterNames(operation, capability).map((name) => (name === 'cursor' ? 'next_cursor' : name)),
  );
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, property] of Object.entries(query.properties)) {
    if (!accepted.has(name)) continue;
    const declared = capability.parameters[name];
    const narrowed: JsonSchema = { ...property };
    if (declared?.values && Array.isArray(property.enum)) narrowed.enum = [...declared.values];
    if (declared?.notes) {
      narrowed.description = [property.description, declared.notes].filter(Boolean).join(' ');
    }
    properties[name] = narrowed;
    if (declared?.required) required.push(name);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/** The record's fields this connector fills (nested declarations name their top-level field). */
function narrowRecord(record: ObjectSchema, capability: OperationCapability): ObjectSchema {
  const returned = new Set([
    'id',
    'remote_data',
    ...Object.keys(capability.fields).map((name) => name.split('.')[0]),
  ]);
  const properties = Object.fromEntries(
    Object.entries(record.properties).filter(([name]) => returned.has(name)),
  );
  return { ...record, properties, required: (record.required ?? []).filter((name) => name in properties) };
}

export interface MethodMeta {
  model: 'user-directory';
  resource: ExecutableResource;
  method: string;
  integration: string | null;
  /** The unified record of the resource. */
  schema: JsonSchema;
  query_schema: JsonSchema;
  request_body_schema: JsonSchema | null;
  response_schema: JsonSchema;
  default_query: Record<string, unknown>;
  /** The connector's notes on the operation and how many provider requests it makes. */
  notes?: string;
  request_count?: string;
}

/**
 * Truto's `GET /unified/{model}/{resource}/meta/{method}`: the method's query, body and response as JSON
 * Schema from core's zod schemas; narrowed to what the integration supports when a connector is given.
 */
export function describeMethod(
  resource: ExecutableResource,
  operation: OperationName,
  connector?: AnyUserDirectoryConnectorV1,
): MethodMeta {
  const schemas: Partial<Record<OperationName, z.ZodType>> = operationSchemas[resource];
  const operationSchema = schemas[operation] as z.ZodType;
  let query = querySchemaOf(operation, operationSchema);
  let record = asObjectSchema(jsonSchemaOf(unifiedRecordSchemas[resource]));
  let capability: OperationCapability | undefined;
  if (connector) {
    capability = connector.manifest[resource]?.[operation];
    if (!capability) {
      throw new UnsupportedOperationError({
        operation: `${resource}.${wireOperationName(operation)}`,
        connectorId: connector.id,
      });
    }
    query = narrowQuery(query, operation, capability);
    record = narrowRecord(record, capability);
  }
  return {
    model: 'user-directory',
    resource,
    method: wireOperationName(operation),
    integration: connector?.id ?? null,
    schema: record,
    query_schema: query,
    request_body_schema: requestBodySchemaOf(resource, operation),
    response_schema: responseSchemaOf(resource, operation, record),
    default_query: {},
    ...(capability?.notes ? { notes: capability.notes } : {}),
    ...(capability?.requestCount ? { request_count: capability.requestCount } : {}),
  };
}
