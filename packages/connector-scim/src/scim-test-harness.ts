import type { OperationContext } from '@unidir/core';
import {
  createCapturingLogger,
  createLoopbackClient,
  createOperationContext,
  type FakeProviderServer,
} from '@unidir/testkit';
import type { ScimClient } from './scim-client.js';
import { createScimConnector, type ScimConnector } from './scim-connector.js';
import { startIndependentScimServer } from './scim-independent-server.js';
import type { ScimPreset } from './scim-presets.js';
import { type ScimFakeOptions, startScimFake } from './testing/scim-fake.js';
import type { ScimFakeStore } from './testing/scim-fake-store.js';

export type ScimProviderKind = 'our fake' | 'scimmy';
export const providerKinds: ScimProviderKind[] = ['our fake', 'scimmy'];

export interface ScimHarness {
  connector: ScimConnector;
  client: ScimClient;
  server: FakeProviderServer;
  store: ScimFakeStore;
  context(overrides?: Partial<OperationContext<ScimClient>>): OperationContext<ScimClient>;
  /** `METHOD /path` of every request but the discovery read, decoded. */
  calls(): string[];
  /** Write requests only (what changed or could change the provider). */
  writes(): string[];
  close(): Promise<void>;
}

/** Test support: a SCIM provider (this package's fake, or the independent scimmy server) and a client for it. */
export async function startHarness(
  kind: ScimProviderKind,
  options: ScimFakeOptions & { users?: number; groups?: number } = {},
  preset?: ScimPreset,
): Promise<ScimHarness> {
  const token = 'harness-token-0123456789abcdef';
  const provider =
    kind === 'our fake'
      ? await startScimFake({ ...options, token })
      : await startIndependentScimServer({
          users: options.users ?? 25,
          groups: options.groups,
          seed: options.seed,
          token,
        });
  const connector = createScimConnector({ preset, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  const logger = createCapturingLogger();
  const client = createLoopbackClient(connector, provider, { logger });
  const calls = () =>
    provider.server.journal.entries
      .filter((entry) => entry.route !== 'service-provider-config')
      .map((entry) => `${entry.method} ${decodeURIComponent(entry.path)}`);
  return {
    connector,
    client,
    server: provider.server,
    store: provider.store,
    context: (overrides = {}) => createOperationContext(client, { logger, ...overrides }),
    calls,
    writes: () => calls().filter((call) => !call.startsWith('GET ')),
    close: provider.close,
  };
}
