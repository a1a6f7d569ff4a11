import { randomUUID } from 'node:crypto';
import {
  createClientCredentialsTokenProvider,
  createProviderHttpClient,
  type ProviderHttpClient,
  type RetryPolicy,
  signJwtRs256,
  type TokenProvider,
  tokenCacheKey,
} from '@unidir/connector-utils';
import type { ConnectorAccount, ConnectorEnvironment } from '@unidir/core';
import { parseOktaError } from './okta-error.js';
import {
  type OktaCredentials,
  type OktaEndpoints,
  type OktaParsedSettings,
  type OktaPrivateKeyJwtCredentials,
  resolveOktaEndpoints,
} from './okta-settings.js';

/** What every operation of this connector receives as `context.client`. */
export interface OktaClient {
  http: ProviderHttpClient;
  endpoints: OktaEndpoints;
  settings: OktaParsedSettings;
  /** The service app's client id; undefined for an API token. */
  clientId?: string;
}

export interface OktaClientOptions {
  retry?: Partial<RetryPolicy>;
}

/** Okta refuses client assertions that expire more than an hour out; five minutes leaves room for skew. */
const assertionLifetimeSeconds = 300;

function isPrivateKeyJwt(credentials: OktaCredentials): credentials is OktaPrivateKeyJwtCredentials {
  return 'private_key' in credentials;
}

/** The private_key_jwt client assertion: iss = sub = client id, aud = the token URL, a fresh jti each time. */
function clientAssertion(credentials: OktaPrivateKeyJwtCredentials, tokenUrl: string, now: () => number) {
  return () => {
    const issuedAt = Math.floor(now() / 1000);
    return signJwtRs256(
      {
        iss: credentials.client_id,
        sub: credentials.client_id,
        aud: tokenUrl,
        jti: randomUUID(),
        iat: issuedAt,
        exp: issuedAt + assertionLifetimeSeconds,
      },
      credentials.private_key,
      credentials.key_id === undefined ? {} : { kid: credentials.key_id },
    );
  };
}

function createTokenProvider(
  credentials: OktaPrivateKeyJwtCredentials,
  endpoints: OktaEndpoints,
  settings: OktaParsedSettings,
  environment: ConnectorEnvironment,
): TokenProvider {
  const scope = settings.scopes.join(' ');
  return createClientCredentialsTokenProvider({
    tokenUrl: endpoints.tokenUrl,
    clientId: credentials.client_id,
    scope,
    cacheKey: tokenCacheKey({
      provider: 'okta',
      client: credentials.client_id,
      tokenUrl: endpoints.tokenUrl,
      scope,
      grant: 'client_credentials',
    }),
    clientAssertion: clientAssertion(credentials, endpoints.tokenUrl, environment.now ?? Date.now),
    credentialStore: environment.credentialStore,
    dispatcher: environment.dispatcher,
    allowInsecure: environment.allowInsecureProviderUrls,
    now: environment.now,
    logger: environment.logger,
  });
}

function secretsOf(credentials: OktaCredentials): string[] {
  return [isPrivateKeyJwt(credentials) ? credentials.private_key : credentials.api_token];
}

/**
 * The account's Management API client: a service app's bearer token from its cache, or the API token sent
 * as `Authorization: SSWS <token>` (never refreshed: a 401 with it is final).
 */
export function createOktaClient(
  account: ConnectorAccount<OktaCredentials, OktaParsedSettings>,
  environment: ConnectorEnvironment,
  options: OktaClientOptions = {},
): OktaClient {
  const { credentials, settings } = account;
  const endpoints = resolveOktaEndpoints(settings);
  const oauth = isPrivateKeyJwt(credentials);
  const http = createProviderHttpClient({
    baseUrl: endpoints.baseUrl,
    dispatcher: environment.dispatcher,
    allowInsecure: environment.allowInsecureProviderUrls,
    ...(oauth
      ? { tokenProvider: createTokenProvider(credentials, endpoints, settings, environment) }
      : { headers: { authorization: `SSWS ${credentials.api_token}` } }),
    retry: options.retry,
    parseError: parseOktaError,
    secrets: secretsOf(credentials),
    logger: environment.logger,
    now: environment.now,
  });
  return { http, endpoints, settings, ...(oauth ? { clientId: credentials.client_id } : {}) };
}
