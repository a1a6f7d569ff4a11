import type { OperationContext } from '@unidir/core';
import { createLoopbackClient, createOperationContext } from '@unidir/testkit';
import type { GoogleWorkspaceClient } from '../google-workspace-client.js';
import {
  createGoogleWorkspaceConnector,
  type GoogleWorkspaceConnectorOptions,
} from '../google-workspace-connector.js';
import {
  type GoogleWorkspaceFake,
  type GoogleWorkspaceFakeOptions,
  startGoogleWorkspaceFake,
} from './google-workspace-fake.js';

export interface ConnectedFake {
  fake: GoogleWorkspaceFake;
  connector: ReturnType<typeof createGoogleWorkspaceConnector>;
  client: GoogleWorkspaceClient;
  /** A fresh OperationContext for one unified call. */
  context(
    overrides?: Partial<OperationContext<GoogleWorkspaceClient>>,
  ): OperationContext<GoogleWorkspaceClient>;
  close(): Promise<void>;
}

/** A fake and a connector client aimed at it, authenticated as the fake's service account. */
export async function startConnectedFake(
  options: GoogleWorkspaceFakeOptions & {
    connector?: GoogleWorkspaceConnectorOptions;
    settings?: Record<string, unknown>;
  } = {},
): Promise<ConnectedFake> {
  const fake = await startGoogleWorkspaceFake(options);
  const connector = createGoogleWorkspaceConnector(options.connector);
  const client = createLoopbackClient(connector, {
    credentials: fake.credentials,
    settings: { ...fake.settings, ...options.settings },
  });
  return {
    fake,
    connector,
    client,
    context: (overrides) => createOperationContext(client, overrides),
    close: () => fake.close(),
  };
}
