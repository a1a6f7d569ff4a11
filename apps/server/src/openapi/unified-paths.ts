import {
  type ExecutableResource,
  executableResources,
  membershipBodyParameters,
  type OperationName,
  operationSchemas,
  wireOperationName,
} from '@unidir/core';
import { responseFormats } from '@unidir/runtime';
import type { z } from 'zod';
import {
  errorResponses,
  type JsonSchema,
  json,
  jsonSchemaOf,
  listEnvelope,
  mutationErrorResponses,
  reference,
  resourceSchemaNames,
} from './openapi-schemas.js';

const tags = ['Unified user directory'];

/** Query parameters from an operation's zod schema; the path's `id` and the body are not query parameters. */
function queryParametersOf(schema: z.ZodType, operation: OperationName): JsonSchema[] {
  const { properties = {}, required = [] } = jsonSchemaOf(schema) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  const bodyParameters = membershipBodyParameters(operation);
  return Object.entries(properties)
    .filter(([name]) => name !== 'id' && name !== 'body' && !bodyParameters.includes(name))
    .map(([name, property]) => {
      const wireName = name === 'cursor' ? 'next_cursor' : name;
      const complex = property.type === 'object' || property.type === 'array';
      const { description, ...schemaWithoutDescription } = property;
      return {
        name: wireName,
        in: 'query',
        required: required.includes(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: schemaWithoutDescription,
        ...(complex ? { style: 'deepObject', explode: true } : {}),
      };
    });
}

const commonQueryParameters: JsonSchema[] = [
  {
    name: 'integrated_account_id',
    in: 'query',
    required: true,
    schema: { type: 'string' },
    description: 'The integrated account to act on.',
  },
  {
    name: 'truto_response_format',
    in: 'query',
    schema: { type: 'string', enum: [...responseFormats], default: 'unified' },
    description:
      "unified: mapped records with remote_data; raw: the provider records untouched; normalized: every unified field, absent ones null, without remote_data; debug: {result, debug} with the provider calls made and the headers of the provider's answers (without secret-bearing ones); stream (lists): every record of every page, as NDJSON, or as one JSON list document when the request accepts application/json but not application/x-ndjson (Truto's SDK).",
  },
  {
    name: 'truto_ignore_remote_data',
    in: 'query',
    schema: { type: 'boolean' },
    description: 'Drop remote_data from records.',
  },
  {
    name: 'truto_exclude_fields',
    in: 'query',
    schema: { type: 'array', items: { type: 'string' } },
    style: 'form',
    explode: true,
    description: 'Fields to drop from each record (truto_exclude_fields[]=id).',
  },
];

const keyByParameter = {
  name: 'truto_key_by',
  in: 'query',
  schema: { type: 'string' },
  description:
    "Answer the page's result as an object keyed by this field (dotted paths allowed, e.g. emails.0.email). Refused (400 truto_key_by_not_unique) when a record lacks it or two records share a value.",
};

const dryRunParameter = {
  name: 'dry_run',
  in: 'query',
  schema: { type: 'boolean' },
  description: 'Answer with the provider calls that would be made, and make none of the mutating ones.',
};
export const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
export const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  schema: { type: 'string', maxLength: 255 },
  description: 'Replays the stored response of the first request with this key (24 h) and repeats nothing.',
};

/** How each resource is named in summaries: plural for lists, singular for the rest. */
const resourceNouns: Record<ExecutableResource, [singular: string, plural: string]> = {
  users: ['a user', 'users'],
  groups: ['a group', 'groups'],
  roles: ['a role', 'roles'],
  role_assignments: ['a role assignment', 'role assignments'],
  licenses: ['a license', 'licenses'],
  organizations: ['an organization', 'organizations'],
  workspaces: ['a workspace', 'workspaces'],
  me: ['the identity the account acts as', 'the identity the account acts as'],
  activities: ['an activity', 'activities (audit events)'],
};

function summaryOf(resource: ExecutableResource, operation: OperationName): string {
  const [singular, plural] = resourceNouns[resource];
  switch (operation) {
    case 'list':
      return `List ${plural}`;
    case 'addUser':
      return 'Add a user to a group';
    case 'removeUser':
      return 'Remove a user from a group (the membership only)';
    default:
      return `${operation[0]?.toUpperCase()}${operation.slice(1)} ${singular}`;
  }
}

function listOperation(resource: ExecutableResource, schema: z.ZodType) {
  const item = resourceSchemaNames[resource];
  return {
    summary: summaryOf(resource, 'list'),
    tags,
    parameters: [...commonQueryParameters, keyByParameter, ...queryParametersOf(schema, 'list')],
    responses: {
      '200': {
        // One media type only: a second one would make generated clients type `data` as a union.
        description:
          'One page. With truto_response_format=stream: every record of every page, as this document (next_cursor null) when the request accepts application/json only, otherwise as application/x-ndjson, one record per line (see x-unidir-stream).',
        content: { 'application/json': { schema: listEnvelope(item) } },
        'x-unidir-stream': { 'application/x-ndjson': { schema: reference(item) } },
      },
      ...errorResponses,
    },
  };
}

function readOperation(resource: ExecutableResource, schema: z.ZodType) {
  return {
    summary: summaryOf(resource, 'get'),
    tags,
    parameters: [...commonQueryParameters, ...queryParametersOf(schema, 'get')],
    responses: { '200': json(reference(resourceSchemaNames[resource])), ...errorResponses },
  };
}

function mutationResponse(resource: ExecutableResource, operation: OperationName): JsonSchema {
  switch (operation) {
    case 'delete':
      return resource === 'users' ? reference('DeleteUserResult') : reference('DeleteResult');
    case 'addUser':
    case 'removeUser':
      return {
        type: 'object',
        required: ['result'],
        properties: { result: reference('MembershipResult') },
      };
    default:
      return reference(resourceSchemaNames[resource]);
  }
}

function requestBodyOf(resource: ExecutableResource, operation: OperationName): JsonSchema | undefined {
  if (membershipBodyParameters(operation).length > 0) return reference('GroupMembership');
  if (operation === 'create' || operation === 'update')
    return reference(`${resourceSchemaNames[resource]}Write`);
  return undefined;
}

function mutationOperation(resource: ExecutableResource, operation: OperationName, schema: z.ZodType) {
  const body = requestBodyOf(resource, operation);
  const status = operation === 'create' ? '201' : '200';
  return {
    summary: summaryOf(resource, operation),
    tags,
    parameters: [
      ...commonQueryParameters,
      ...queryParametersOf(schema, operation),
      dryRunParameter,
      idempotencyKeyParameter,
    ],
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    responses:
      status === '201'
        ? {
            '200': json(reference('DryRunResult'), 'A dry run: the calls it would make'),
            '201': json(mutationResponse(resource, operation), 'Created'),
            ...errorResponses,
            ...mutationErrorResponses,
          }
        : {
            '200': json(
              { oneOf: [mutationResponse(resource, operation), reference('DryRunResult')] },
              'OK, or with dry_run=true the calls it would make',
            ),
            ...errorResponses,
            ...mutationErrorResponses,
          },
  };
}

export const httpMethodOf: Record<OperationName, string> = {
  list: 'get',
  get: 'get',
  create: 'post',
  update: 'patch',
  delete: 'delete',
  addUser: 'post',
  removeUser: 'post',
};

export function pathOf(resource: ExecutableResource, operation: OperationName): string {
  const base = `/unified/user-directory/${resource}`;
  if (operation === 'list' || operation === 'create') return base;
  if (operation === 'addUser' || operation === 'removeUser') return `${base}/${wireOperationName(operation)}`;
  return `${base}/{id}`;
}

/** Every unified route, from the runtime's table of operations and core's schemas. */
export function unifiedPaths(): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const resource of executableResources) {
    const schemas: Partial<Record<OperationName, z.ZodType>> = operationSchemas[resource];
    for (const [operation, schema] of Object.entries(schemas) as Array<[OperationName, z.ZodType]>) {
      const path = pathOf(resource, operation);
      const item = (paths[path] ??= path.endsWith('{id}') ? { parameters: [idParameter] } : {});
      item[httpMethodOf[operation]] =
        operation === 'list'
          ? listOperation(resource, schema)
          : operation === 'get'
            ? readOperation(resource, schema)
            : mutationOperation(resource, operation, schema);
    }
  }
  return paths;
}
