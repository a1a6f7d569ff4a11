import { type ExecutableResource, unifiedRecordSchemas, writeSchemas } from '@unidir/core';
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

export const reference = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const json = (schema: JsonSchema, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const errorResponses = {
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
  '405': {
    description:
      'The integration does not implement this operation (unsupported_operation), or a write on the read-only proxy',
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
  '504': {
    description: "The provider did not answer within the call's time budget (provider_timeout)",
    content: { 'application/json': { schema: reference('Error') } },
  },
};

/** What only mutations answer: the Idempotency-Key conflicts. */
export const mutationErrorResponses = {
  '409': {
    description: 'The same Idempotency-Key is still being processed (idempotency_key_in_use)',
    content: { 'application/json': { schema: reference('Error') } },
  },
  '422': {
    description: 'The Idempotency-Key was used for a different request (idempotency_key_mismatch)',
    content: { 'application/json': { schema: reference('Error') } },
  },
};

export function listEnvelope(item: string): JsonSchema {
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

/** The component name of each resource's unified record; its write body is the name plus `Write`. */
export const resourceSchemaNames: Record<ExecutableResource, string> = {
  users: 'UnifiedUser',
  groups: 'UnifiedGroup',
  roles: 'UnifiedRole',
  role_assignments: 'UnifiedRoleAssignment',
  licenses: 'UnifiedLicense',
  organizations: 'UnifiedOrganization',
  workspaces: 'UnifiedWorkspace',
  me: 'UnifiedMe',
  activities: 'UnifiedActivity',
};

const actionSchema = {
  type: 'object',
  required: ['action', 'target', 'outcome'],
  properties: {
    action: {
      type: 'string',
      description:
        'soft_delete, permanent_delete, deactivate, suspend, remove_from_group, ... (core wellKnownActions)',
    },
    target: { type: 'string', description: 'The id of what the action was applied to.' },
    outcome: { type: 'string', enum: ['done', 'already_done', 'planned'] },
  },
};

/**
 * A record schema whose optional top-level fields may also be null: `truto_response_format=normalized`
 * sends every field, absent ones as null.
 */
function allowingNormalizedNulls(schema: JsonSchema): JsonSchema {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return {
    ...schema,
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [
        name,
        required.has(name) ? property : { anyOf: [property, { type: 'null' }] },
      ]),
    ),
  };
}

/** The schemas of the unified resources, their write bodies and the unified routes' answers. */
export function unifiedComponentSchemas(): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = {};
  for (const [resource, schema] of Object.entries(unifiedRecordSchemas) as Array<
    [ExecutableResource, z.ZodType]
  >) {
    schemas[resourceSchemaNames[resource]] = allowingNormalizedNulls(jsonSchemaOf(schema));
    const write = writeSchemas[resource];
    if (write) schemas[`${resourceSchemaNames[resource]}Write`] = jsonSchemaOf(write);
  }
  schemas.DeleteResult = {
    type: 'object',
    required: ['id', 'actions'],
    properties: { id: { type: 'string' }, actions: { type: 'array', items: actionSchema } },
  };
  schemas.DeleteUserResult = {
    type: 'object',
    required: ['id', 'actions'],
    properties: { id: { type: 'string' }, actions: { type: 'array', items: actionSchema } },
    additionalProperties: true,
    description: 'The user as it was (when the connector read it) plus the actions taken.',
  };
  schemas.GroupMembership = {
    type: 'object',
    required: ['group_id', 'user_id'],
    additionalProperties: false,
    properties: {
      group_id: { type: 'string', description: 'The group to add the user to or remove the user from.' },
      user_id: { type: 'string', description: 'The user to add or remove.' },
    },
  };
  schemas.MembershipResult = {
    type: 'object',
    required: ['group_id', 'user_id', 'action', 'outcome'],
    properties: {
      group_id: { type: 'string' },
      user_id: { type: 'string' },
      action: { type: 'string', enum: ['add_to_group', 'remove_from_group'] },
      outcome: {
        type: 'string',
        enum: ['done', 'already_done', 'planned'],
        description: 'already_done: the user already was (or no longer was) a member, e.g. on a retry.',
      },
    },
  };
  return schemas;
}
