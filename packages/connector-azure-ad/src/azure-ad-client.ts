import { randomUUID } from 'node:crypto';
import {
  createClientCredentialsTokenProvider,
  createMemoryCredentialStore,
  createProviderHttpClient,
  createRefreshTokenProvider,
  type ProviderHttpClient,
  type RetryPolicy,
  signJwtRs256,
  type TokenProvider,
  tokenCacheKey,
} from '@unidir/connector-utils';
import type { ConnectorAccount, ConnectorEnvironment, CredentialStore } from '@unidir/core';
import { parseGraphError } from './azure-ad-error.js';
import { ExpiringValue } from './azure-ad-expiring-value.js';
import type { LicenseNames } from './azure-ad-licenses.js';
import {
  type AzureAdCertificateCredentials,
  type AzureAdCredentials,
  type AzureAdDelegatedCredentials,
  type AzureAdEndpoints,
  type AzureAdParsedSettings,
  resolveAzureAdEndpoints,
} from './azure-ad-settings.js';

/** What every operation of this connector receives as `context.client`. */
export interface AzureAdClient {
  http: ProviderHttpClient;
  endpoints: AzureAdEndpoints;
  settings: AzureAdParsedSettings;
  /** Waits before each repeat of a permanent delete's purge step that met a 404 (replication lag). */
  purgeNotFoundDelaysMs: readonly number[];
  /** The tenant's SKU names (skuId -> skuPartNumber), shared by every operation on this account's client. */
  licenseNames: ExpiringValue<LicenseNames | undefined>;
  now: () => number;
  /** Who the account is: its tenant (a GUID or a verified domain) and application, and whether a user signed in. */
  identity: { tenantId: string; clientId: string; delegated: boolean };
}

export interface AzureAdClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Default 0.5 s, 1 s, 2 s: Entra shows a soft-deleted user in deleted items within seconds. */
  purgeNotFoundDelaysMs?: readonly number[];
}

const defaultPurgeNotFoundDelaysMs = [500, 1000, 2000] as const;

/** Entra accepts assertions valid for at most 10 minutes; 5 leaves room for clock skew. */
const assertionLifetimeSeconds = 300;

function isCertificate(credentials: AzureAdCredentials): credentials is AzureAdCertificateCredentials {
  return 'private_key' in credentials;
}

function isDelegated(credentials: AzureAdCredentials): credentials is AzureAdDelegatedCredentials {
  return 'refresh_token' in credentials;
}

/** The RFC 7523 client assertion Entra expects for certificate credentials: aud = token URL, iss = sub = client id. */
function certificateAssertion(
  credentials: AzureAdCertificateCredentials,
  tokenUrl: string,
  now: () => number,
) {
  const x5t = Buffer.from(credentials.certificate_thumbprint, 'hex').toString('base64url');
  return () => {
    const issuedAt = Math.floor(now() / 1000);
    return signJwtRs256(
      {
        aud: tokenUrl,
        iss: credentials.client_id,
        sub: credentials.client_id,
        jti: randomUUID(),
        nbf: issuedAt,
        iat: issuedAt,
        exp: issuedAt + assertionLifetimeSeconds,
      },
      credentials.private_key,
      { x5t },
    );
  };
}

/** A delegated account's first access token may come with its credentials: stored before the first refresh. */
function withInitialToken(
  provider: TokenProvider,
  store: CredentialStore,
  cacheKey: string,
  credentials: AzureAdDelegatedCredentials,
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
  credentials: AzureAdCredentials,
  endpoints: AzureAdEndpoints,
  environment: ConnectorEnvironment,
): TokenProvider {
  const shared = {
    tokenUrl: endpoints.tokenUrl,
    clientId: credentials.client_id,
    dispatcher: environment.dispatcher,
    allowInsecure: environment.allowInsecureProviderUrls,
    now: environment.now,
    logger: environment.logger,
  };
  const cacheKey = tokenCacheKey({
    provider: 'azure-ad',
    tenant: credentials.tenant_id,
    client: credentials.client_id,
    tokenUrl: endpoints.tokenUrl,
    scope: endpoints.scope,
    grant: isDelegated(credentials) ? 'refresh_token' : 'client_credentials',
  });
  if (isDelegated(credentials)) {
    // The refresh token rotates: it must live in a store that outlasts this client (the host's, else memory).
    const credentialStore = environment.credentialStore ?? createMemoryCredentialStore(credentials);
    const provider = createRefreshTokenProvider({
      ...shared,
      clientSecret: credentials.client_secret,
      scope: `${endpoints.scope} offline_access`,
      cacheKey,
      credentialStore,
    });
    return withInitialToken(provider, credentialStore, cacheKey, credentials);
  }
  return createClientCredentialsTokenProvider({
    ...shared,
    scope: endpoints.scope,
    cacheKey,
    credentialStore: environment.credentialStore,
    ...(isCertificate(credentials)
      ? {
          clientAssertion: certificateAssertion(credentials, endpoints.tokenUrl, environment.now ?? Date.now),
        }
      : { clientSecret: credentials.client_secret }),
  });
}

function secretsOf(credentials: AzureAdCredentials): string[] {
  const values = [
    'client_secret' in credentials ? credentials.client_secret : undefined,
    'private_key' in credentials ? credentials.private_key : undefined,
    'refresh_token' in credentials ? credentials.refresh_token : undefined,
    'access_token' in credentials ? credentials.access_token : undefined,
  ];
  return values.filter((value): value is string => typeof value === 'string' && value.length > 0);
}

export function createAzureAdClient(
  account: ConnectorAccount<AzureAdCredentials, AzureAdParsedSettings>,
  environment: ConnectorEnvironment,
  options: AzureAdClientOptions = {},
): AzureAdClient {
  const endpoints = resolveAzureAdEndpoints(account.credentials, account.settings);
  const http = createProviderHttpClient({
    baseUrl: endpoints.baseUrl,
    dispatcher: environment.dispatcher,
    allowInsecure: environment.allowInsecureProviderUrls,
    tokenProvider: createTokenProvider(account.credentials, endpoints, environment),
    retry: options.retry,
    parseError: parseGraphError,
    secrets: secretsOf(account.credentials),
    logger: environment.logger,
    now: environment.now,
  });
  return {
    http,
    endpoints,
    settings: account.settings,
    purgeNotFoundDelaysMs: options.purgeNotFoundDelaysMs ?? defaultPurgeNotFoundDelaysMs,
    licenseNames: new ExpiringValue(),
    now: environment.now ?? Date.now,
    identity: {
      tenantId: account.credentials.tenant_id,
      clientId: account.credentials.client_id,
      delegated: isDelegated(account.credentials),
    },
  };
}
