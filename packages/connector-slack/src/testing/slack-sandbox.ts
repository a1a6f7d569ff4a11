import type { StartConnectorSandbox } from '@unidir/core';
import { startSlackFake } from './slack-fake.js';

/** A seeded Slack Grid fake for sandbox accounts: the server points an account's settings at it. */
export const startSandbox: StartConnectorSandbox = async (options = {}) => {
  const fake = await startSlackFake({
    users: options.users ?? 100,
    seed: options.seed,
    journalLimit: 1000,
    host: options.host,
  });
  return { credentials: { ...fake.credentials }, settings: { ...fake.settings }, close: fake.close };
};
