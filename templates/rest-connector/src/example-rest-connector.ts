import {
  createProviderHttpClient,
  createStaticTokenProvider,
  decodeCursor,
  deleteActionOutcome,
  deleteRequest,
  encodeCursor,
  mergeRemoteQuery,
  type ProviderHttpClient,
} from '@unidir/connector-utils';
import {
  defineConnectorV1,
  type OperationContext,
  type RemoteQuery,
  type UserDirectoryConnectorV1,
} from '@unidir/core';
import { z } from 'zod';
import { exampleRestManifest } from './example-rest-manifest.js';
import { type ExampleRestGroup, type ExampleRestUser, mapGroup, mapUser } from './example-rest-mapping.js';
import {
  type ExampleRestCredentials,
  type ExampleRestSettings,
  exampleRestConnectorId,
  exampleRestCredentialsSchema,
  exampleRestProviderHosts,
  exampleRestSettingsSchema,
} from './example-rest-settings.js';

type Context = OperationContext<ProviderHttpClient>;
interface Page<Item> {
  items: Item[];
  next_page_token: string | null;
}

const pageCursor = z.object({ page_token: z.string() });
const maxPageSize = 100;

/** One page of a list endpoint; the provider's page token travels inside our signed cursor. */
async function listPage<Item>(
  path: string[],
  parameters: { limit?: number; cursor?: string; remote_query?: RemoteQuery },
  query: Record<string, string>,
  context: Context,
) {
  const pageToken = parameters.cursor
    ? decodeCursor(exampleRestConnectorId, parameters.cursor, pageCursor).page_token
    : undefined;
  const response = await context.client.request<Page<Item>>(
    {
      method: 'GET',
      path,
      // The caller's remote_query reaches the API, but can never replace the paging this connector owns.
      query: mergeRemoteQuery(
        {
          ...query,
          page_size: Math.min(parameters.limit ?? maxPageSize, maxPageSize),
          page_token: pageToken,
        },
        parameters.remote_query,
        ['page_size', 'page_token'],
      ),
      description: `list ${path.join('/')}`,
    },
    context,
  );
  const next = response.body.next_page_token;
  return {
    items: response.body.items,
    nextCursor: next ? encodeCursor(exampleRestConnectorId, { page_token: next }) : null,
  };
}

/**
 * The API answers a membership PUT with `{changed: true}` when it added the member and `{changed: false}`
 * when the user already was one (DELETE likewise), so a retry after a lost answer reports `already_done`.
 */
async function changeMembership(kind: 'add' | 'remove', groupId: string, userId: string, context: Context) {
  const response = await context.client.request<{ changed?: boolean }>(
    {
      method: kind === 'add' ? 'PUT' : 'DELETE',
      path: ['groups', groupId, 'members', userId],
      idempotent: true,
      description: `${kind} group member`,
    },
    context,
  );
  const outcome =
    response.outcome === 'planned' ? 'planned' : response.body?.changed === false ? 'already_done' : 'done';
  return {
    group_id: groupId,
    user_id: userId,
    action: kind === 'add' ? ('add_to_group' as const) : ('remove_from_group' as const),
    outcome: outcome as 'done' | 'already_done' | 'planned',
  };
}

export type ExampleRestConnector = UserDirectoryConnectorV1<
  ExampleRestCredentials,
  ExampleRestSettings,
  ProviderHttpClient
>;

export function createExampleRestConnector(): ExampleRestConnector {
  return defineConnectorV1({
    specificationVersion: 'v1',
    id: exampleRestConnectorId,
    displayName: 'Example REST',
    credentialsSchema: exampleRestCredentialsSchema,
    settingsSchema: exampleRestSettingsSchema,
    providerHosts: exampleRestProviderHosts,
    manifest: exampleRestManifest,
    createClient: (account, environment) =>
      createProviderHttpClient({
        baseUrl: account.settings.base_url,
        tokenProvider: createStaticTokenProvider(account.credentials.api_key),
        secrets: [account.credentials.api_key],
        dispatcher: environment.dispatcher,
        allowInsecure: environment.allowInsecureProviderUrls,
        logger: environment.logger,
      }),
    users: {
      async list(parameters, context) {
        const page = await listPage<ExampleRestUser>(
          ['users'],
          parameters,
          parameters.email ? { email: parameters.email } : {},
          context,
        );
        return { records: page.items.map(mapUser), nextCursor: page.nextCursor };
      },
      async get(parameters, context) {
        const response = await context.client.request<ExampleRestUser>(
          { method: 'GET', path: ['users', parameters.id], description: 'get user' },
          context,
        );
        return mapUser(response.body);
      },
      async delete(parameters, context) {
        const response = await context.client.request(
          deleteRequest(['users', parameters.id], 'delete user'),
          context,
        );
        return {
          id: parameters.id,
          actions: [
            {
              action: 'permanent_delete',
              target: parameters.id,
              outcome: deleteActionOutcome(response.outcome),
            },
          ],
        };
      },
    },
    groups: {
      async list(parameters, context) {
        const page = await listPage<ExampleRestGroup>(['groups'], parameters, {}, context);
        return { records: page.items.map(mapGroup), nextCursor: page.nextCursor };
      },
      addUser: (parameters, context) =>
        changeMembership('add', parameters.group_id, parameters.user_id, context),
      removeUser: (parameters, context) =>
        changeMembership('remove', parameters.group_id, parameters.user_id, context),
    },
  });
}
