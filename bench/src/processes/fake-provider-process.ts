import type { FakeProviderServer, FaultRule } from '@unidir/testkit';
import { summarizeJournal } from '../journal-summary.js';
import { startPrerenderedProvider } from './prerendered-provider.js';
import { readProcessOptions, serveBenchProcess } from './process-protocol.js';

export type FakeConnectorId = 'azure-ad' | 'google-workspace' | 'okta' | 'github' | 'slack' | 'scim';

export interface FakeProviderProcessOptions {
  connector: FakeConnectorId;
  users: number;
  seed?: number;
}

export interface FakeProviderInfo {
  url: string;
  credentials: Record<string, unknown>;
  settings: Record<string, unknown>;
  /** The same fake behind a front serving every page it rendered once from memory. */
  prerendered: { url: string; settings: Record<string, unknown> };
}

/** The settings with every URL on `from` moved to `to` (base_url, token_url, ...). */
function settingsOn(settings: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(settings).map(([name, value]) => [
      name,
      typeof value === 'string' && value.startsWith(from) ? `${to}${value.slice(from.length)}` : value,
    ]),
  );
}

const options = readProcessOptions<FakeProviderProcessOptions>();

interface StartedFake {
  server: FakeProviderServer;
  credentials: Record<string, unknown>;
  settings: Record<string, unknown>;
  close(): Promise<void>;
}

/** Each connector's loopback fake, from its `./testing` entry. */
const fakeStarters: Record<
  FakeConnectorId,
  (fakeOptions: { users: number; seed?: number }) => Promise<StartedFake>
> = {
  'azure-ad': async (fakeOptions) =>
    (await import('@unidir/connector-azure-ad/testing')).startAzureAdFake(fakeOptions),
  'google-workspace': async (fakeOptions) =>
    (await import('@unidir/connector-google-workspace/testing')).startGoogleWorkspaceFake(fakeOptions),
  okta: async (fakeOptions) => (await import('@unidir/connector-okta/testing')).startOktaFake(fakeOptions),
  github: async (fakeOptions) =>
    (await import('@unidir/connector-github/testing')).startGitHubFake(fakeOptions),
  slack: async (fakeOptions) => (await import('@unidir/connector-slack/testing')).startSlackFake(fakeOptions),
  scim: async (fakeOptions) => (await import('@unidir/connector-scim/testing')).startScimFake(fakeOptions),
};

function startFake(): Promise<StartedFake> {
  return fakeStarters[options.connector]({ users: options.users, seed: options.seed });
}

const fake = await startFake();
const prerendered = await startPrerenderedProvider(fake.server.url);
// Okta names its API root by the org URL alone.
const apiPathPrefix = new URL(String(fake.settings.base_url ?? fake.settings.org_url)).pathname;
serveBenchProcess({
  info: {
    url: fake.server.url,
    credentials: fake.credentials,
    settings: fake.settings,
    prerendered: {
      url: prerendered.url,
      settings: settingsOn(fake.settings, fake.server.url, prerendered.url),
    },
  } satisfies FakeProviderInfo,
  commands: {
    'journal-summary': () => summarizeJournal(fake.server.journal.entries, apiPathPrefix),
    'clear-journal': () => fake.server.journal.clear(),
    'inject-fault': (rule) => fake.server.injectFault(rule as FaultRule),
    'clear-faults': () => fake.server.clearFaults(),
    'prerendered-counts': () => prerendered.counts(),
  },
  close: async () => {
    await prerendered.close();
    await fake.close();
  },
});
