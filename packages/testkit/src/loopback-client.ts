import type { ConnectorEnvironment, UserDirectoryConnectorV1 } from '@unidir/core';
import { silentLogger } from './capturing-logger.js';

/** An account aimed at a loopback fake: what a sandbox or a fake hands out, not yet validated. */
export interface LoopbackAccount {
  id?: string;
  credentials: unknown;
  settings: unknown;
}

/**
 * A connector client for an account on a loopback fake, built the way a host builds one: the credentials and
 * settings go through the connector's own schemas (so their defaults and checks apply), and plain-http
 * provider URLs are allowed because the fake listens on 127.0.0.1.
 */
export function createLoopbackClient<Credentials, Settings, Client>(
  connector: Pick<
    UserDirectoryConnectorV1<Credentials, Settings, Client>,
    'createClient' | 'credentialsSchema' | 'settingsSchema'
  >,
  account: LoopbackAccount,
  environment: Partial<ConnectorEnvironment> = {},
): Client {
  return connector.createClient(
    {
      id: account.id ?? 'test-account',
      credentials: connector.credentialsSchema.parse(account.credentials),
      settings: connector.settingsSchema.parse(account.settings),
    },
    { logger: silentLogger, allowInsecureProviderUrls: true, ...environment },
  );
}
