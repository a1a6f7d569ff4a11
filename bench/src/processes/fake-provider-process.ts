import type { FakeProviderServer, FaultRule } from '@unidir/testkit';
import { summarizeJournal } from '../journal-summary.js';
import { readProcessOptions, serveBenchProcess } from './process-protocol.js';

export type FakeConnectorId = 'azure-ad' | 'google-workspace';

export interface FakeProviderProcessOptions {
  connector: FakeConnectorId;
  users: number;
  seed?: number;
}

export interface FakeProviderInfo {
  url: string;
  credentials: Record<string, unknown>;
  settings: Record<string, unknown>;
}

const options = readProcessOptions<FakeProviderProcessOptions>();

interface StartedFake {
  server: FakeProviderServer;
  credentials: Record<string, unknown>;
  settings: Record<string, unknown>;
  close(): Promise<void>;
}

async function startFake(): Promise<StartedFake> {
  const fakeOptions = { users: options.users, seed: options.seed };
  if (options.connector === 'azure-ad') {
    const { startAzureAdFake } = await import('@unidir/connector-azure-ad/testing');
    return startAzureAdFake(fakeOptions);
  }
  const { startGoogleWorkspaceFake } = await import('@unidir/connector-google-workspace/testing');
  return startGoogleWorkspaceFake(fakeOptions);
}

const fake = await startFake();
const apiPathPrefix = new URL(String(fake.settings.base_url)).pathname;
serveBenchProcess({
  info: {
    url: fake.server.url,
    credentials: fake.credentials,
    settings: fake.settings,
  } satisfies FakeProviderInfo,
  commands: {
    'journal-summary': () => summarizeJournal(fake.server.journal.entries, apiPathPrefix),
    'clear-journal': () => fake.server.journal.clear(),
    'inject-fault': (rule) => fake.server.injectFault(rule as FaultRule),
    'clear-faults': () => fake.server.clearFaults(),
  },
  close: () => fake.close(),
});
