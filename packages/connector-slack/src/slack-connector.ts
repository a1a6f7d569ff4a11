import { parseAccountPart } from '@unidir/connector-utils';
import { defineConnectorV1, type UserDirectoryConnectorV1 } from '@unidir/core';
import { createSlackClient, type SlackClient, type SlackClientOptions } from './slack-client.js';
import { deleteUser } from './slack-delete.js';
import { getGroup, listGroups } from './slack-groups.js';
import { slackManifest } from './slack-manifest.js';
import { listMe } from './slack-me.js';
import { addUserToGroup, removeUserFromGroup } from './slack-membership.js';
import { getOrganization, listOrganizations } from './slack-organizations.js';
import { getRole, listRoles } from './slack-roles.js';
import {
  type SlackCredentials,
  type SlackParsedSettings,
  slackConnectorId,
  slackCredentialsSchema,
  slackProviderHosts,
  slackSettingsSchema,
} from './slack-settings.js';
import { createUser, updateUser } from './slack-user-write.js';
import { getUser, listUsers } from './slack-users.js';
import { getWorkspace, listWorkspaces } from './slack-workspaces.js';

export type SlackConnectorOptions = SlackClientOptions;

export type SlackConnector = UserDirectoryConnectorV1<SlackCredentials, SlackParsedSettings, SlackClient>;

/** Slack (Business+ and Enterprise Grid): reads over the Web API, user writes and deactivation over SCIM v2. */
export function createSlackConnector(options: SlackConnectorOptions = {}): SlackConnector {
  return defineConnectorV1({
    specificationVersion: 'v1',
    id: slackConnectorId,
    displayName: 'Slack',
    credentialsSchema: slackCredentialsSchema,
    settingsSchema: slackSettingsSchema,
    providerHosts: slackProviderHosts,
    manifest: slackManifest,
    createClient: (account, environment) =>
      createSlackClient(
        {
          id: account.id,
          credentials: parseAccountPart(
            slackConnectorId,
            slackCredentialsSchema,
            account.credentials,
            'credentials',
          ),
          settings: parseAccountPart(slackConnectorId, slackSettingsSchema, account.settings, 'settings'),
        },
        environment,
        options,
      ),
    users: { list: listUsers, get: getUser, create: createUser, update: updateUser, delete: deleteUser },
    groups: { list: listGroups, get: getGroup, addUser: addUserToGroup, removeUser: removeUserFromGroup },
    roles: { list: listRoles, get: getRole },
    workspaces: { list: listWorkspaces, get: getWorkspace },
    organizations: { list: listOrganizations, get: getOrganization },
    me: { list: listMe },
  });
}
