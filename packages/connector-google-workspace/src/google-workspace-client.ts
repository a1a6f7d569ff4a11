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
import { ProviderApiCallError, RateLimitedError, UnidirError } from '@unidir/core';
import { isGoogleRateLimited, parseGoogleError } from './google-workspace-error.js';
import {
  type GoogleWorkspaceCredentials,
  type GoogleWorkspaceSettings,
  googleWorkspaceDefaultCustomer,
  isServiceAccount,
  listScopeOf,
} from './google-workspace-settings.js';

const scope = (name: string) => `https://www.googleapis.com/auth/${name}`;

/**
 * The scopes each family of calls asks for. A service account's token asks for one set at a time, so an
 * account whose domain-wide delegation lacks a set's scopes still reaches every other family.
 */
export const googleWorkspaceScopeSets = {
  /** Users, group reads and memberships: the least the connector needs. */
  directory: [
    scope('admin.directory.user'),
    scope('admin.directory.group.member'),
    scope('admin.directory.group.readonly'),
  ],
  /** groups.insert, groups.patch, groups.delete. */
  groupWrites: [scope('admin.directory.group')],
  /** roles.list/get and roleAssignments.list. */
  roles: [scope('admin.directory.rolemanagement.readonly')],
  /** customers.get: organizations and me. */
  customer: [scope('admin.directory.customer.readonly')],
  /** The Reports API's activities.list: activities. */
  reports: [scope('admin.reports.audit.readonly')],
  /** The Enterprise License Manager API: licenses. */
  licensing: [scope('apps.licensing')],
} as const;
export type GoogleWorkspaceScopeSet = keyof typeof googleWorkspaceScopeSets;

/** The least the connector needs: manage users, remove members, read groups. */
export const googleWorkspaceScopes = googleWorkspaceScopeSets.directory;

/** Where each API lives: its base URL setting and its root path. */
const apiRoots = {
  directory: { baseUrl: 'base_url', path: ['admin', 'directory', 'v1'] },
  reports: { baseUrl: 'base_url', path: ['admin', 'reports', 'v1'] },
  licensing: { baseUrl: 'licensing_base_url', path: ['apps', 'licensing', 'v1'] },
} as const;
export type GoogleApi = keyof typeof apiRoots;

/** Google's documented backoff tops out at 64 s. */
const maximumSuggestedWaitSeconds = 64;

export interface GoogleWorkspaceClientOptions {
  retry?: Partial<RetryPolicy>;
}

export interface GoogleWorkspaceRequest extends ProviderRequest {
  /** Segments under the API's root (/admin/directory/v1 unless `api` says otherwise). */
  path: readonly string[];
  /** Default `directory`. */
  api?: GoogleApi;
  /** The scopes the call needs; default `directory`. */
  scopes?: GoogleWorkspaceScopeSet;
}

export interface GoogleWorkspaceClient {
  request<Body>(
    request: GoogleWorkspaceRequest,
    context: ProviderCallContext,
  ): Promise<ProviderResponse<Body>>;
  /** `{customer}` or `{domain}` for users.list and groups.list. */
  readonly listScope: { customer: string } | { domain: string };
  /** The customer as path segments of roles, role assignments and customers accept it: an id or `my_customer`. */
  readonly customerKey: string;
  /** The impersonated administrator of a service account; undefined for an account connected by OAuth. */
  readonly subject: string | undefined;
  readonly settings: GoogleWorkspaceSettings;
  /** Values the operations of one account share (the customer id, license assignments), with their expiry. */
  readonly cache: Map<string, { value: unknown; expiresAt: number }>;
  now(): number;
}

function createTokenProvider(
  account: ConnectorAccount<GoogleWorkspaceCredentials, GoogleWorkspaceSettings>,
  environment: ConnectorEnvironment,
  scopes: readonly string[],
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
      scopes,
      cacheKey: `google-workspace:${account.id}:${credentials.client_email}:${credentials.subject}:${scopes.join(' ')}`,
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

/**
 * A call refused for a missing scope says which scope and where to grant it. A service account's token
 * request fails (`unauthorized_client`) when domain-wide delegation lacks the scope; an OAuth token
 * without it gets 403 insufficientPermissions from the API.
 */
function missingScopeError(error: unknown, scopes: GoogleWorkspaceScopeSet, request: GoogleWorkspaceRequest) {
  if (!UnidirError.isInstance(error) || error.code !== 'provider_auth_failed') return undefined;
  const delegationLacksScope = error.details?.oauth_error === 'unauthorized_client';
  // Google's words for a token without the scope; a 403 "Not Authorized" (a subject without the admin
  // privilege) is another matter and stays an authorization failure.
  const tokenLacksScope =
    error.details?.provider_status === 403 && /insufficient authentication scopes/i.test(error.message);
  if (!delegationLacksScope && !tokenLacksScope) return undefined;
  const names = googleWorkspaceScopeSets[scopes].join(' ');
  return new ProviderApiCallError({
    message: `Google refused to ${request.description ?? 'answer'}: the account is not authorized for ${names}. Add the scope to the service account's domain-wide delegation (Admin console > Security > API controls), or connect the account again granting it.`,
    providerStatus: 403,
    code: 'provider_scope_missing',
    method: request.method,
    url: `${apiRoots[request.api ?? 'directory'].path.join('/')}/${request.path.join('/')}`,
    cause: error,
  });
}

export function createGoogleWorkspaceClient(
  account: ConnectorAccount<GoogleWorkspaceCredentials, GoogleWorkspaceSettings>,
  environment: ConnectorEnvironment,
  options: GoogleWorkspaceClientOptions = {},
): GoogleWorkspaceClient {
  const retry: Partial<RetryPolicy> = { isRateLimited: isGoogleRateLimited, ...options.retry };
  const serviceAccount = isServiceAccount(account.credentials);
  const sharedTokenProvider = serviceAccount ? undefined : createTokenProvider(account, environment, []);
  const httpClients = new Map<string, ProviderHttpClient>();
  // A service account asks for a token per scope set; an OAuth token carries whatever was granted.
  const httpClientFor = (api: GoogleApi, scopes: GoogleWorkspaceScopeSet): ProviderHttpClient => {
    const baseUrl = account.settings[apiRoots[api].baseUrl];
    const key = `${baseUrl} ${serviceAccount ? scopes : ''}`;
    let http = httpClients.get(key);
    if (http === undefined) {
      http = createProviderHttpClient({
        baseUrl,
        dispatcher: environment.dispatcher,
        allowInsecure: environment.allowInsecureProviderUrls,
        tokenProvider:
          sharedTokenProvider ?? createTokenProvider(account, environment, googleWorkspaceScopeSets[scopes]),
        retry,
        parseError: parseGoogleError,
        secrets: secretsOf(account.credentials),
        logger: environment.logger,
        now: environment.now,
      });
      httpClients.set(key, http);
    }
    return http;
  };
  const attempts = retry.maxAttempts ?? 3;
  const suggestedWaitSeconds = Math.min(maximumSuggestedWaitSeconds, 2 ** attempts);
  const listScope = listScopeOf(account.settings);
  return {
    listScope,
    customerKey: account.settings.customer ?? googleWorkspaceDefaultCustomer,
    subject: isServiceAccount(account.credentials) ? account.credentials.subject : undefined,
    settings: account.settings,
    cache: new Map(),
    now: environment.now ?? Date.now,
    async request<Body>(request: GoogleWorkspaceRequest, context: ProviderCallContext) {
      const { api = 'directory', scopes = 'directory', ...providerRequest } = request;
      try {
        return await httpClientFor(api, scopes).request<Body>(
          { ...providerRequest, path: [...apiRoots[api].path, ...request.path] },
          context,
        );
      } catch (error) {
        // Google throttles without Retry-After; the caller still needs a wait, so suggest its next backoff step.
        if (isRateLimitedWithoutWait(error)) {
          throw new RateLimitedError({
            message: error.message,
            retryAfterSeconds: suggestedWaitSeconds,
            cause: error,
          });
        }
        throw (scopes === 'directory' ? undefined : missingScopeError(error, scopes, request)) ?? error;
      }
    },
  };
}
