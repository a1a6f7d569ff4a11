import type { ConnectorEnvironment, OperationContext } from '@unidir/core';
import { createCapturingLogger, createLoopbackClient, createOperationContext } from '@unidir/testkit';
import type { AzureAdClient } from './azure-ad-client.js';
import { type AzureAdConnectorOptions, createAzureAdConnector } from './azure-ad-connector.js';
import { type AzureAdFake, type AzureAdFakeOptions, startAzureAdFake } from './testing/azure-ad-fake.js';

/** Test support: a Graph fake, the connector, and a client for the fake's account. */
export async function startHarness(
  fakeOptions: AzureAdFakeOptions = {},
  connectorOptions: AzureAdConnectorOptions = {},
  environment: Partial<ConnectorEnvironment> = {},
) {
  const fake: AzureAdFake = await startAzureAdFake(fakeOptions);
  const connector = createAzureAdConnector(connectorOptions);
  const logger = createCapturingLogger();
  const client = createLoopbackClient(connector, fake, { logger, ...environment });
  const context = (overrides: Partial<OperationContext<AzureAdClient>> = {}) =>
    createOperationContext(client, { logger, ...overrides });
  const journal = () =>
    fake.server.journal.entries
      .filter((entry) => entry.route !== 'token')
      .map((entry) => `${entry.method} ${decodeURIComponent(entry.path)}`);
  return {
    fake,
    connector,
    client,
    context,
    logger,
    journal,
    users: connector.users!,
    groups: connector.groups!,
  };
}
