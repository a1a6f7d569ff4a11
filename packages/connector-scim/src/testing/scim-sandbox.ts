import type { StartConnectorSandbox } from '@unidir/core';
import { scimPresets } from '../scim-presets.js';
import { type ScimFakeOptions, startScimFake } from './scim-fake.js';

function sandboxStarter(fakeOptions: ScimFakeOptions = {}): StartConnectorSandbox {
  return async (options = {}) => {
    const fake = await startScimFake({
      ...fakeOptions,
      users: options.users ?? 100,
      seed: options.seed,
      journalLimit: 1000,
      host: options.host,
    });
    return { credentials: { ...fake.credentials }, settings: { ...fake.settings }, close: fake.close };
  };
}

/** A seeded SCIM fake for sandbox accounts of the generic `scim` integration. */
export const startSandbox: StartConnectorSandbox = sandboxStarter();

/** One sandbox per preset integration, its fake behaving with that app's quirks. */
export const sandboxes: Readonly<Record<string, StartConnectorSandbox>> = Object.fromEntries(
  scimPresets.map((preset) => [preset.id, sandboxStarter({ quirks: preset.quirks })]),
);
