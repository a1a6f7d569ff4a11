import type { SandboxListenerHost } from '@unidir/core';
import { SeededDirectory } from './seeded-directory.js';

/** How a provider fake seeds its directory, and where it serves; every connector's fake takes these. */
export interface FakeDirectoryOptions {
  /** Seeded users (0 to millions, generated on demand). Default 25. */
  users?: number;
  /** Default: scales with users (see SeededDirectory). */
  groups?: number;
  seed?: number;
  /** The directory's primary domain. Default `unidir.test`. */
  domain?: string;
  now?: () => number;
  /** Serve from this shared loopback listener instead of a port of the fake's own (sandbox accounts). */
  host?: SandboxListenerHost;
}

/** The directory behind a provider fake, so every fake seeds the same way from the same options. */
export function createFakeDirectory<ProviderUser>(
  options: FakeDirectoryOptions,
): SeededDirectory<ProviderUser> {
  return new SeededDirectory<ProviderUser>({
    users: options.users ?? 25,
    groups: options.groups,
    seed: options.seed,
    domain: options.domain,
    now: options.now,
  });
}
