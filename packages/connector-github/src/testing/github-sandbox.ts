import type { StartConnectorSandbox } from '@unidir/core';
import { startGitHubFake } from './github-fake.js';

/** A seeded GitHub fake for sandbox accounts: one organization, a personal access token. */
export const startSandbox: StartConnectorSandbox = async (options = {}) => {
  const fake = await startGitHubFake({
    users: options.users ?? 100,
    seed: options.seed,
    journalLimit: 1000,
    host: options.host,
  });
  return { credentials: { ...fake.credentials }, settings: { ...fake.settings }, close: fake.close };
};
