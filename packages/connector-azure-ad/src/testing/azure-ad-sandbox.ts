import type { StartConnectorSandbox } from '@unidir/core';
import { startAzureAdFake } from './azure-ad-fake.js';

/** A seeded Graph fake for sandbox accounts: the server points an account's settings at it. */
export const startSandbox: StartConnectorSandbox = async (options = {}) => {
  const fake = await startAzureAdFake({
    users: options.users ?? 100,
    seed: options.seed,
    host: options.host,
  });
  return { credentials: { ...fake.credentials }, settings: { ...fake.settings }, close: fake.close };
};
