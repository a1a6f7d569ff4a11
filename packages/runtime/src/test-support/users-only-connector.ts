import {
  defineConnectorV1,
  type FieldCapability,
  type OperationName,
  type UserOperationsV1,
} from '@unidir/core';
import { z } from 'zod';

export interface UsersOnlyConnectorOptions<Client> {
  id: string;
  displayName: string;
  client: Client;
  users: UserOperationsV1<Client>;
  /** The fields each operation declares. Default: id only. */
  fields?: readonly string[];
}

/**
 * A connector that is nothing but the user operations a test gives it: no credentials, settings or provider
 * hosts, and a manifest declaring each given operation without parameters, so the runtime lets calls reach it.
 */
export function defineUsersOnlyConnector<Client>(options: UsersOnlyConnectorOptions<Client>) {
  const fields: Record<string, FieldCapability> = Object.fromEntries(
    (options.fields ?? ['id']).map((field) => [field, {}]),
  );
  const operations = Object.keys(options.users) as OperationName[];
  return defineConnectorV1({
    specificationVersion: 'v1',
    id: options.id,
    displayName: options.displayName,
    credentialsSchema: z.object({}),
    settingsSchema: z.object({}),
    providerHosts: [],
    manifest: {
      users: Object.fromEntries(operations.map((operation) => [operation, { parameters: {}, fields }])),
    },
    createClient: () => options.client,
    users: options.users,
  });
}
