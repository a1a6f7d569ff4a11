import { createGitHubConnector } from './github-connector.js';

export { createGitHubClient, type GitHubClient, type GitHubClientOptions } from './github-client.js';
export {
  createGitHubConnector,
  type GitHubConnector,
  type GitHubConnectorOptions,
} from './github-connector.js';
export { parseGitHubError } from './github-error.js';
export { gitHubManifest } from './github-manifest.js';
export { type GitHubTeam, type GitHubUser, mapGitHubTeam, mapGitHubUser } from './github-mapping.js';
export { gitHubRetryAfterMs, isGitHubRateLimited } from './github-rate-limit.js';
export {
  type GitHubAppCredentials,
  type GitHubCredentials,
  type GitHubParsedSettings,
  type GitHubSettings,
  type GitHubTokenCredentials,
  gitHubApiVersion,
  gitHubCredentialsSchema,
  gitHubProviderHosts,
  gitHubSettingsSchema,
} from './github-settings.js';

export const VERSION = '0.1.0';

/** The connector with default options, as hosts load it by package name. */
export const connector = createGitHubConnector();
export default connector;
