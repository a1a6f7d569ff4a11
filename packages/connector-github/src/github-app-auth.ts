import {
  createCachedTokenProvider,
  type ProviderHttpClient,
  signJwtRs256,
  type TokenProvider,
  tokenCacheKey,
} from '@unidir/connector-utils';
import { type ConnectorLogger, type CredentialStore, ProviderInvalidResponseError } from '@unidir/core';
import type { GitHubAppCredentials } from './github-settings.js';

/** GitHub refuses app JWTs that live more than 10 minutes; iat is back-dated a minute for clock drift. */
const jwtBackdateSeconds = 60;
const jwtLifetimeSeconds = 9 * 60;
/** Budget for one installation-token request, which runs outside any caller's deadline. */
const tokenRequestBudgetMs = 30_000;

/** The app's own RS256 JWT (`iss` = app id): it authenticates `/app` endpoints only. */
export function createAppJwtProvider(credentials: GitHubAppCredentials, now: () => number): TokenProvider {
  const sign = () => {
    const issuedAt = Math.floor(now() / 1000) - jwtBackdateSeconds;
    return signJwtRs256(
      { iat: issuedAt, exp: issuedAt + jwtLifetimeSeconds, iss: credentials.app_id },
      credentials.private_key,
    );
  };
  return { getToken: async () => sign() };
}

interface InstallationToken {
  token?: unknown;
  expires_at?: unknown;
}

/**
 * Installation tokens (one hour) bought with the app JWT through `POST /app/installations/{id}/access_tokens`,
 * cached and refreshed single-flight by connector-utils' cached token provider. The token request is sent
 * even in a dry run: it changes nothing in the organization.
 */
export function createInstallationTokenProvider(options: {
  credentials: GitHubAppCredentials;
  appHttp: ProviderHttpClient;
  baseUrl: string;
  credentialStore?: CredentialStore;
  now: () => number;
  logger: ConnectorLogger;
}): TokenProvider {
  const { credentials, appHttp, now, logger } = options;
  return createCachedTokenProvider({
    cacheKey: tokenCacheKey({
      provider: 'github',
      app: credentials.app_id,
      installation: credentials.installation_id,
      baseUrl: options.baseUrl,
    }),
    credentialStore: options.credentialStore,
    now,
    logger,
    async obtain() {
      const response = await appHttp.request<InstallationToken>(
        {
          method: 'POST',
          path: ['app', 'installations', credentials.installation_id, 'access_tokens'],
          description: 'create installation access token',
        },
        {
          signal: AbortSignal.timeout(tokenRequestBudgetMs),
          deadline: now() + tokenRequestBudgetMs,
          dryRun: false,
          providerCalls: [],
          logger,
        },
      );
      const { token, expires_at: expiresAt } = response.body ?? {};
      const expiry = typeof expiresAt === 'string' ? Date.parse(expiresAt) : Number.NaN;
      if (typeof token !== 'string' || token.length === 0 || Number.isNaN(expiry)) {
        throw new ProviderInvalidResponseError({
          message: 'GitHub answered the installation token request without a token and its expiry.',
        });
      }
      return { accessToken: token, expiresAt: expiry, tokenType: 'bearer' };
    },
  });
}
