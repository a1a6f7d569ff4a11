import type { ConnectorEnvironment, OperationContext } from '@unidir/core';
import { createCapturingLogger, createLoopbackClient, createOperationContext } from '@unidir/testkit';
import type { OktaClient } from './okta-client.js';
import { createOktaConnector, type OktaConnectorOptions } from './okta-connector.js';
import { type OktaFake, type OktaFakeOptions, startOktaFake } from './testing/okta-fake.js';

/** Test support: an Okta fake, the connector, a client for the fake's account, and the journal as lines. */
export async function startHarness(
  fakeOptions: OktaFakeOptions = {},
  connectorOptions: OktaConnectorOptions = { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
  settings: Record<string, unknown> = {},
  environment: Partial<ConnectorEnvironment> = {},
) {
  const fake: OktaFake = await startOktaFake(fakeOptions);
  const connector = createOktaConnector(connectorOptions);
  const logger = createCapturingLogger();
  const client = createLoopbackClient(
    connector,
    { credentials: fake.credentials, settings: { ...fake.settings, ...settings } },
    { logger, ...environment },
  );
  const context = (overrides: Partial<OperationContext<OktaClient>> = {}) =>
    createOperationContext(client, { logger, ...overrides });
  /** `METHOD /decoded/path?query` for every request but token requests. */
  const journal = () =>
    fake.server.journal.entries
      .filter((entry) => entry.route !== 'token')
      .map((entry) => `${entry.method} ${decodeURIComponent(entry.path)}`);
  /** The n-th seeded user (index 1 is an ACTIVE end user in one seeded group). */
  const seededUser = (index: number) =>
    fake.directory.listUsers({ offset: index, limit: 1, includeDeleted: true }).users[0]!;
  return {
    fake,
    connector,
    client,
    context,
    logger,
    journal,
    seededUser,
    users: connector.users!,
    groups: connector.groups!,
    close: () => fake.close(),
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the operation to fail, but it succeeded.');
}
