export { type GitHubFake, type GitHubFakeOptions, startGitHubFake } from './github-fake.js';
export type { FakeAppCredentials, GitHubFakeAuth } from './github-fake-auth.js';
export { type GitHubFakeOrganizationState, GitHubFakeRefusal } from './github-fake-organization.js';
export { loginOf, personIdOf, slugOf } from './github-fake-records.js';
export { startSandbox } from './github-sandbox.js';
