import type { ConnectorEnvironment, OperationContext } from '@unidir/core';
import { createCapturingLogger, createLoopbackClient, createOperationContext } from '@unidir/testkit';
import type { GitHubClient } from './github-client.js';
import { createGitHubConnector, type GitHubConnectorOptions } from './github-connector.js';
import { type GitHubFake, type GitHubFakeOptions, startGitHubFake } from './testing/github-fake.js';

/** Test support: a GitHub fake, the connector, and a client for the fake's token account. */
export async function startHarness(
  fakeOptions: GitHubFakeOptions = {},
  connectorOptions: GitHubConnectorOptions = { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
  environment: Partial<ConnectorEnvironment> = {},
  credentials: 'token' | 'app' = 'token',
) {
  const fake: GitHubFake = await startGitHubFake(fakeOptions);
  const connector = createGitHubConnector(connectorOptions);
  const logger = createCapturingLogger();
  const client = createLoopbackClient(
    connector,
    {
      credentials: credentials === 'token' ? fake.credentials : fake.appCredentials,
      settings: fake.settings,
    },
    { logger, ...environment },
  );
  const context = (overrides: Partial<OperationContext<GitHubClient>> = {}) =>
    createOperationContext(client, { logger, ...overrides });
  /** `METHOD /path status` per request the fake received, app token requests included. */
  const journal = () =>
    fake.server.journal.entries.map(
      (entry) => `${entry.method} ${decodeURIComponent(entry.path)} ${entry.status}`,
    );
  const organization = fake.settings.organizations[0]!;
  return {
    fake,
    connector,
    client,
    context,
    logger,
    journal,
    organization,
    users: connector.users!,
    groups: connector.groups!,
  };
}
