import type { StartConnectorSandbox } from '@unidir/core';
import { startExampleRestFake } from './example-rest-fake.js';

export { type ExampleRestFake, startExampleRestFake } from './example-rest-fake.js';

/** A seeded fake for sandbox accounts: the server points an account's settings at it. */
export const startSandbox: StartConnectorSandbox = async (options = {}) => {
  const fake = await startExampleRestFake({
    users: options.users ?? 50,
    seed: options.seed,
    host: options.host,
  });
  return { credentials: { ...fake.credentials }, settings: { ...fake.settings }, close: fake.close };
};
