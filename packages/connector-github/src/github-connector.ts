import { parseAccountPart, withoutRemoteQuery } from '@unidir/connector-utils';
import { defineConnectorV1, type UserDirectoryConnectorV1 } from '@unidir/core';
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from './github-client.js';
import { deleteUser } from './github-delete.js';
import {
  addUser,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  removeUser,
  updateGroup,
} from './github-groups.js';
import { gitHubManifest } from './github-manifest.js';
import {
  getLicense,
  getOrganization,
  getRole,
  listLicenses,
  listMe,
  listOrganizations,
  listRoles,
} from './github-resources.js';
import {
  type GitHubCredentials,
  type GitHubParsedSettings,
  gitHubConnectorId,
  gitHubCredentialsSchema,
  gitHubProviderHosts,
  gitHubSettingsSchema,
} from './github-settings.js';
import { createUser, updateUser } from './github-user-write.js';
import { getUser, listUsers } from './github-users.js';

export type GitHubConnectorOptions = GitHubClientOptions;
export type GitHubConnector = UserDirectoryConnectorV1<GitHubCredentials, GitHubParsedSettings, GitHubClient>;

/** GitHub organizations: members as users, teams as groups, over the REST API (2022-11-28). */
export function createGitHubConnector(options: GitHubConnectorOptions = {}): GitHubConnector {
  return defineConnectorV1({
    specificationVersion: 'v1',
    id: gitHubConnectorId,
    displayName: 'GitHub',
    credentialsSchema: gitHubCredentialsSchema,
    settingsSchema: gitHubSettingsSchema,
    providerHosts: gitHubProviderHosts,
    manifest: gitHubManifest,
    createClient: (account, environment) =>
      createGitHubClient(
        {
          id: account.id,
          credentials: parseAccountPart(
            gitHubConnectorId,
            gitHubCredentialsSchema,
            account.credentials,
            'credentials',
          ),
          settings: parseAccountPart(gitHubConnectorId, gitHubSettingsSchema, account.settings, 'settings'),
        },
        environment,
        options,
      ),
    users: {
      list: listUsers,
      get: withoutRemoteQuery(getUser, 'this GitHub operation takes no provider query'),
      create: withoutRemoteQuery(createUser, 'this GitHub operation takes no provider query'),
      update: withoutRemoteQuery(updateUser, 'this GitHub operation takes no provider query'),
      delete: withoutRemoteQuery(deleteUser, 'this GitHub operation takes no provider query'),
    },
    groups: {
      list: withoutRemoteQuery(listGroups, 'this GitHub operation takes no provider query'),
      get: withoutRemoteQuery(getGroup, 'this GitHub operation takes no provider query'),
      create: withoutRemoteQuery(createGroup, 'this GitHub operation takes no provider query'),
      update: withoutRemoteQuery(updateGroup, 'this GitHub operation takes no provider query'),
      delete: withoutRemoteQuery(deleteGroup, 'this GitHub operation takes no provider query'),
      addUser: withoutRemoteQuery(addUser, 'this GitHub operation takes no provider query'),
      removeUser: withoutRemoteQuery(removeUser, 'this GitHub operation takes no provider query'),
    },
    roles: {
      list: withoutRemoteQuery(listRoles, 'this GitHub operation takes no provider query'),
      get: withoutRemoteQuery(getRole, 'this GitHub operation takes no provider query'),
    },
    organizations: {
      list: withoutRemoteQuery(listOrganizations, 'this GitHub operation takes no provider query'),
      get: withoutRemoteQuery(getOrganization, 'this GitHub operation takes no provider query'),
    },
    licenses: {
      list: withoutRemoteQuery(listLicenses, 'this GitHub operation takes no provider query'),
      get: withoutRemoteQuery(getLicense, 'this GitHub operation takes no provider query'),
    },
    me: { list: withoutRemoteQuery(listMe, 'this GitHub operation takes no provider query') },
  });
}
