import {
  type GroupOperationsV1,
  UnsupportedParameterError,
  type UserDirectoryConnectorV1,
  ValidationError,
} from '@unidir/core';
import type { z } from 'zod';
import { createScimClient, type ScimClient, type ScimClientOptions } from './scim-client.js';
import { deleteUser, type ScimDeleteUserParameters } from './scim-delete.js';
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from './scim-groups.js';
import { scimManifest } from './scim-manifest.js';
import { addUserToGroup, removeUserFromGroup } from './scim-membership.js';
import type { ScimPreset } from './scim-presets.js';
import {
  type ScimCredentials,
  type ScimParsedSettings,
  scimConnectorId,
  scimCredentialsSchema,
  scimSettingsSchema,
} from './scim-settings.js';
import { createUser, getUser, listUsers, updateUser } from './scim-users.js';

export interface ScimConnectorOptions extends ScimClientOptions {
  /** Build the connector of one app (`figma-scim`); without it, the generic `scim` connector. */
  preset?: ScimPreset;
}

export type ScimConnector = UserDirectoryConnectorV1<ScimCredentials, ScimParsedSettings, ScimClient>;

/** Writes take no provider query: a remote_query there would be ignored, so it is refused. */
function withoutRemoteQuery<Parameters extends { remote_query?: Record<string, unknown> }, Context, Result>(
  operation: (parameters: Parameters, context: Context) => Promise<Result>,
) {
  return (parameters: Parameters, context: Context) => {
    if (parameters.remote_query && Object.keys(parameters.remote_query).length > 0) {
      throw new UnsupportedParameterError({
        parameter: 'remote_query',
        supported: [],
        reason: 'writes take no provider query',
      });
    }
    return operation(parameters, context);
  };
}

/** Validates credentials or settings naming only the paths at fault: credential values must never reach a message. */
function parseAccountPart<Output>(
  schema: z.ZodType<Output>,
  value: unknown,
  part: 'credentials' | 'settings',
  integrationId: string,
): Output {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const paths = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
  throw new ValidationError({
    message: `The ${integrationId} ${part} are not valid (check: ${paths.join(', ')}).`,
    code: `invalid_${part}`,
    details: { paths },
  });
}

function groupOperations(preset: ScimPreset | undefined): GroupOperationsV1<ScimClient> | undefined {
  const quirks = preset?.quirks ?? {};
  if (quirks.noGroups) return undefined;
  const operations: GroupOperationsV1<ScimClient> = {
    list: listGroups,
    get: getGroup,
    update: withoutRemoteQuery(updateGroup),
    addUser: withoutRemoteQuery(addUserToGroup),
    removeUser: withoutRemoteQuery(removeUserFromGroup),
  };
  if (!quirks.groupsReadOnly) {
    operations.create = withoutRemoteQuery(createGroup);
    operations.delete = withoutRemoteQuery(deleteGroup);
  }
  return operations;
}

/** Any SCIM 2.0 service provider, or (with `preset`) one app's SCIM API with its known quirks. */
export function createScimConnector(options: ScimConnectorOptions = {}): ScimConnector {
  const { preset, ...clientOptions } = options;
  const id = preset?.id ?? scimConnectorId;
  const credentialsSchema = scimCredentialsSchema(preset);
  const settingsSchema = scimSettingsSchema(preset);
  const quirks = preset?.quirks ?? {};
  const groups = groupOperations(preset);
  return {
    specificationVersion: 'v1',
    id,
    displayName: preset?.displayName ?? 'SCIM 2.0',
    credentialsSchema,
    settingsSchema,
    providerHosts: preset?.providerHosts ?? [],
    manifest: scimManifest(quirks),
    // Parsing again is idempotent and lets hosts that skip validation pass raw settings (defaults applied).
    createClient: (account, environment) =>
      createScimClient(
        {
          id: account.id,
          credentials: parseAccountPart(credentialsSchema, account.credentials, 'credentials', id),
          settings: parseAccountPart(settingsSchema, account.settings, 'settings', id),
        },
        environment,
        { id, quirks },
        clientOptions,
      ),
    users: {
      list: listUsers,
      get: getUser,
      create: withoutRemoteQuery(createUser),
      update: withoutRemoteQuery(updateUser),
      // emails[] may name the user instead of the id (see ScimDeleteUserParameters).
      delete: (parameters, context) => deleteUser(parameters as ScimDeleteUserParameters, context),
    },
    ...(groups ? { groups } : {}),
  };
}
