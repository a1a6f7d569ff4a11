import { parseAccountPart, withoutRemoteQuery } from '@unidir/connector-utils';
import { defineConnectorV1, type UserDirectoryConnectorV1 } from '@unidir/core';
import { createOktaClient, type OktaClient, type OktaClientOptions } from './okta-client.js';
import { deleteUser } from './okta-delete.js';
import {
  addUserToGroup,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  removeUserFromGroup,
  updateGroup,
} from './okta-groups.js';
import { oktaManifest } from './okta-manifest.js';
import { listMe } from './okta-me.js';
import { getRole, listRoleAssignments, listRoles } from './okta-roles.js';
import {
  type OktaCredentials,
  type OktaParsedSettings,
  oktaConnectorId,
  oktaCredentialsSchema,
  oktaProviderHosts,
  oktaSettingsSchema,
} from './okta-settings.js';
import { createUser, getUser, listUsers, updateUser } from './okta-users.js';

export type OktaConnectorOptions = OktaClientOptions;

export type OktaConnector = UserDirectoryConnectorV1<OktaCredentials, OktaParsedSettings, OktaClient>;

/** Okta over the Management API (/api/v1), with an API token or an OAuth 2.0 service app. */
export function createOktaConnector(options: OktaConnectorOptions = {}): OktaConnector {
  return defineConnectorV1({
    specificationVersion: 'v1',
    id: oktaConnectorId,
    displayName: 'Okta',
    credentialsSchema: oktaCredentialsSchema,
    settingsSchema: oktaSettingsSchema,
    providerHosts: oktaProviderHosts,
    manifest: oktaManifest,
    // Parsing again is idempotent and lets hosts that skip validation pass raw settings (defaults applied).
    createClient: (account, environment) =>
      createOktaClient(
        {
          id: account.id,
          credentials: parseAccountPart(
            oktaConnectorId,
            oktaCredentialsSchema,
            account.credentials,
            'credentials',
          ),
          settings: parseAccountPart(oktaConnectorId, oktaSettingsSchema, account.settings, 'settings'),
        },
        environment,
        options,
      ),
    users: {
      list: listUsers,
      get: getUser,
      create: withoutRemoteQuery(createUser),
      update: withoutRemoteQuery(updateUser),
      delete: deleteUser,
    },
    groups: {
      list: listGroups,
      get: withoutRemoteQuery(getGroup),
      create: withoutRemoteQuery(createGroup),
      update: withoutRemoteQuery(updateGroup),
      delete: withoutRemoteQuery(deleteGroup),
      addUser: withoutRemoteQuery(addUserToGroup),
      removeUser: withoutRemoteQuery(removeUserFromGroup),
    },
    roles: { list: listRoles, get: withoutRemoteQuery(getRole) },
    role_assignments: { list: listRoleAssignments },
    me: { list: listMe },
  });
}
