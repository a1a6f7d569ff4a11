import { describe, expect, it } from 'vitest';
import { createOktaConnector } from './okta-connector.js';
import { parseOktaError } from './okta-error.js';
import { oktaCredentialsSchema, oktaSettingsSchema, resolveOktaEndpoints } from './okta-settings.js';

describe('okta settings, credentials and errors', () => {
  it('derives the API root and token URL from the org URL, with the default scopes and no emails', () => {
    const settings = oktaSettingsSchema.parse({ org_url: 'https://acme.okta.com/' });
    expect(settings).toMatchObject({ org_url: 'https://acme.okta.com', send_email: false });
    expect(settings.scopes).toContain('okta.roles.read');
    expect(resolveOktaEndpoints(settings)).toEqual({
      baseUrl: 'https://acme.okta.com/api/v1',
      tokenUrl: 'https://acme.okta.com/oauth2/v1/token',
    });
  });

  it('accepts an API token or a service app key, and nothing in between', () => {
    expect(oktaCredentialsSchema.safeParse({ api_token: '00abc' }).success).toBe(true);
    expect(
      oktaCredentialsSchema.safeParse({
        client_id: '0oa1',
        private_key: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----',
      }).success,
    ).toBe(true);
    expect(oktaCredentialsSchema.safeParse({ client_id: '0oa1', client_secret: 'secret' }).success).toBe(
      false,
    );
    expect(oktaCredentialsSchema.safeParse({ api_token: '00abc', client_id: '0oa1' }).success).toBe(false);
  });

  it('names the invalid credential paths but never their values', () => {
    const connector = createOktaConnector();
    let message = '';
    try {
      connector.createClient(
        {
          id: 'a',
          credentials: { api_token: '', extra: 'super-secret-value' } as never,
          settings: { org_url: 'https://acme.okta.com' } as never,
        },
        { logger: console as never },
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('The okta credentials are not valid');
    expect(message).not.toContain('super-secret-value');
  });

  it('publishes the Okta domains as provider hosts', () => {
    expect(createOktaConnector().providerHosts).toEqual([
      '*.okta.com',
      '*.oktapreview.com',
      '*.okta-emea.com',
      '*.okta-gov.com',
    ]);
  });

  it('reads Okta error bodies: code, summary, causes, request id, rate limits and scopes', () => {
    expect(
      parseOktaError({
        status: 400,
        headers: { 'x-okta-request-id': 'req-1' },
        body: {
          errorCode: 'E0000001',
          errorSummary: 'Api validation failed: login',
          errorCauses: [{ errorSummary: 'login: taken' }],
        },
      }),
    ).toEqual({
      message: 'E0000001: Api validation failed: login (login: taken)',
      providerCode: 'E0000001',
      requestId: 'req-1',
    });
    expect(
      parseOktaError({ status: 429, headers: {}, body: { errorCode: 'E0000047', errorSummary: 'slow down' } })
        .isRateLimit,
    ).toBe(true);
    expect(
      parseOktaError({
        status: 403,
        headers: { 'www-authenticate': 'Bearer error="insufficient_scope"' },
        body: '',
      }),
    ).toMatchObject({ isAuthFailure: true, message: expect.stringContaining('lacks a scope') });
    expect(
      parseOktaError({ status: 403, headers: {}, body: { errorCode: 'E0000006', errorSummary: 'no' } })
        .isAuthFailure,
    ).toBeUndefined();
  });
});
