export { type AzureAdFake, type AzureAdFakeOptions, startAzureAdFake } from './azure-ad-fake.js';
export type { GraphFakeDirectory, GraphUserOverrides } from './azure-ad-fake-records.js';
export { startSandbox } from './azure-ad-sandbox.js';
