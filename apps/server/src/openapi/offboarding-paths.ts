import { createOffboardingSchema } from '../offboarding/offboarding-request.js';
import { errorResponses, type JsonSchema, json, jsonSchemaOf } from './openapi-schemas.js';
import { idempotencyKeyParameter, idParameter } from './unified-paths.js';

const stepStatuses = [
  'queued',
  'sent',
  'planned',
  'done',
  'already_done',
  'failed',
  'skipped',
  'not_found',
  'ambiguous',
  'needs_input',
];
const runStatuses = [
  'running',
  'cancelling',
  'planned',
  'succeeded',
  'partially_failed',
  'failed',
  'cancelled',
];

const providerCall: JsonSchema = {
  type: 'object',
  properties: {
    method: { type: 'string' },
    url: { type: 'string' },
    outcome: { type: 'string' },
    status: { type: 'integer' },
    provider_request_id: { type: 'string' },
  },
};
const action: JsonSchema = {
  type: 'object',
  properties: { action: { type: 'string' }, target: { type: 'string' }, outcome: { type: 'string' } },
};
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

const step: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    integrated_account_id: { type: 'string' },
    integration: { type: 'string' },
    status: {
      type: 'string',
      enum: stepStatuses,
      description:
        '`sent`: recorded before the provider call; after a restart it is re-checked by reading the user, never re-sent blindly.',
    },
    user_id: { type: ['string', 'null'] },
    found: nullable({
      type: 'array',
      description: 'The user found by email, or the candidates when ambiguous.',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          emails: { type: 'array', items: { type: 'string' } },
        },
      },
    }),
    action: { type: ['string', 'null'] },
    options: { type: 'object', description: 'The delete options sent.' },
    plan: nullable({
      type: 'object',
      description: "The connector's dry run: the exact provider calls and the actions they are.",
      properties: {
        provider_calls: { type: 'array', items: providerCall },
        actions: { type: 'array', items: action },
      },
    }),
    actions: nullable({ type: 'array', items: action }),
    reason: { type: ['string', 'null'] },
    error: nullable({
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        status_code: { type: 'integer' },
        details: { type: 'object' },
      },
    }),
    provider_request_ids: { type: 'array', items: { type: 'string' } },
    attempts: { type: 'integer', description: 'Provider calls sent for the step.' },
    retries: { type: 'integer', description: 'Retryable failures that put the step back in the queue.' },
    sent_at: { type: ['string', 'null'] },
    updated_at: { type: 'string' },
    finished_at: { type: ['string', 'null'] },
  },
};

const runSummaryProperties: Record<string, JsonSchema> = {
  id: { type: 'string' },
  status: { type: 'string', enum: runStatuses },
  dry_run: { type: 'boolean' },
  person: { type: 'object' },
  action: {},
  options: { type: 'object' },
  reason: { type: ['string', 'null'] },
  requested_by: { type: 'object', properties: { api_token_id: { type: 'string' } } },
  request_id: { type: 'string' },
  created_at: { type: 'string' },
  updated_at: { type: 'string' },
  finished_at: { type: ['string', 'null'] },
  step_counts: { type: 'object', additionalProperties: { type: 'integer' } },
};
const run: JsonSchema = {
  type: 'object',
  properties: { ...runSummaryProperties, steps: { type: 'array', items: step } },
};

const tags = ['Offboarding'];

/** `/offboardings`: spread into the document's paths. */
export function offboardingPaths(): Record<string, Record<string, unknown>> {
  return {
    '/offboardings': {
      post: {
        tags,
        summary: 'Offboard a person from every connected account (or plan it, with dry_run)',
        description:
          'Resolves the person in each account by email (zero or several matches change nothing), plans the exact provider calls, then acts, each step at most once. A dry run answers 200 with the plans; a run answers 202 and proceeds in the background.',
        parameters: [idempotencyKeyParameter],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchemaOf(createOffboardingSchema) } },
        },
        responses: {
          '200': json(run, 'A dry run, resolved and planned'),
          '202': json(run, 'Queued'),
          ...errorResponses,
        },
      },
      get: {
        tags,
        summary: 'List offboardings, newest first',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            description: '1-200, default 50.',
            schema: { type: 'integer', minimum: 1, maximum: 200 },
          },
          {
            name: 'next_cursor',
            in: 'query',
            description: 'From the previous page.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: {
              result: { type: 'array', items: { type: 'object', properties: runSummaryProperties } },
              next_cursor: { type: ['string', 'null'] },
              prev_cursor: { type: 'null' },
              result_count: { type: 'integer' },
            },
          }),
        },
      },
    },
    '/offboardings/{id}': {
      parameters: [idParameter],
      get: {
        tags,
        summary:
          'An offboarding and its steps: the record of who asked, what was found where, and what was done',
        responses: { '200': json(run), ...errorResponses },
      },
    },
    '/offboardings/{id}/events': {
      parameters: [idParameter],
      get: {
        tags,
        summary:
          'Progress as Server-Sent Events: `step` (a step changed), `run` (the summary changed), then `end`',
        responses: {
          '200': {
            description: 'An event stream',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...errorResponses,
        },
      },
    },
    '/offboardings/{id}/cancel': {
      parameters: [idParameter],
      post: {
        tags,
        summary: 'Cancel: steps not yet started are skipped; steps already sent end on their own',
        parameters: [idempotencyKeyParameter],
        responses: { '200': json(run), ...errorResponses },
      },
    },
    '/offboardings/{id}/retry': {
      parameters: [idParameter],
      post: {
        tags,
        summary: 'Run the failed steps again, and only those',
        parameters: [idempotencyKeyParameter],
        responses: { '200': json(run), ...errorResponses },
      },
    },
  };
}
