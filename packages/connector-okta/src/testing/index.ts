export { type OktaFake, type OktaFakeOptions, startOktaFake } from './okta-fake.js';
export type { FakeGroupStore } from './okta-fake-group-store.js';
export type { OktaFakeDirectory, OktaUserExtras } from './okta-fake-records.js';
export { startSandbox } from './okta-sandbox.js';
