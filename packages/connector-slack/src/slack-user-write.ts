import { assertWritableFields } from '@unidir/connector-utils';
import {
  type CreateUserParameters,
  type OperationContext,
  type RecordResult,
  type RemoteQuery,
  type UnifiedUser,
  type UpdateUserParameters,
  type UserWrite,
  ValidationError,
} from '@unidir/core';
import type { SlackClient } from './slack-client.js';
import { refuseRemoteQuery } from './slack-remote-query.js';
import type { ScimUser } from './slack-types.js';

type Context = OperationContext<SlackClient>;

const scimUserSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
const scimPatchSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** What SCIM can store; roles, workspaces and groups are other calls, avatars and bios are the user's own. */
const writableFields = ['external_id', 'first_name', 'last_name', 'name', 'title', 'username', 'emails'];

/** Unified fields → SCIM attributes, only those given. */
function scimAttributes(body: Partial<UserWrite>): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  if (body.external_id !== undefined) attributes.externalId = body.external_id;
  if (body.username !== undefined) attributes.userName = body.username;
  if (body.name !== undefined) attributes.displayName = body.name;
  if (body.title !== undefined) attributes.title = body.title;
  if (body.first_name !== undefined || body.last_name !== undefined) {
    attributes.name = {
      ...(body.first_name === undefined ? {} : { givenName: body.first_name }),
      ...(body.last_name === undefined ? {} : { familyName: body.last_name }),
    };
  }
  if (body.emails !== undefined) {
    const primary = body.emails.find((email) => email.is_primary) ?? body.emails[0];
    attributes.emails = body.emails.map((email) => ({
      value: email.email,
      primary: email === primary,
      ...(email.type === undefined ? {} : { type: email.type }),
    }));
  }
  return attributes;
}

/** The SCIM answer to a write, as a unified user (roles, workspaces and 2FA need a get: users.info). */
export function mapScimUser(user: ScimUser): UnifiedUser {
  const unified: UnifiedUser = { id: user.id, status: user.active === false ? 'inactive' : 'active' };
  if (user.externalId) unified.external_id = user.externalId;
  if (user.userName) unified.username = user.userName;
  if (user.displayName) unified.name = user.displayName;
  if (user.title) unified.title = user.title;
  if (user.name?.givenName) unified.first_name = user.name.givenName;
  if (user.name?.familyName) unified.last_name = user.name.familyName;
  if (user.emails?.length) {
    unified.emails = user.emails.map((email) => ({
      email: email.value,
      is_primary: email.primary === true,
      ...(email.type === undefined ? {} : { type: email.type }),
    }));
  }
  unified.remote_data = user as unknown as Record<string, unknown>;
  return unified;
}

function assertWritable(body: Partial<UserWrite>, remoteQuery: RemoteQuery | undefined): void {
  refuseRemoteQuery(remoteQuery, 'user writes');
  assertWritableFields(body, writableFields, {
    reason: 'Slack SCIM stores only names, title, username, emails and externalId',
    parameterPrefix: 'body.',
  });
}

/** POST /Users (SCIM): 1 request; Slack sends the invitation. Never repeated after a lost answer. */
export async function createUser(
  parameters: CreateUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser> | null> {
  assertWritable(parameters.body, parameters.remote_query);
  const attributes = scimAttributes(parameters.body);
  if (attributes.userName === undefined || attributes.emails === undefined) {
    throw new ValidationError({
      message: 'Creating a Slack user needs username and at least one email.',
      code: 'missing_parameter',
    });
  }
  const response = await context.client.scim.request<ScimUser>(
    {
      method: 'POST',
      path: ['Users'],
      body: { schemas: [scimUserSchema], ...attributes, active: true },
      description: 'create user',
    },
    context,
  );
  if (response.outcome === 'planned') return null;
  return { unified: mapScimUser(response.body), raw: response.body };
}

/** PATCH /Users/{id} (SCIM PatchOp, one replace per attribute): 1 request. */
export async function updateUser(
  parameters: UpdateUserParameters,
  context: Context,
): Promise<RecordResult<UnifiedUser> | null> {
  assertWritable(parameters.body, parameters.remote_query);
  const attributes = scimAttributes(parameters.body);
  if (Object.keys(attributes).length === 0) {
    throw new ValidationError({
      message: 'The update names no field Slack can change.',
      code: 'missing_parameter',
    });
  }
  const response = await context.client.scim.request<ScimUser>(
    {
      method: 'PATCH',
      path: ['Users', parameters.id],
      body: {
        schemas: [scimPatchSchema],
        Operations: Object.entries(attributes).map(([path, value]) => ({ op: 'replace', path, value })),
      },
      description: 'update user',
    },
    context,
  );
  if (response.outcome === 'planned') return null;
  return { unified: mapScimUser(response.body), raw: response.body };
}
