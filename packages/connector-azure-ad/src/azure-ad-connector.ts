import { parseAccountPart } from '@unidir/connector-utils';
import { defineConnectorV1, UnsupportedParameterError, type UserDirectoryConnectorV1 } from '@unidir/core';
import { listActivities } from './azure-ad-activities.js';
import { type AzureAdClient, type AzureAdClientOptions, createAzureAdClient } from './azure-ad-client.js';
import { deleteUser } from './azure-ad-delete.js';
import { createGroup, deleteGroup, updateGroup } from './azure-ad-group-writes.js';
import { getGroup, listGroups } from './azure-ad-groups.js';
import { getLicense, listLicenses } from './azure-ad-licenses.js';
import { azureAdManifest } from './azure-ad-manifest.js';
import { addUserToGroup, removeUserFromGroup } from './azure-ad-membership.js';
import { getOrganization, listMe, listOrganizations } from './azure-ad-organizations.js';
import { azureAdRawResources } from './azure-ad-raw-resources.js';
import { getRole, listRoleAssignments, listRoles } from './azure-ad-roles.js';
import {
  type AzureAdCredentials,
  type AzureAdParsedSettings,
  azureAdConnectorId,
  azureAdCredentialsSchema,
  azureAdProviderHosts,
  azureAdSettingsSchema,
} from './azure-ad-settings.js';
import { createUser, getUser, listUsers, updateUser } from './azure-ad-users.js';

export type AzureAdConnectorOptions = AzureAdClientOptions;

export type AzureAdConnector = UserDirectoryConnectorV1<
  AzureAdCredentials,
  AzureAdParsedSettings,
  AzureAdClient
>;

/** Writes take no provider query: a remote_query there would be ignored, so it is refused. */
function refuseRemoteQuery(remoteQuery: Record<string, unknown> | undefined): void {
  if (remoteQuery && Object.keys(remoteQuery).length > 0) {
    throw new UnsupportedParameterError({
      parameter: 'remote_query',
      supported: [],
      reason: 'writes take no provider query',
    });
  }
}

/** Microsoft Entra ID (Azure AD) over Microsoft Graph v1.0. */
export function createAzureAdConnector(options: AzureAdConnectorOptions = {}): AzureAdConnector {
  return defineConnectorV1({
    specificationVersion: 'v1',
    id: azureAdConnectorId,
    displayName: 'Microsoft Entra ID (Azure AD)',
    credentialsSchema: azureAdCredentialsSchema,
    settingsSchema: azureAdSettingsSchema,
    providerHosts: azureAdProviderHosts,
    manifest: azureAdManifest,
    rawResources: azureAdRawResources,
    // Parsing again is idempotent and lets hosts that skip validation pass raw settings (defaults applied).
    createClient: (account, environment) =>
      createAzureAdClient(
        {
          id: account.id,
          credentials: parseAccountPart(
            azureAdConnectorId,
            azureAdCredentialsSchema,
            account.credentials,
            'credentials',
          ),
          settings: parseAccountPart(azureAdConnectorId, azureAdSettingsSchema, account.settings, 'settings'),
        },
        environment,
        options,
      ),
    users: {
      list: listUsers,
      get: getUser,
      create: async (parameters, context) => {
        refuseRemoteQuery(parameters.remote_query);
        return createUser(parameters, context);
      },
      update: async (parameters, context) => {
        refuseRemoteQuery(parameters.remote_query);
        return updateUser(parameters, context);
      },
      delete: deleteUser,
    },
    groups: {
      list: listGroups,
      get: getGroup,
      create: async (parameters, context) => {
        refuseRemoteQuery(parameters.remote_query);
        return createGroup(parameters, context);
      },
      update: async (parameters, context) => {
        refuseRemoteQuery(parameters.remote_query);
        return updateGroup(parameters, context);
      },
      delete: async (parameters, context) => {
        refuseRemoteQuery(parameters.remote_query);
        return deleteGroup(parameters, context);
      },
      addUser: async (parameters, context) => {
        refuseRemoteQuery(parameters.remote_query);
        return addUserToGroup(parameters, context);
      },
      removeUser: async (parameters, context) => {
        refuseRemoteQuery(parameters.remote_query);
        return removeUserFromGroup(parameters, context);
      },
    },
    roles: { list: listRoles, get: getRole },
    role_assignments: { list: listRoleAssignments },
    licenses: { list: listLicenses, get: getLicense },
    organizations: { list: listOrganizations, get: getOrganization },
    me: { list: listMe },
    activities: { list: listActivities },
  });
}
