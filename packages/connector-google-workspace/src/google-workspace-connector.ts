import { defineConnectorV1, type UserDirectoryConnectorV1 } from '@unidir/core';
import {
  createGoogleWorkspaceClient,
  type GoogleWorkspaceClient,
  type GoogleWorkspaceClientOptions,
} from './google-workspace-client.js';
import { googleWorkspaceGroups } from './google-workspace-groups.js';
import { googleWorkspaceConnectorId } from './google-workspace-id.js';
import { googleWorkspaceManifest } from './google-workspace-manifest.js';
import { googleWorkspaceRawResources } from './google-workspace-raw-resources.js';
import {
  type GoogleWorkspaceCredentials,
  type GoogleWorkspaceSettings,
  googleWorkspaceCredentialsSchema,
  googleWorkspaceSettingsSchema,
} from './google-workspace-settings.js';
import { googleWorkspaceUsers } from './google-workspace-users.js';

export type GoogleWorkspaceConnectorOptions = GoogleWorkspaceClientOptions;

export type GoogleWorkspaceConnector = UserDirectoryConnectorV1<
  GoogleWorkspaceCredentials,
  GoogleWorkspaceSettings,
  GoogleWorkspaceClient
>;

/** Google Workspace users and groups over the Admin SDK Directory API. */
export function createGoogleWorkspaceConnector(
  options: GoogleWorkspaceConnectorOptions = {},
): GoogleWorkspaceConnector {
  return defineConnectorV1({
    specificationVersion: 'v1',
    id: googleWorkspaceConnectorId,
    displayName: 'Google Workspace',
    credentialsSchema: googleWorkspaceCredentialsSchema,
    settingsSchema: googleWorkspaceSettingsSchema,
    providerHosts: ['admin.googleapis.com', 'www.googleapis.com', 'oauth2.googleapis.com'],
    manifest: googleWorkspaceManifest,
    rawResources: googleWorkspaceRawResources,
    createClient: (account, environment) => createGoogleWorkspaceClient(account, environment, options),
    users: googleWorkspaceUsers,
    groups: googleWorkspaceGroups,
  });
}
