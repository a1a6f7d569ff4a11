export { type ScimFake, type ScimFakeOptions, startScimFake } from './scim-fake.js';
export { ScimFakeStore, type ScimUserExtras } from './scim-fake-store.js';
export { sandboxes, startSandbox } from './scim-sandbox.js';
