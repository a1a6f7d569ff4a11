import { ValidationError } from '@unidir/core';
import { createTokenGrantProvider } from './token-grant-provider.js';
import type { TokenEndpointOptions, TokenProvider } from './token-provider.js';

export interface ClientCredentialsTokenProviderOptions extends TokenEndpointOptions {
  clientId: string;
  clientSecret?: string;
  /** Certificate auth: returns a signed client_assertion JWT (client_assertion_type jwt-bearer). */
  clientAssertion?: () => string | Promise<string>;
  scope: string;
}

const clientAssertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** OAuth 2.0 client credentials (Entra ID app-only tokens), with a client secret or a signed assertion. */
export function createClientCredentialsTokenProvider(
  options: ClientCredentialsTokenProviderOptions,
): TokenProvider {
  if ((options.clientSecret === undefined) === (options.clientAssertion === undefined)) {
    throw new ValidationError({
      message: 'Client credentials need exactly one of a client secret or a client assertion.',
      code: 'invalid_credentials',
    });
  }
  return createTokenGrantProvider(options, {
    async obtain(_credentials, sendGrant) {
      const form: Record<string, string> = {
        grant_type: 'client_credentials',
        client_id: options.clientId,
        scope: options.scope,
      };
      if (options.clientAssertion !== undefined) {
        form.client_assertion_type = clientAssertionType;
        form.client_assertion = await options.clientAssertion();
      } else if (options.clientSecret !== undefined) {
        form.client_secret = options.clientSecret;
      }
      const secrets = [form.client_secret, form.client_assertion].filter((value) => value !== undefined);
      const { refreshToken: _unused, ...token } = await sendGrant({
        form,
        secrets,
        repeatableAfterPossibleEffect: true,
      });
      return token;
    },
  });
}
