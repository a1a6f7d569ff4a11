export { parseAccountPart } from './account-part.js';
export type { CachedTokenProviderOptions } from './cached-token-provider.js';
export {
  createCachedTokenProvider,
  defaultRefreshMarginMs,
  refreshFailureCoolDownMs,
} from './cached-token-provider.js';
export { catalogueListPage } from './catalogue-page.js';
export type { ClientCredentialsTokenProviderOptions } from './client-credentials-token-provider.js';
export { createClientCredentialsTokenProvider } from './client-credentials-token-provider.js';
export { decodeCursor, encodeCursor, setCursorSigningKey } from './cursor.js';
export type { Page } from './iterate-pages.js';
export { iteratePages } from './iterate-pages.js';
export type { JwtBearerTokenProviderOptions } from './jwt-bearer-token-provider.js';
export { createJwtBearerTokenProvider } from './jwt-bearer-token-provider.js';
export { parseLinkHeader } from './link-header.js';
export type { MemoryCredentialStore } from './memory-credential-store.js';
export { createMemoryCredentialStore } from './memory-credential-store.js';
export type { PageSizeBounds } from './page-size.js';
export { pageSizeFor } from './page-size.js';
export { deleteActionOutcome, deleteRequest } from './provider-delete.js';
export type { ParseProviderError, ProviderErrorInfo, ProviderErrorResponse } from './provider-error-info.js';
export { parseProviderErrorDefault } from './provider-error-info.js';
export type {
  ProviderCallContext,
  ProviderHttpClient,
  ProviderHttpClientOptions,
  ProviderRequest,
  ProviderResponse,
} from './provider-http-client.js';
export { createProviderHttpClient } from './provider-http-client.js';
export {
  iterateLinkHeaderPages,
  iterateNextLinkPages,
  iterateOffsetPages,
  iteratePageTokenPages,
} from './provider-list-pages.js';
export type { ProviderQuery } from './provider-url.js';
export { assertSameOrigin } from './provider-url.js';
export {
  createSecretRedactor,
  redactSecrets,
  redactSecretsDeep,
  type SecretRedactor,
} from './redact-secrets.js';
export type { RefreshTokenProviderOptions } from './refresh-token-provider.js';
export { createRefreshTokenProvider } from './refresh-token-provider.js';
export { mergeRemoteQuery, refuseRemoteQuery, withoutRemoteQuery } from './remote-query.js';
export { readRateLimitReset, readRetryAfterHeader, readRetryAfterMs } from './retry-after.js';
export type {
  AttemptFailure,
  ProviderMethod,
  RetryDecision,
  RetryDecisionInput,
  RetryPolicy,
} from './retry-policy.js';
export { decideRetry, defaultRetryPolicy, isSafeToRepeat } from './retry-policy.js';
export { providerPoolOptions } from './shared-agent.js';
export { signJwtRs256 } from './sign-jwt.js';
export { createStaticTokenProvider } from './static-token-provider.js';
export { tokenCacheKey } from './token-cache-key.js';
export type { GetTokenOptions, TokenEndpointOptions, TokenProvider } from './token-provider.js';
export type { WritableFieldsOptions } from './writable-fields.js';
export { assertWritableFields } from './writable-fields.js';
