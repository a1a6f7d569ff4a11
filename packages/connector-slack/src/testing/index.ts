export { type SlackFake, type SlackFakeOptions, startSlackFake } from './slack-fake.js';
export { indexOfSlackFakeId, slackFakeEnterpriseId, slackFakeId } from './slack-fake-ids.js';
export { accountTypeOf, SlackFakeOrg, type SlackFakeOrgOptions } from './slack-fake-org.js';
export type { MethodRateLimits } from './slack-fake-rate-limits.js';
export { FakeTokenStore, slackAdminScopes } from './slack-fake-tokens.js';
export { startSandbox } from './slack-sandbox.js';
