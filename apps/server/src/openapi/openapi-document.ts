import type { AnyUserDirectoryConnectorV1 } from '@unidir/core';
import { createAccountInputSchema, updateAccountInputSchema } from '../accounts/account-input.js';
import { apiTokenPaths } from './api-token-paths.js';
import { addManifestNotes } from './manifest-notes.js';
import { offboardingPaths } from './offboarding-paths.js';
import {
  errorResponses,
  type JsonSchema,
  json,
  jsonSchemaOf,
  listEnvelope,
  mutationErrorResponses,
  reference,
  unifiedComponentSchemas,
} from './openapi-schemas.js';
import { addOperationIds, addUnauthorizedResponses } from './operation-ids.js';
import { trutoComponentSchemas, trutoPaths } from './truto-paths.js';
import { idempotencyKeyParameter, idParameter, unifiedPaths } from './unified-paths.js';

/** The OpenAPI 3.1 document of the whole API, generated from core's zod schemas. */
export function createOpenApiDocument(
  version: string,
  connectors: readonly AnyUserDirectoryConnectorV1[] = [],
): JsonSchema {
  const schemas: Record<string, JsonSchema> = {
    ...unifiedComponentSchemas(),
    ...trutoComponentSchemas(),
    CreateIntegratedAccount: jsonSchemaOf(createAccountInputSchema),
    UpdateIntegratedAccount: jsonSchemaOf(updateAccountInputSchema),
  };
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
  schemas.AuditLogEntry = {
    type: 'object',
    required: [
      'id',
      'created_at',
      'integrated_account_id',
      'operation',
      'target_id',
      'options',
      'outcome',
      'status_code',
      'error_code',
      'provider_request_ids',
      'request_id',
    ],
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

  const accountPath = { tags: ['Integrated accounts'] };

  const document = {
    openapi: '3.1.0',
    info: {
      title: 'unidir',
      version,
      description:
        'A self-hosted, Truto-compatible unified User Directory API. Authenticate with `Authorization: Bearer <token>`.',
    },
    servers: [{ url: '/', description: 'The server that serves this document' }],
    security: [{ bearerAuth: [] }],
    paths: {
      ...unifiedPaths(),
      ...offboardingPaths(),
      ...trutoPaths(),
      '/integrated-accounts': {
        post: {
          ...accountPath,
          summary: 'Connect an account (or a sandbox account)',
          parameters: [idempotencyKeyParameter],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: reference('CreateIntegratedAccount') } },
          },
          responses: {
            '201': json(reference('IntegratedAccount'), 'Created'),
            ...errorResponses,
            ...mutationErrorResponses,
          },
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
          responses: {
            '200': json(reference('IntegratedAccount')),
            ...errorResponses,
            ...mutationErrorResponses,
          },
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
              required: ['result', 'coverage'],
              properties: {
                result: { type: 'array', items: reference('Integration') },
                coverage: reference('ManifestCoverage'),
              },
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
  addOperationIds(document.paths);
  addManifestNotes(document.paths, connectors);
  addUnauthorizedResponses(document.paths, errorResponses['401']);
  return document;
}
