import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recommendedNodeFlags } from '@unidir/server';
import { type BenchProcess, startBenchProcess } from './bench-process.js';
import type {
  FakeConnectorId,
  FakeProviderInfo,
  FakeProviderProcessOptions,
} from './processes/fake-provider-process.js';
import { createIntegratedAccount, type UnidirEndpoint } from './unidir-api.js';

export type FakeProcess = BenchProcess<FakeProviderInfo> & { connector: FakeConnectorId };

export async function startFakeProcess(connector: FakeConnectorId, users: number): Promise<FakeProcess> {
  const options: FakeProviderProcessOptions = { connector, users };
  const child = await startBenchProcess<FakeProviderInfo>('fake-provider-process', options);
  return Object.assign(child, { connector });
}

/**
 * The same fake seen through its pre-rendered front: every page it has rendered once is served again from
 * memory, so what reads it measures itself and not the fake. Shares the fake's process and journal.
 */
export function prerenderedView(fake: FakeProcess): FakeProcess {
  const { prerendered } = fake.info;
  return { ...fake, info: { ...fake.info, url: prerendered.url, settings: prerendered.settings } };
}

export async function startPassthroughProxy(upstream: string): Promise<BenchProcess<{ url: string }>> {
  return startBenchProcess<{ url: string }>('passthrough-proxy-process', { upstream });
}

/** Every `host:port` a fake's settings name (base_url, token_url), as the server's allow-list wants them. */
function providerHostsOf(fake: FakeProcess): string[] {
  return Object.entries(fake.info.settings)
    .filter(([name, value]) => name.endsWith('_url') && typeof value === 'string')
    .map(([, value]) => {
      const url = new URL(value as string);
      return `${url.protocol}//${url.host}`;
    });
}

export interface UnidirServerProcess {
  process: BenchProcess<{ url: string }>;
  endpoint: UnidirEndpoint;
  /** Creates a normal integrated account for the fake (the fake must have been allowed at start). */
  connect(fake: FakeProcess): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a unidir server in its own process on a fresh SQLite data folder, allowed to reach exactly the
 * given fakes (UNIDIR_ALLOWED_PROVIDER_HOSTS), with a random bootstrap token.
 */
export async function startUnidirServer(fakes: readonly FakeProcess[]): Promise<UnidirServerProcess> {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'unidir-bench-'));
  const token = randomBytes(24).toString('base64url');
  const allowedHosts = [...new Set(fakes.flatMap(providerHostsOf))];
  try {
    const child = await startBenchProcess<{ url: string }>(
      'unidir-server-process',
      {},
      {
        HOST: '127.0.0.1',
        PORT: '0',
        UNIDIR_DATA_DIR: dataDirectory,
        UNIDIR_BOOTSTRAP_TOKEN: token,
        UNIDIR_ALLOWED_PROVIDER_HOSTS: allowedHosts.join(','),
        LOG_LEVEL: 'warn',
      },
      recommendedNodeFlags,
    );
    const endpoint = { url: child.info.url, token };
    return {
      process: child,
      endpoint,
      connect: (fake) =>
        createIntegratedAccount(endpoint, {
          integration: fake.connector,
          credentials: fake.info.credentials,
          settings: fake.info.settings,
        }),
      async stop() {
        await child.stop();
        await rm(dataDirectory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDirectory, { recursive: true, force: true });
    throw error;
  }
}
