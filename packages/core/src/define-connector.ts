import type { UserDirectoryConnectorV1 } from './connector-v1.js';

/** Returns the connector unchanged; it exists so TypeScript infers the credentials, settings and client types. */
export function defineConnectorV1<Credentials, Settings, Client>(
  connector: UserDirectoryConnectorV1<Credentials, Settings, Client>,
): UserDirectoryConnectorV1<Credentials, Settings, Client> {
  return connector;
}
