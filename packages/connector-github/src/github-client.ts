import {
  createProviderHttpClient,
  createStaticTokenProvider,
  type ProviderHttpClient,
  type RetryPolicy,
  type TokenProvider,
} from '@unidir/connector-utils';
import type { ConnectorAccount, ConnectorEnvironment } from '@unidir/core';
import { createAppJwtProvider, createInstallationTokenProvider } from './github-app-auth.js';
import { parseGitHubError } from './github-error.js';
import { gitHubRetryAfterMs, isGitHubRateLimited } from './github-rate-limit.js';
import {
  type GitHubCredentials,
  type GitHubParsedSettings,
  gitHubApiVersion,
  isAppCredentials,
} from './github-settings.js';

/** What every operation of this connector receives as `context.client`. */
export interface GitHubClient {
  http: ProviderHttpClient;
  settings: GitHubParsedSettings;
  /** For a GitHub App: the client that authenticates as the app itself (its JWT), for `GET /app`. */
  appHttp?: ProviderHttpClient;
}

export interface GitHubClientOptions {
  retry?: Partial<RetryPolicy>;
}

function secretsOf(credentials: GitHubCredentials): string[] {
  return isAppCredentials(credentials) ? [credentials.private_key] : [credentials.token];
}

export function createGitHubClient(
  account: ConnectorAccount<GitHubCredentials, GitHubParsedSettings>,
  environment: ConnectorEnvironment,
  options: GitHubClientOptions = {},
): GitHubClient {
  const { credentials, settings } = account;
  const now = environment.now ?? Date.now;
  const shared = {
    baseUrl: settings.base_url,
    dispatcher: environment.dispatcher,
    allowInsecure: environment.allowInsecureProviderUrls,
    headers: { accept: 'application/vnd.github+json', 'x-github-api-version': gitHubApiVersion },
    // GitHub throttles with 403 as well as 429; its own headers say how long to wait.
    retry: { isRateLimited: isGitHubRateLimited, retryAfterMs: gitHubRetryAfterMs, ...options.retry },
    parseError: parseGitHubError,
    secrets: secretsOf(credentials),
    logger: environment.logger,
    now: environment.now,
  };
  let tokenProvider: TokenProvider;
  let appHttp: ProviderHttpClient | undefined;
  if (isAppCredentials(credentials)) {
    appHttp = createProviderHttpClient({ ...shared, tokenProvider: createAppJwtProvider(credentials, now) });
    tokenProvider = createInstallationTokenProvider({
      credentials,
      appHttp,
      baseUrl: settings.base_url,
      credentialStore: environment.credentialStore,
      now,
      logger: environment.logger,
    });
  } else {
    tokenProvider = createStaticTokenProvider(credentials.token);
  }
  const http = createProviderHttpClient({ ...shared, tokenProvider });
  return { http, settings, ...(appHttp ? { appHttp } : {}) };
}
