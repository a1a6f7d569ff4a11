import type { StartConnectorSandbox } from '@unidir/core';
import { startOktaFake } from './okta-fake.js';

/** A seeded Okta fake for sandbox accounts: the server points an account's settings at it. */
export const startSandbox: StartConnectorSandbox = async (options = {}) => {
  const fake = await startOktaFake({ users: options.users ?? 100, seed: options.seed, host: options.host });
  return { credentials: { ...fake.credentials }, settings: { ...fake.settings }, close: fake.close };
};
