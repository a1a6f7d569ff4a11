import { executableResources } from '@unidir/core';
import {
  errorResponses,
  type JsonSchema,
  json,
  listEnvelope,
  mutationErrorResponses,
  reference,
} from './openapi-schemas.js';
import { idempotencyKeyParameter, idParameter } from './unified-paths.js';

const accountIdQuery = (required: boolean, description: string) => ({
  name: 'integrated_account_id',
  in: 'query',
  required,
  schema: { type: 'string' },
  description,
});

const pageParameters = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'Page size.' },
  {
    name: 'next_cursor',
    in: 'query',
    schema: { type: 'string' },
    description: "The previous page's next_cursor; empty or absent for the first page.",
  },
];

const coverageCount: JsonSchema = {
  type: 'object',
  required: ['supported', 'required', 'integrations', 'notes', 'restricted'],
  properties: {
    supported: { type: 'integer', description: 'How many integrations accept (or return) it.' },
    required: { type: 'integer', description: 'How many integrations require it.' },
    integrations: { type: 'array', items: { type: 'string' } },
    notes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['integration', 'note'],
        properties: { integration: { type: 'string' }, note: { type: 'string' } },
      },
    },
    restricted: {
      type: 'array',
      description: 'Integrations that accept only these values (e.g. only false): not full support.',
      items: {
        type: 'object',
        required: ['integration', 'values'],
        properties: { integration: { type: 'string' }, values: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

/** Schemas of the routes beyond the unified ones: integrations, coverage, sandbox accounts, meta, dry runs. */
export function trutoComponentSchemas(): Record<string, JsonSchema> {
  return {
    CoverageCount: coverageCount,
    OperationCoverage: {
      type: 'object',
      required: ['supported', 'parameters', 'fields'],
      properties: {
        supported: { type: 'integer', description: 'How many integrations implement the operation.' },
        parameters: { type: 'object', additionalProperties: reference('CoverageCount') },
        fields: { type: 'object', additionalProperties: reference('CoverageCount') },
      },
    },
    ManifestCoverage: {
      type: 'object',
      description: 'Per resource, per operation (list, get, create, update, delete, addUser, removeUser).',
      additionalProperties: { type: 'object', additionalProperties: reference('OperationCoverage') },
    },
    Integration: {
      type: 'object',
      required: ['id', 'display_name', 'provider_hosts', 'sandbox_available', 'field_notes', 'manifest'],
      properties: {
        id: { type: 'string' },
        display_name: { type: 'string' },
        provider_hosts: { type: 'array', items: { type: 'string' } },
        sandbox_available: { type: 'boolean' },
        field_notes: {
          type: 'object',
          description:
            "Per resource, per unified field: what the integration returns in it, stated once rather than once per operation. When operations disagree, each distinct note is kept once, followed by the operations that state it in parentheses, separated by ' | '.",
          additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
        },
        manifest: {
          type: 'object',
          description:
            'The capability manifest: per resource and operation, the parameters accepted (required, values, notes), the fields returned, and requestCount.',
        },
      },
    },
    SandboxIntegratedAccount: {
      type: 'object',
      required: ['id', 'integrated_account', 'created_at', 'updated_at'],
      properties: {
        id: { type: 'string' },
        integrated_account: reference('IntegratedAccount'),
        created_at: { type: 'string', format: 'date-time' },
        updated_at: { type: 'string', format: 'date-time' },
      },
    },
    MethodMeta: {
      type: 'object',
      required: [
        'model',
        'resource',
        'method',
        'integration',
        'schema',
        'query_schema',
        'request_body_schema',
        'response_schema',
        'default_query',
      ],
      properties: {
        model: { type: 'string', const: 'user-directory' },
        resource: { type: 'string', enum: [...executableResources] },
        method: { type: 'string' },
        integration: { type: ['string', 'null'] },
        schema: { type: 'object', description: 'JSON Schema of the unified record.' },
        query_schema: { type: 'object', description: 'JSON Schema of the query parameters.' },
        request_body_schema: { type: ['object', 'null'], description: 'JSON Schema of the body, if any.' },
        response_schema: { type: 'object', description: 'JSON Schema of the answer.' },
        default_query: { type: 'object' },
        notes: { type: 'string' },
        request_count: { type: 'string' },
      },
    },
    DryRunResult: {
      type: 'object',
      required: ['dry_run', 'provider_calls'],
      properties: {
        dry_run: { type: 'boolean', const: true },
        provider_calls: {
          type: 'array',
          items: {
            type: 'object',
            required: ['method', 'url', 'outcome'],
            properties: {
              method: { type: 'string' },
              url: { type: 'string' },
              outcome: { type: 'string', enum: ['sent', 'planned', 'already_done', 'failed'] },
              status: { type: 'integer' },
              provider_request_id: { type: 'string' },
              attempts: { type: 'integer' },
            },
          },
        },
        actions: { type: 'array', items: { type: 'object' } },
      },
    },
    RawRecord: { type: 'object', description: 'A provider record, untouched.', additionalProperties: true },
  };
}

const deletedAnswer = json({
  type: 'object',
  required: ['id', 'deleted'],
  properties: { id: { type: 'string' }, deleted: { type: 'boolean' } },
});

const dryRunQuery = {
  name: 'dry_run',
  in: 'query',
  schema: { type: 'boolean' },
  description: 'Answer with the provider calls that would be made, and make none of the mutating ones.',
};

const providerBody = {
  required: true,
  content: { 'application/json': { schema: reference('RawRecord') } },
};

/** Proxy writes: the provider's own body, through the dry-run, idempotency and audit path of unified writes. */
function proxyWrite(operationId: string, summary: string, answer: JsonSchema, status: '200' | '201') {
  return {
    tags: ['Proxy'],
    operationId,
    summary,
    parameters: [
      accountIdQuery(true, 'The integrated account to act on.'),
      dryRunQuery,
      idempotencyKeyParameter,
    ],
    responses: {
      ...(status === '201' ? { '201': json(answer, 'Created') } : {}),
      '200': json(
        status === '201' ? reference('DryRunResult') : { oneOf: [answer, reference('DryRunResult')] },
        'OK, or with dry_run=true the calls it would make',
      ),
      ...errorResponses,
      ...mutationErrorResponses,
    },
  };
}

/** Paths Truto's SDK uses beyond the unified routes, and `/integrations/{id}`. */
export function trutoPaths(): Record<string, Record<string, unknown>> {
  const sandboxTags = ['Sandbox accounts'];
  return {
    '/integrations/{id}': {
      parameters: [idParameter],
      get: {
        tags: ['Integrations'],
        summary: 'One loaded connector with its manifest (Truto: /integration/{id})',
        responses: { '200': json(reference('Integration')), ...errorResponses },
      },
    },
    '/integrated-accounts/refresh-credentials': {
      post: {
        tags: ['Integrated accounts'],
        operationId: 'refreshIntegratedAccountCredentials',
        summary:
          "Check an account's credentials with one provider read (Truto: /integrated-account/refresh-credentials)",
        parameters: [idempotencyKeyParameter],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
            },
          },
        },
        responses: { '200': json(reference('IntegratedAccount')), ...errorResponses },
      },
    },
    '/sandbox-integrated-account': {
      get: {
        tags: sandboxTags,
        summary: 'List sandbox accounts',
        parameters: pageParameters,
        responses: { '200': json(listEnvelope('SandboxIntegratedAccount')), ...errorResponses },
      },
      post: {
        tags: sandboxTags,
        summary: "Open a sandbox account on a connector's seeded fake",
        parameters: [idempotencyKeyParameter],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  id: { type: 'string', description: "The integration (Truto's name for it)." },
                  integration: {
                    type: 'string',
                    description: 'The integration, as on /integrated-accounts.',
                  },
                  label: { type: 'string' },
                  sandbox_users: { type: 'integer', minimum: 1 },
                },
              },
            },
          },
        },
        responses: { '201': json(reference('SandboxIntegratedAccount'), 'Created'), ...errorResponses },
      },
    },
    '/sandbox-integrated-account/{id}': {
      parameters: [idParameter],
      get: {
        tags: sandboxTags,
        summary: 'Get a sandbox account',
        responses: { '200': json(reference('SandboxIntegratedAccount')), ...errorResponses },
      },
      delete: {
        tags: sandboxTags,
        summary: 'Delete a sandbox account and stop its fake',
        parameters: [idempotencyKeyParameter],
        responses: { '200': deletedAnswer, ...errorResponses },
      },
    },
    '/unified/user-directory/{resource}/meta/{method}': {
      get: {
        tags: ['Unified user directory'],
        operationId: 'getMethodMeta',
        summary:
          "JSON Schemas of a method's query, body and answer, for one integration when an account is named",
        parameters: [
          {
            name: 'resource',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: [...executableResources] },
            description: 'The unified resource.',
          },
          {
            name: 'method',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              enum: ['list', 'get', 'create', 'update', 'delete', 'add-user', 'remove-user'],
            },
            description: 'The method, as on the wire (custom methods by their URL name).',
          },
          accountIdQuery(false, "Narrow the schemas to what this account's connector accepts and returns."),
        ],
        responses: { '200': json(reference('MethodMeta')), ...errorResponses },
      },
    },
    '/proxy/{resource}': {
      parameters: [{ name: 'resource', in: 'path', required: true, schema: { type: 'string' } }],
      post: {
        ...proxyWrite(
          'createProxyRecord',
          "Create a record from the provider's own body",
          reference('RawRecord'),
          '201',
        ),
        requestBody: providerBody,
      },
      get: {
        tags: ['Proxy'],
        operationId: 'listProxyRecords',
        summary:
          'Page a raw resource the connector declares (azure-ad, google-workspace: users, groups), records untouched',
        parameters: [
          accountIdQuery(true, 'The integrated account to act on.'),
          ...pageParameters,
          {
            name: 'remote_query',
            in: 'query',
            schema: { type: 'object', additionalProperties: { type: 'string' } },
            style: 'deepObject',
            explode: true,
            description: 'The provider query (remote_query[$select]=id,displayName); the page size is limit.',
          },
        ],
        responses: { '200': json(listEnvelope('RawRecord')), ...errorResponses },
      },
    },
    '/proxy/{resource}/{id}': {
      patch: {
        ...proxyWrite(
          'updateProxyRecord',
          "Change a record with the provider's own body",
          reference('RawRecord'),
          '200',
        ),
        requestBody: providerBody,
      },
      delete: proxyWrite(
        'deleteProxyRecord',
        'Delete a record (exactly one provider DELETE)',
        reference('DeleteResult'),
        '200',
      ),
      parameters: [{ name: 'resource', in: 'path', required: true, schema: { type: 'string' } }, idParameter],
      get: {
        tags: ['Proxy'],
        operationId: 'getProxyRecord',
        summary: 'Read one record of a raw resource, untouched',
        parameters: [accountIdQuery(true, 'The integrated account to act on.')],
        responses: { '200': json(reference('RawRecord')), ...errorResponses },
      },
    },
  };
}
