import {
  createMemoryCredentialStore,
  createProviderHttpClient,
  createRefreshTokenProvider,
  createStaticTokenProvider,
  type ProviderHttpClient,
  type RetryPolicy,
  type TokenProvider,
  tokenCacheKey,
} from '@unidir/connector-utils';
import type { ConnectorAccount, ConnectorEnvironment, CredentialStore } from '@unidir/core';
import { parseSlackHttpError } from './slack-error.js';
import {
  resolveSlackEndpoints,
  type SlackCredentials,
  type SlackEndpoints,
  type SlackParsedSettings,
  type SlackRotatingTokenCredentials,
} from './slack-settings.js';

/** What every operation of this connector receives as `context.client`: one token, two APIs. */
export interface SlackClient {
  /** The Web API (`https://slack.com/api/<method>`) with the admin user token. */
  web: ProviderHttpClient;
  /** The Web API for plain reads: the bot token when the account has one, else `web`. */
  webReads: ProviderHttpClient;
  /** SCIM v2 (`https://api.slack.com/scim/v2`). */
  scim: ProviderHttpClient;
  endpoints: SlackEndpoints;
}

export interface SlackClientOptions {
  retry?: Partial<RetryPolicy>;
}

function isRotating(credentials: SlackCredentials): credentials is SlackRotatingTokenCredentials {
  return 'refresh_token' in credentials;
}

/** An install that just happened hands over its first access token: stored so the first call needs no refresh. */
function seededWithInitialToken(
  provider: TokenProvider,
  store: CredentialStore,
  cacheKey: string,
  credentials: SlackRotatingTokenCredentials,
): TokenProvider {
  let seeded: Promise<void> | undefined;
  const seed = async () => {
    if (credentials.access_token === undefined || credentials.expires_at === undefined) return;
    if ((await store.loadToken(cacheKey)) !== undefined) return;
    await store.saveToken(cacheKey, {
      accessToken: credentials.access_token,
      expiresAt: credentials.expires_at,
    });
  };
  return {
    async getToken(options) {
      seeded ??= seed();
      await seeded;
      return provider.getToken(options);
    },
  };
}

function createTokenProvider(
  credentials: SlackCredentials,
  endpoints: SlackEndpoints,
  environment: ConnectorEnvironment,
): TokenProvider {
  if (!isRotating(credentials)) return createStaticTokenProvider(credentials.access_token);
  const cacheKey = tokenCacheKey({
    provider: 'slack',
    client: credentials.client_id,
    tokenUrl: endpoints.token,
    grant: 'refresh_token',
  });
  // Slack retires a refresh token when it is used: the rotated one must outlast this client.
  const credentialStore = environment.credentialStore ?? createMemoryCredentialStore(credentials);
  const provider = createRefreshTokenProvider({
    tokenUrl: endpoints.token,
    clientId: credentials.client_id,
    clientSecret: credentials.client_secret,
    cacheKey,
    credentialStore,
    dispatcher: environment.dispatcher,
    allowInsecure: environment.allowInsecureProviderUrls,
    now: environment.now,
    logger: environment.logger,
  });
  return seededWithInitialToken(provider, credentialStore, cacheKey, credentials);
}

function secretsOf(credentials: SlackCredentials): string[] {
  const values = [
    credentials.access_token,
    credentials.bot_token,
    'client_secret' in credentials ? credentials.client_secret : undefined,
    'refresh_token' in credentials ? credentials.refresh_token : undefined,
  ];
  return values.filter((value): value is string => typeof value === 'string' && value.length > 0);
}

export function createSlackClient(
  account: ConnectorAccount<SlackCredentials, SlackParsedSettings>,
  environment: ConnectorEnvironment,
  options: SlackClientOptions = {},
): SlackClient {
  const endpoints = resolveSlackEndpoints(account.settings);
  const tokenProvider = createTokenProvider(account.credentials, endpoints, environment);
  const httpClientFor = (baseUrl: string, token = tokenProvider) =>
    createProviderHttpClient({
      baseUrl,
      dispatcher: environment.dispatcher,
      allowInsecure: environment.allowInsecureProviderUrls,
      tokenProvider: token,
      retry: options.retry,
      parseError: parseSlackHttpError,
      secrets: secretsOf(account.credentials),
      logger: environment.logger,
      now: environment.now,
    });
  const web = httpClientFor(endpoints.webApi);
  const { bot_token: botToken } = account.credentials;
  return {
    web,
    webReads:
      botToken === undefined ? web : httpClientFor(endpoints.webApi, createStaticTokenProvider(botToken)),
    scim: httpClientFor(endpoints.scim),
    endpoints,
  };
}
