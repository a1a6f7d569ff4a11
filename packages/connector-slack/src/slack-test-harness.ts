import type { ConnectorEnvironment, OperationContext } from '@unidir/core';
import { createCapturingLogger, createLoopbackClient, createOperationContext, seedId } from '@unidir/testkit';
import type { SlackClient } from './slack-client.js';
import { createSlackConnector, type SlackConnectorOptions } from './slack-connector.js';
import { type SlackFakeOptions, startSlackFake } from './testing/slack-fake.js';

/** Test support: a Slack fake, the connector, a client for the fake's account, and the journal as lines. */
export async function startHarness(
  fakeOptions: SlackFakeOptions = {},
  connectorOptions: SlackConnectorOptions = { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
  environment: Partial<ConnectorEnvironment> = {},
) {
  const fake = await startSlackFake({ users: 23, ...fakeOptions });
  const connector = createSlackConnector(connectorOptions);
  const logger = createCapturingLogger();
  const client = createLoopbackClient(connector, fake, { logger, ...environment });
  const context = (overrides: Partial<OperationContext<SlackClient>> = {}) =>
    createOperationContext(client, { logger, ...overrides });
  const journal = () =>
    fake.server.journal.entries
      .filter((entry) => entry.route !== 'oauth.v2.access')
      .map((entry) => `${entry.method} ${decodeURIComponent(entry.path)}`);
  /** The seeded user at `index`, with its Slack id. */
  const seedUser = (index: number) => {
    const user = fake.directory.userById(seedId(fake.directory.seed, 'user', index), {
      includeDeleted: true,
    });
    if (!user) throw new Error(`no seeded user ${index}`);
    return { seed: user, id: fake.userId(user) };
  };
  return {
    fake,
    connector,
    client,
    context,
    logger,
    journal,
    seedUser,
    users: connector.users!,
    groups: connector.groups!,
  };
}
