import {
  createClientCredentialsTokenProvider,
  createProviderHttpClient,
  createStaticTokenProvider,
  type ProviderCallContext,
  type ProviderHttpClient,
  type RetryPolicy,
  type TokenProvider,
  tokenCacheKey,
} from '@unidir/connector-utils';
import { type ConnectorAccount, type ConnectorEnvironment, ValidationError } from '@unidir/core';
import { createCapabilityCache, type ScimCapabilities } from './scim-discovery.js';
import { parseScimError } from './scim-error.js';
import type { ScimPatchOperationCasing, ScimQuirks } from './scim-presets.js';
import type { ScimCredentials, ScimParsedSettings } from './scim-settings.js';

/** What every operation of a SCIM connector receives as `context.client`. */
export interface ScimClient {
  http: ProviderHttpClient;
  /** The integration id: cursors are bound to it. */
  integrationId: string;
  quirks: ScimQuirks;
  patchOperationCasing: ScimPatchOperationCasing;
  /** The account's discovered capabilities (one GET /ServiceProviderConfig per client, then cached). */
  capabilities(context: ProviderCallContext): Promise<ScimCapabilities>;
}

export interface ScimClientOptions {
  retry?: Partial<RetryPolicy>;
}

function authorization(
  credentials: ScimCredentials,
  settings: ScimParsedSettings,
  environment: ConnectorEnvironment,
): { tokenProvider?: TokenProvider; headers?: Record<string, string> } {
  if ('token' in credentials) return { tokenProvider: createStaticTokenProvider(credentials.token) };
  if ('username' in credentials) {
    const encoded = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    return { headers: { authorization: `Basic ${encoded}` } };
  }
  if (settings.token_url === undefined) {
    throw new ValidationError({
      message: 'OAuth client credentials need the token_url setting.',
      code: 'invalid_settings',
      details: { paths: ['token_url'] },
    });
  }
  const scope = settings.scope ?? '';
  return {
    tokenProvider: createClientCredentialsTokenProvider({
      tokenUrl: settings.token_url,
      clientId: credentials.client_id,
      clientSecret: credentials.client_secret,
      scope,
      cacheKey: tokenCacheKey({
        provider: 'scim',
        client: credentials.client_id,
        tokenUrl: settings.token_url,
        scope,
        grant: 'client_credentials',
      }),
      credentialStore: environment.credentialStore,
      dispatcher: environment.dispatcher,
      allowInsecure: environment.allowInsecureProviderUrls,
      now: environment.now,
      logger: environment.logger,
    }),
  };
}

function secretsOf(credentials: ScimCredentials): string[] {
  if ('token' in credentials) return [credentials.token];
  if ('password' in credentials) {
    return [
      credentials.password,
      Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64'),
    ];
  }
  return [credentials.client_secret];
}

export function createScimClient(
  account: ConnectorAccount<ScimCredentials, ScimParsedSettings>,
  environment: ConnectorEnvironment,
  integration: { id: string; quirks: ScimQuirks },
  options: ScimClientOptions = {},
): ScimClient {
  const auth = authorization(account.credentials, account.settings, environment);
  const http = createProviderHttpClient({
    baseUrl: account.settings.base_url,
    dispatcher: environment.dispatcher,
    allowInsecure: environment.allowInsecureProviderUrls,
    tokenProvider: auth.tokenProvider,
    // Some apps (Zoom) require the SCIM media type; every SCIM server accepts it.
    headers: { accept: 'application/scim+json, application/json', ...auth.headers },
    retry: options.retry,
    parseError: parseScimError,
    secrets: secretsOf(account.credentials),
    logger: environment.logger,
    now: environment.now,
  });
  return {
    http,
    integrationId: integration.id,
    quirks: integration.quirks,
    patchOperationCasing: integration.quirks.patchOperationCasing ?? 'lower',
    capabilities: createCapabilityCache(http, integration.quirks),
  };
}
