import { defineConnectorV1, type UserDirectoryConnectorV1 } from '@unidir/core';
import { googleWorkspaceActivities } from './google-workspace-activities.js';
import {
  createGoogleWorkspaceClient,
  type GoogleWorkspaceClient,
  type GoogleWorkspaceClientOptions,
} from './google-workspace-client.js';
import { googleWorkspaceGroups } from './google-workspace-groups.js';
import { googleWorkspaceConnectorId } from './google-workspace-id.js';
import { googleWorkspaceLicenses } from './google-workspace-licenses.js';
import { googleWorkspaceManifest } from './google-workspace-manifest.js';
import { googleWorkspaceMe } from './google-workspace-me.js';
import { googleWorkspaceOrganizations } from './google-workspace-organizations.js';
import { googleWorkspaceRawResources } from './google-workspace-raw-resources.js';
import { googleWorkspaceRoleAssignments, googleWorkspaceRoles } from './google-workspace-roles.js';
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

/**
 * Google Workspace over the Admin SDK: users, groups, memberships, roles, role assignments and the customer
 * (Directory API), admin activities (Reports API) and licenses (Enterprise License Manager API).
 */
export function createGoogleWorkspaceConnector(
  options: GoogleWorkspaceConnectorOptions = {},
): GoogleWorkspaceConnector {
  return defineConnectorV1({
    specificationVersion: 'v1',
    id: googleWorkspaceConnectorId,
    displayName: 'Google Workspace',
    credentialsSchema: googleWorkspaceCredentialsSchema,
    settingsSchema: googleWorkspaceSettingsSchema,
    providerHosts: [
      'admin.googleapis.com',
      'www.googleapis.com',
      'oauth2.googleapis.com',
      'licensing.googleapis.com',
    ],
    manifest: googleWorkspaceManifest,
    rawResources: googleWorkspaceRawResources,
    createClient: (account, environment) => createGoogleWorkspaceClient(account, environment, options),
    users: googleWorkspaceUsers,
    groups: googleWorkspaceGroups,
    roles: googleWorkspaceRoles,
    role_assignments: googleWorkspaceRoleAssignments,
    licenses: googleWorkspaceLicenses,
    organizations: googleWorkspaceOrganizations,
    me: googleWorkspaceMe,
    activities: googleWorkspaceActivities,
  });
}
