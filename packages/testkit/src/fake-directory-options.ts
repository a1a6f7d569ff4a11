import { SeededDirectory } from './seeded-directory.js';

/** How a provider fake seeds its directory; every connector's fake takes these. */
export interface FakeDirectoryOptions {
  /** Seeded users (0 to millions, generated on demand). Default 25. */
  users?: number;
  /** Default: scales with users (see SeededDirectory). */
  groups?: number;
  seed?: number;
  /** The directory's primary domain. Default `unidir.test`. */
  domain?: string;
  now?: () => number;
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
