import { type CredentialStore, ProviderAuthFailedError } from '@unidir/core';
import { createTokenGrantProvider } from './token-grant-provider.js';
import type { TokenEndpointOptions, TokenProvider } from './token-provider.js';

export interface RefreshTokenProviderOptions extends TokenEndpointOptions {
  clientId: string;
  clientSecret?: string;
  scope?: string;
  /** Holds the account's credentials; `refresh_token` is read from and rotated into them. */
  credentialStore: CredentialStore;
}

/**
 * Delegated OAuth with refresh-token rotation. A rotated refresh token is saved through the store before
 * the new access token is used (T6): if saving fails the token is dropped, since after a crash only the
 * stored refresh token would remain and the server has already retired it.
 */
export function createRefreshTokenProvider(options: RefreshTokenProviderOptions): TokenProvider {
  return createTokenGrantProvider(options, {
    async obtain(credentials, sendGrant) {
      const refreshToken = credentials.refresh_token;
      if (typeof refreshToken !== 'string' || refreshToken.length === 0) {
        await options.credentialStore.markNeedsReauth('The account has no refresh token.');
        throw new ProviderAuthFailedError({
          message: 'The integrated account has no refresh token; it must be connected again.',
          needsReauth: true,
        });
      }
      const form: Record<string, string> = {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: options.clientId,
      };
      if (options.clientSecret !== undefined) form.client_secret = options.clientSecret;
      if (options.scope !== undefined) form.scope = options.scope;
      const { refreshToken: rotated, ...token } = await sendGrant({
        form,
        secrets: [refreshToken, ...(options.clientSecret === undefined ? [] : [options.clientSecret])],
        repeatableAfterPossibleEffect: false,
      });
      if (rotated !== undefined && rotated !== refreshToken) {
        await options.credentialStore.saveCredentials({ ...credentials, refresh_token: rotated });
      }
      return token;
    },
  });
}
