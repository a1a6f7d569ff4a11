import {
  createJwtBearerTokenProvider,
  createMemoryCredentialStore,
  createProviderHttpClient,
  createRefreshTokenProvider,
  type ProviderCallContext,
  type ProviderHttpClient,
  type ProviderRequest,
  type ProviderResponse,
  type RetryPolicy,
  type TokenProvider,
} from '@unidir/connector-utils';
import type { ConnectorAccount, ConnectorEnvironment } from '@unidir/core';
import { RateLimitedError, UnidirError } from '@unidir/core';
import { isGoogleRateLimited, parseGoogleError } from './google-workspace-error.js';
import {
  type GoogleWorkspaceCredentials,
  type GoogleWorkspaceSettings,
  isServiceAccount,
  listScopeOf,
} from './google-workspace-settings.js';

const scope = (name: string) => `https://www.googleapis.com/auth/${name}`;

/** The least the connector needs: manage users, remove members, read groups. */
export const googleWorkspaceScopes = [
  scope('admin.directory.user'),
  scope('admin.directory.group.member'),
  scope('admin.directory.group.readonly'),
] as const;

const directoryRoot = ['admin', 'directory', 'v1'] as const;
/** Google's documented backoff tops out at 64 s. */
const maximumSuggestedWaitSeconds = 64;

export interface GoogleWorkspaceClientOptions {
  retry?: Partial<RetryPolicy>;
}

export interface GoogleWorkspaceClient {
  /** A Directory API call; `path` is under /admin/directory/v1. */
  request<Body>(
    request: ProviderRequest & { path: readonly string[] },
    context: ProviderCallContext,
  ): Promise<ProviderResponse<Body>>;
  /** `{customer}` or `{domain}` for users.list and groups.list. */
  readonly listScope: { customer: string } | { domain: string };
}

function createTokenProvider(
  account: ConnectorAccount<GoogleWorkspaceCredentials, GoogleWorkspaceSettings>,
  environment: ConnectorEnvironment,
): TokenProvider {
  const { credentials, settings } = account;
  const common = {
    tokenUrl: settings.token_url,
    dispatcher: environment.dispatcher,
    allowInsecure: environment.allowInsecureProviderUrls,
    now: environment.now,
    logger: environment.logger,
  };
  if (isServiceAccount(credentials)) {
    return createJwtBearerTokenProvider({
      ...common,
      clientEmail: credentials.client_email,
      privateKey: credentials.private_key,
      subject: credentials.subject,
      scopes: googleWorkspaceScopes,
      cacheKey: `google-workspace:${account.id}:${credentials.client_email}:${credentials.subject}:${googleWorkspaceScopes.join(' ')}`,
      credentialStore: environment.credentialStore,
    });
  }
  return createRefreshTokenProvider({
    ...common,
    clientId: credentials.client_id,
    clientSecret: credentials.client_secret,
    cacheKey: `google-workspace:${account.id}:${credentials.client_id}`,
    credentialStore: environment.credentialStore ?? createMemoryCredentialStore(credentials),
  });
}

function secretsOf(credentials: GoogleWorkspaceCredentials): string[] {
  return isServiceAccount(credentials)
    ? [credentials.private_key]
    : [
        credentials.client_secret,
        credentials.refresh_token,
        ...(credentials.access_token ? [credentials.access_token] : []),
      ];
}

function isRateLimitedWithoutWait(error: unknown): error is RateLimitedError {
  return (
    UnidirError.isInstance(error) &&
    error.code === 'rate_limited' &&
    (error as RateLimitedError).retryAfterSeconds === undefined
  );
}

export function createGoogleWorkspaceClient(
  account: ConnectorAccount<GoogleWorkspaceCredentials, GoogleWorkspaceSettings>,
  environment: ConnectorEnvironment,
  options: GoogleWorkspaceClientOptions = {},
): GoogleWorkspaceClient {
  const retry: Partial<RetryPolicy> = { isRateLimited: isGoogleRateLimited, ...options.retry };
  const http: ProviderHttpClient = createProviderHttpClient({
    baseUrl: account.settings.base_url,
    dispatcher: environment.dispatcher,
    allowInsecure: environment.allowInsecureProviderUrls,
    tokenProvider: createTokenProvider(account, environment),
    retry,
    parseError: parseGoogleError,
    secrets: secretsOf(account.credentials),
    logger: environment.logger,
    now: environment.now,
  });
  const attempts = retry.maxAttempts ?? 3;
  const suggestedWaitSeconds = Math.min(maximumSuggestedWaitSeconds, 2 ** attempts);
  return {
    listScope: listScopeOf(account.settings),
    async request<Body>(
      request: ProviderRequest & { path: readonly string[] },
      context: ProviderCallContext,
    ) {
      try {
        return await http.request<Body>({ ...request, path: [...directoryRoot, ...request.path] }, context);
      } catch (error) {
        // Google throttles without Retry-After; the caller still needs a wait, so suggest its next backoff step.
        if (isRateLimitedWithoutWait(error)) {
          throw new RateLimitedError({
            message: error.message,
            retryAfterSeconds: suggestedWaitSeconds,
            cause: error,
          });
        }
        throw error;
      }
    },
  };
}
