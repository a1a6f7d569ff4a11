import {
  createUserParametersSchema,
  deleteUserParametersSchema,
  getGroupParametersSchema,
  getUserParametersSchema,
  listGroupsParametersSchema,
  listUsersParametersSchema,
  unifiedGroupSchema,
  unifiedLicenseSchema,
  unifiedOrganizationSchema,
  unifiedRoleSchema,
  unifiedUserSchema,
  unifiedWorkspaceSchema,
  updateUserParametersSchema,
  userWriteSchema,
} from '@unidir/core';
import { responseFormats } from '@unidir/runtime';
import { z } from 'zod';
import { createAccountInputSchema, updateAccountInputSchema } from '../accounts/account-input.js';
import { apiTokenPaths } from './api-token-paths.js';

type JsonSchema = Record<string, unknown>;

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

const reference = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Query parameters from an operation's zod schema; the path's `id` and the body are not query parameters. */
function queryParametersOf(schema: z.ZodType): JsonSchema[] {
  const { properties = {}, required = [] } = jsonSchemaOf(schema) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties)
    .filter(([name]) => name !== 'id' && name !== 'body')
    .map(([name, property]) => {
      const wireName = name === 'cursor' ? 'next_cursor' : name;
      const complex = property.type === 'object' || property.type === 'array';
      return {
        name: wireName,
        in: 'query',
        required: required.includes(name),
        schema: property,
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
      'unified: mapped records with remote_data; raw: the provider records untouched; normalized: mapped records without remote_data; stream (lists): every page as NDJSON.',
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

const dryRunParameter = {
  name: 'dry_run',
  in: 'query',
  schema: { type: 'boolean' },
  description: 'Answer with the provider calls that would be made, and make none of the mutating ones.',
};
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  schema: { type: 'string', maxLength: 255 },
  description: 'Replays the stored response of the first request with this key (24 h) and repeats nothing.',
};

const errorResponses = {
  '400': {
    description: 'Invalid or unsupported parameter',
    content: { 'application/json': { schema: reference('Error') } },
  },
  '401': {
    description:
      'Missing/invalid API token (unauthorized) or provider rejected the account (provider_auth_failed)',
    content: { 'application/json': { schema: reference('Error') } },
  },
  '404': {
    description: "Not found (also: another tenant's account)",
    content: { 'application/json': { schema: reference('Error') } },
  },
  '429': {
    description: 'Provider rate limit; Retry-After says when to retry',
    content: { 'application/json': { schema: reference('Error') } },
  },
  '502': {
    description: 'Provider unavailable or invalid provider response',
    content: { 'application/json': { schema: reference('Error') } },
  },
};

const json = (schema: JsonSchema, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

function listEnvelope(item: string): JsonSchema {
  return {
    type: 'object',
    required: ['result', 'next_cursor', 'prev_cursor', 'result_count'],
    properties: {
      result: { type: 'array', items: reference(item) },
      next_cursor: { type: ['string', 'null'] },
      prev_cursor: { type: 'null' },
      result_count: { type: 'integer' },
    },
  };
}

function listOperation(summary: string, item: string, parameters: JsonSchema[]) {
  return {
    summary,
    tags: ['Unified user directory'],
    parameters: [...commonQueryParameters, ...parameters],
    responses: {
      '200': {
        description: 'One page; with truto_response_format=stream, every record of every page as NDJSON',
        content: {
          'application/json': { schema: listEnvelope(item) },
          'application/x-ndjson': { schema: reference(item) },
        },
      },
      ...errorResponses,
    },
  };
}

/** The OpenAPI 3.1 document of the whole API, generated from core's zod schemas. */
export function createOpenApiDocument(version: string): JsonSchema {
  const resourceSchemas = {
    UnifiedUser: unifiedUserSchema,
    UnifiedGroup: unifiedGroupSchema,
    UnifiedOrganization: unifiedOrganizationSchema,
    UnifiedWorkspace: unifiedWorkspaceSchema,
    UnifiedRole: unifiedRoleSchema,
    UnifiedLicense: unifiedLicenseSchema,
    UserWrite: userWriteSchema,
    CreateIntegratedAccount: createAccountInputSchema,
    UpdateIntegratedAccount: updateAccountInputSchema,
  };
  const schemas: Record<string, JsonSchema> = Object.fromEntries(
    Object.entries(resourceSchemas).map(([name, schema]) => [name, jsonSchemaOf(schema)]),
  );
  schemas.Error = {
    type: 'object',
    required: ['statusCode', 'error', 'message', 'code'],
    properties: {
      statusCode: { type: 'integer' },
      error: { type: 'string' },
      message: { type: 'string' },
      code: {
        type: 'string',
        description: 'Stable machine-readable code, e.g. unauthorized, not_found, rate_limited.',
      },
      details: { type: 'object' },
    },
  };
  schemas.IntegratedAccount = {
    type: 'object',
    required: ['id', 'integration', 'created_at', 'sandbox', 'status'],
    properties: {
      id: { type: 'string' },
      integration: { type: 'string' },
      label: { type: ['string', 'null'] },
      created_at: { type: 'string', format: 'date-time' },
      updated_at: { type: 'string', format: 'date-time' },
      sandbox: { type: 'boolean' },
      sandbox_users: { type: 'integer' },
      status: { type: 'string', enum: ['active', 'needs_reauth'] },
      status_reason: { type: 'string' },
      settings: { type: 'object' },
    },
  };
  schemas.DeleteUserResult = {
    type: 'object',
    required: ['id', 'actions'],
    properties: {
      id: { type: 'string' },
      actions: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            action: { type: 'string' },
            target: { type: 'string' },
            outcome: { type: 'string', enum: ['done', 'already_done', 'planned'] },
          },
        },
      },
    },
    additionalProperties: true,
    description: 'The user as it was (when the connector read it) plus the actions taken.',
  };
  schemas.AuditLogEntry = {
    type: 'object',
    properties: {
      id: { type: 'string' },
      created_at: { type: 'string' },
      integrated_account_id: { type: ['string', 'null'] },
      operation: { type: 'string' },
      target_id: { type: ['string', 'null'] },
      options: { type: 'object' },
      outcome: { type: 'string', enum: ['succeeded', 'failed', 'unknown', 'dry_run', 'replayed'] },
      status_code: { type: 'integer' },
      error_code: { type: ['string', 'null'] },
      provider_request_ids: { type: 'array', items: { type: 'string' } },
      request_id: { type: 'string' },
    },
  };

  const mutation = (summary: string, parameters: JsonSchema[], response: JsonSchema, body?: string) => ({
    summary,
    tags: ['Unified user directory'],
    parameters: [...commonQueryParameters, ...parameters, dryRunParameter, idempotencyKeyParameter],
    ...(body
      ? { requestBody: { required: true, content: { 'application/json': { schema: reference(body) } } } }
      : {}),
    responses: { '200': json(response), ...errorResponses },
  });
  const accountPath = { tags: ['Integrated accounts'] };

  return {
    openapi: '3.1.0',
    info: {
      title: 'unidir',
      version,
      description:
        'A self-hosted, Truto-compatible unified User Directory API. Authenticate with `Authorization: Bearer <token>`.',
    },
    security: [{ bearerAuth: [] }],
    paths: {
      '/unified/user-directory/users': {
        get: listOperation('List users', 'UnifiedUser', queryParametersOf(listUsersParametersSchema)),
        post: mutation(
          'Create a user',
          queryParametersOf(createUserParametersSchema),
          reference('UnifiedUser'),
          'UserWrite',
        ),
      },
      '/unified/user-directory/users/{id}': {
        parameters: [idParameter],
        get: {
          summary: 'Get a user',
          tags: ['Unified user directory'],
          parameters: [...commonQueryParameters, ...queryParametersOf(getUserParametersSchema)],
          responses: { '200': json(reference('UnifiedUser')), ...errorResponses },
        },
        patch: mutation(
          'Update a user',
          queryParametersOf(updateUserParametersSchema),
          reference('UnifiedUser'),
          'UserWrite',
        ),
        delete: mutation(
          'Delete a user',
          queryParametersOf(deleteUserParametersSchema),
          reference('DeleteUserResult'),
        ),
      },
      '/unified/user-directory/groups': {
        get: listOperation('List groups', 'UnifiedGroup', queryParametersOf(listGroupsParametersSchema)),
      },
      '/unified/user-directory/groups/{id}': {
        parameters: [idParameter],
        get: {
          summary: 'Get a group',
          tags: ['Unified user directory'],
          parameters: [...commonQueryParameters, ...queryParametersOf(getGroupParametersSchema)],
          responses: { '200': json(reference('UnifiedGroup')), ...errorResponses },
        },
      },
      '/integrated-accounts': {
        post: {
          ...accountPath,
          summary: 'Connect an account (or a sandbox account)',
          parameters: [idempotencyKeyParameter],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: reference('CreateIntegratedAccount') } },
          },
          responses: { '201': json(reference('IntegratedAccount'), 'Created'), ...errorResponses },
        },
        get: {
          ...accountPath,
          summary: 'List accounts',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
            { name: 'next_cursor', in: 'query', schema: { type: 'string' } },
          ],
          responses: { '200': json(listEnvelope('IntegratedAccount')) },
        },
      },
      '/integrated-accounts/{id}': {
        parameters: [idParameter],
        get: {
          ...accountPath,
          summary: 'Get an account',
          responses: { '200': json(reference('IntegratedAccount')), ...errorResponses },
        },
        patch: {
          ...accountPath,
          summary: 'Change label, credentials or settings',
          parameters: [idempotencyKeyParameter],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: reference('UpdateIntegratedAccount') } },
          },
          responses: { '200': json(reference('IntegratedAccount')), ...errorResponses },
        },
        delete: {
          ...accountPath,
          summary: 'Delete an account and its stored secrets',
          parameters: [idempotencyKeyParameter],
          responses: {
            '200': json({
              type: 'object',
              properties: { id: { type: 'string' }, deleted: { type: 'boolean' } },
            }),
            ...errorResponses,
          },
        },
      },
      '/integrations': {
        get: {
          tags: ['Integrations'],
          summary: 'Loaded connectors, their capability manifests and the coverage counts',
          responses: {
            '200': json({
              type: 'object',
              properties: { result: { type: 'array' }, coverage: { type: 'object' } },
            }),
          },
        },
      },
      '/audit-log': {
        get: {
          tags: ['Audit log'],
          summary: "The tenant's mutating calls, newest first",
          parameters: [
            { name: 'integrated_account_id', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
            { name: 'next_cursor', in: 'query', schema: { type: 'string' } },
          ],
          responses: { '200': json(listEnvelope('AuditLogEntry')) },
        },
      },
      ...apiTokenPaths,
      '/health': {
        get: {
          tags: ['Operations'],
          summary: 'Liveness and database check',
          security: [],
          responses: { '200': json({ type: 'object' }) },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token (unidir_...).' },
      },
      schemas,
    },
  };
}
