import {
  defineConnectorV1,
  UnsupportedParameterError,
  type UserDirectoryConnectorV1,
  ValidationError,
} from '@unidir/core';
import type { z } from 'zod';
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

/** Operations that send no provider query refuse one rather than ignore it. */
function withoutRemoteQuery<Parameters extends { remote_query?: Record<string, unknown> }, Result, Context>(
  operation: (parameters: Parameters, context: Context) => Promise<Result>,
): (parameters: Parameters, context: Context) => Promise<Result> {
  return (parameters, context) => {
    if (parameters.remote_query && Object.keys(parameters.remote_query).length > 0) {
      throw new UnsupportedParameterError({
        parameter: 'remote_query',
        supported: [],
        reason: 'this operation takes no provider query',
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
    message: `The okta ${part} are not valid (check: ${paths.join(', ')}).`,
    code: `invalid_${part}`,
    details: { paths },
  });
}

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
          credentials: parseAccountPart(oktaCredentialsSchema, account.credentials, 'credentials'),
          settings: parseAccountPart(oktaSettingsSchema, account.settings, 'settings'),
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
