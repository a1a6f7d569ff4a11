import type { StartConnectorSandbox } from '@unidir/core';
import { startGoogleWorkspaceFake } from './google-workspace-fake.js';

/** A sandbox account: the connector's settings point at a seeded loopback fake. */
export const startSandbox: StartConnectorSandbox = async (options = {}) => {
  const fake = await startGoogleWorkspaceFake({
    users: options.users ?? 50,
    seed: options.seed,
    host: options.host,
  });
  return { credentials: { ...fake.credentials }, settings: { ...fake.settings }, close: fake.close };
};
