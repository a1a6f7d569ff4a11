import { parseAccountPart, withoutRemoteQuery } from '@unidir/connector-utils';
import type { GroupOperationsV1, UserDirectoryConnectorV1 } from '@unidir/core';
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

function groupOperations(preset: ScimPreset | undefined): GroupOperationsV1<ScimClient> | undefined {
  const quirks = preset?.quirks ?? {};
  if (quirks.noGroups) return undefined;
  const operations: GroupOperationsV1<ScimClient> = {
    list: listGroups,
    get: getGroup,
    update: withoutRemoteQuery(updateGroup, 'writes take no provider query'),
    addUser: withoutRemoteQuery(addUserToGroup, 'writes take no provider query'),
    removeUser: withoutRemoteQuery(removeUserFromGroup, 'writes take no provider query'),
  };
  if (!quirks.groupsReadOnly) {
    operations.create = withoutRemoteQuery(createGroup, 'writes take no provider query');
    operations.delete = withoutRemoteQuery(deleteGroup, 'writes take no provider query');
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
          credentials: parseAccountPart(id, credentialsSchema, account.credentials, 'credentials'),
          settings: parseAccountPart(id, settingsSchema, account.settings, 'settings'),
        },
        environment,
        { id, quirks },
        clientOptions,
      ),
    users: {
      list: listUsers,
      get: getUser,
      create: withoutRemoteQuery(createUser, 'writes take no provider query'),
      update: withoutRemoteQuery(updateUser, 'writes take no provider query'),
      // emails[] may name the user instead of the id (see ScimDeleteUserParameters).
      delete: (parameters, context) => deleteUser(parameters as ScimDeleteUserParameters, context),
    },
    ...(groups ? { groups } : {}),
  };
}
