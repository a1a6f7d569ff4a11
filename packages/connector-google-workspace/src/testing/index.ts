export {
  type GoogleWorkspaceFake,
  type GoogleWorkspaceFakeOptions,
  startGoogleWorkspaceFake,
} from './google-workspace-fake.js';
export { GoogleFakeDirectory, type GoogleUserExtras } from './google-workspace-fake-directory.js';
export { googleErrorBody, googleRateLimitFault } from './google-workspace-fake-errors.js';
export { GoogleFakeGroups } from './google-workspace-fake-groups.js';
export { createGoogleFakeIds, type GoogleFakeIds } from './google-workspace-fake-ids.js';
export { fakeLicenseProducts, fakeSkuOf } from './google-workspace-fake-licensing.js';
export {
  type GoogleActivity as GoogleFakeActivity,
  GoogleFakeAuditLog,
} from './google-workspace-fake-reports.js';
export { directoryScopes, otherApiScopes } from './google-workspace-fake-scopes.js';
export { FakeTokenIssuer, googleTokenAudience } from './google-workspace-fake-token.js';
export { startSandbox } from './google-workspace-sandbox.js';
