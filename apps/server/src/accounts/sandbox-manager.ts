import type { ConnectorSandbox, StartConnectorSandbox } from '@unidir/core';
import { type FakeServerHost, startFakeServerHost } from '@unidir/testkit';
import type { AllowedProviderHost } from '../config/allowed-provider-hosts.js';
import { normalizeHostname } from '../config/allowed-provider-hosts.js';

export const defaultSandboxUsers = 200;
export const maximumSandboxUsers = 1_000_000;

/** Finds the sandbox starter of an integration (a connector package's `./testing` entry). */
export type SandboxStarterLookup = (integration: string) => Promise<StartConnectorSandbox | undefined>;

/**
 * The running fakes behind sandbox accounts: started on first use (also after a restart, with freshly
 * seeded data), one per account, closed when the account is deleted or the server stops. They are mounted
 * on one shared loopback listener, each under a path of its own, so many sandboxes hold one socket (and one
 * connection pool) rather than one each.
 */
export class SandboxManager {
  private readonly running = new Map<string, Promise<ConnectorSandbox>>();
  private readonly destinations = new Map<string, AllowedProviderHost[]>();
  private host: Promise<FakeServerHost> | undefined;

  constructor(
    private readonly findStarter: SandboxStarterLookup,
    private readonly problemOf: (integration: string) => string | undefined = () => undefined,
  ) {}

  /** Why an integration has no sandbox, in words an operator can act on. */
  async unavailableReason(integration: string): Promise<string | undefined> {
    if (await this.supports(integration)) return undefined;
    return this.problemOf(integration) ?? `${integration} offers no sandbox`;
  }

  async supports(integration: string): Promise<boolean> {
    return (await this.findStarter(integration)) !== undefined;
  }

  get(account: { id: string; integration: string; sandboxUsers: number | null }): Promise<ConnectorSandbox> {
    const existing = this.running.get(account.id);
    if (existing) return existing;
    const starting = this.start(account);
    this.running.set(account.id, starting);
    starting.catch(() => this.running.delete(account.id));
    return starting;
  }

  /** The loopback host:port pairs of running sandboxes: the only places sandbox accounts may reach. */
  allowedDestinations(): AllowedProviderHost[] {
    return [...this.destinations.values()].flat();
  }

  async close(accountId: string): Promise<void> {
    const sandbox = this.running.get(accountId);
    this.running.delete(accountId);
    this.destinations.delete(accountId);
    await (await sandbox?.catch(() => undefined))?.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((accountId) => this.close(accountId)));
    const host = this.host;
    this.host = undefined;
    await (await host?.catch(() => undefined))?.close();
  }

  private async start(account: { id: string; integration: string; sandboxUsers: number | null }) {
    const starter = await this.findStarter(account.integration);
    if (!starter) {
      throw new Error(
        `No sandbox is available for ${account.integration}: ${this.problemOf(account.integration) ?? 'none offered'}.`,
      );
    }
    this.host ??= startFakeServerHost();
    const sandbox = await starter({
      users: account.sandboxUsers ?? defaultSandboxUsers,
      host: await this.host,
    });
    this.destinations.set(account.id, destinationsOf(sandbox.settings));
    return sandbox;
  }
}

function destinationsOf(settings: Record<string, unknown>): AllowedProviderHost[] {
  return Object.entries(settings)
    .filter(([name, value]) => name.endsWith('_url') && typeof value === 'string')
    .map(([, value]) => new URL(value as string))
    .map((url) => ({
      hostname: normalizeHostname(url.hostname),
      port: Number(url.port) || (url.protocol === 'http:' ? 80 : 443),
      allowHttp: true,
    }));
}
