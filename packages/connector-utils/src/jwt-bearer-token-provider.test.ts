import { generateKeyPairSync, verify } from 'node:crypto';
import { ProviderAuthFailedError, ValidationError } from '@unidir/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createJwtBearerTokenProvider } from './jwt-bearer-token-provider.js';
import { signJwtRs256 } from './sign-jwt.js';
import { startTokenEndpointFake, type TokenEndpointFake } from './test-support/token-endpoint-fake.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function decodeJwt(jwt: string) {
  const [header, claims, signature] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header ?? '', 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims ?? '', 'base64url').toString()),
    valid: verify(
      'sha256',
      Buffer.from(`${header}.${claims}`),
      publicKey,
      Buffer.from(signature ?? '', 'base64url'),
    ),
  };
}

let fake: TokenEndpointFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('signJwtRs256', () => {
  it('produces a JWS that verifies with the public key and carries the header and claims', () => {
    const jwt = signJwtRs256({ iss: 'me', n: 1 }, privateKeyPem, { kid: 'key-1' });
    expect(decodeJwt(jwt)).toEqual({
      header: { kid: 'key-1', alg: 'RS256', typ: 'JWT' },
      claims: { iss: 'me', n: 1 },
      valid: true,
    });
  });

  it('refuses a key that is not an RSA private key, without quoting it', () => {
    const notAKey = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWNhbmFyeQ==\n-----END PRIVATE KEY-----';
    const error = (() => {
      try {
        signJwtRs256({}, notAKey);
      } catch (caught) {
        return caught as ValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.message).not.toContain('c2VjcmV0');
  });
});

describe('createJwtBearerTokenProvider', () => {
  it('exchanges a signed assertion naming the service account, subject, scopes and audience', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    fake = await startTokenEndpointFake(() => ({ body: { access_token: 'ya29.token', expires_in: 3599 } }));
    const provider = createJwtBearerTokenProvider({
      tokenUrl: fake.tokenUrl,
      clientEmail: 'robot@project.iam.gserviceaccount.com',
      privateKey: privateKeyPem,
      subject: 'admin@example.com',
      scopes: [
        'https://www.googleapis.com/auth/admin.directory.user',
        'https://www.googleapis.com/auth/admin.directory.group',
      ],
      cacheKey: 'robot/admin@example.com/user+group',
      allowInsecure: true,
      now: () => now,
    });
    expect(await provider.getToken()).toBe('ya29.token');
    const form = fake.forms[0];
    expect(form?.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const assertion = decodeJwt(form?.assertion ?? '');
    expect(assertion.valid).toBe(true);
    expect(assertion.claims).toEqual({
      iss: 'robot@project.iam.gserviceaccount.com',
      sub: 'admin@example.com',
      scope:
        'https://www.googleapis.com/auth/admin.directory.user https://www.googleapis.com/auth/admin.directory.group',
      aud: fake.tokenUrl,
      iat: now / 1000,
      exp: now / 1000 + 3600,
    });
    now += 60_000;
    await provider.getToken();
    expect(fake.forms).toHaveLength(1);
  });

  it('T4: an invalid_grant (delegation revoked) marks the account for re-auth without leaking the assertion', async () => {
    fake = await startTokenEndpointFake((form) => ({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: `Not a valid email or user ID. assertion=${form.assertion}`,
      },
    }));
    const marked: string[] = [];
    const provider = createJwtBearerTokenProvider({
      tokenUrl: fake.tokenUrl,
      clientEmail: 'robot@project.iam.gserviceaccount.com',
      privateKey: privateKeyPem,
      subject: 'gone@example.com',
      scopes: ['scope'],
      cacheKey: 'k',
      allowInsecure: true,
      credentialStore: {
        loadToken: async () => undefined,
        saveToken: async () => undefined,
        loadCredentials: async () => ({}),
        saveCredentials: async () => undefined,
        withLock: (_key, task) => task(),
        markNeedsReauth: async (reason) => {
          marked.push(reason);
        },
      },
    });
    const error = await provider.getToken().catch((caught) => caught);
    expect(error).toBeInstanceOf(ProviderAuthFailedError);
    expect(error.needsReauth).toBe(true);
    expect(marked).toHaveLength(1);
    const assertion = fake.forms[0]?.assertion ?? '';
    expect(`${error.message}${JSON.stringify(error)}`).not.toContain(assertion.split('.')[2]);
  });
});
