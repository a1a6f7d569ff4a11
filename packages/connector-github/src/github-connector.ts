import {
  defineConnectorV1,
  UnsupportedParameterError,
  type UserDirectoryConnectorV1,
  ValidationError,
} from '@unidir/core';
import type { z } from 'zod';
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

/** Only users.list reads remote_query; elsewhere GitHub takes no query, so one would be silently ignored. */
function withoutRemoteQuery<Parameters extends { remote_query?: Record<string, unknown> }, Context, Result>(
  operation: (parameters: Parameters, context: Context) => Promise<Result>,
) {
  return (parameters: Parameters, context: Context): Promise<Result> => {
    if (parameters.remote_query && Object.keys(parameters.remote_query).length > 0) {
      throw new UnsupportedParameterError({
        parameter: 'remote_query',
        supported: [],
        reason: 'this GitHub operation takes no provider query',
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
): Output {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const paths = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
  throw new ValidationError({
    message: `The github ${part} are not valid (check: ${paths.join(', ')}).`,
    code: `invalid_${part}`,
    details: { paths },
  });
}

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
          credentials: parseAccountPart(gitHubCredentialsSchema, account.credentials, 'credentials'),
          settings: parseAccountPart(gitHubSettingsSchema, account.settings, 'settings'),
        },
        environment,
        options,
      ),
    users: {
      list: listUsers,
      get: withoutRemoteQuery(getUser),
      create: withoutRemoteQuery(createUser),
      update: withoutRemoteQuery(updateUser),
      delete: withoutRemoteQuery(deleteUser),
    },
    groups: {
      list: withoutRemoteQuery(listGroups),
      get: withoutRemoteQuery(getGroup),
      create: withoutRemoteQuery(createGroup),
      update: withoutRemoteQuery(updateGroup),
      delete: withoutRemoteQuery(deleteGroup),
      addUser: withoutRemoteQuery(addUser),
      removeUser: withoutRemoteQuery(removeUser),
    },
    roles: { list: withoutRemoteQuery(listRoles), get: withoutRemoteQuery(getRole) },
    organizations: { list: withoutRemoteQuery(listOrganizations), get: withoutRemoteQuery(getOrganization) },
    licenses: { list: withoutRemoteQuery(listLicenses), get: withoutRemoteQuery(getLicense) },
    me: { list: withoutRemoteQuery(listMe) },
  });
}
