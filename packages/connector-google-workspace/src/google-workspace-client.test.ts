import { generateKeyPairSync } from 'node:crypto';
import { createLoopbackClient, createOperationContext } from '@unidir/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleWorkspaceConnector } from './google-workspace-connector.js';
import { type GoogleWorkspaceFake, startGoogleWorkspaceFake } from './testing/google-workspace-fake.js';

describe('google-workspace client authentication', () => {
  let fake: GoogleWorkspaceFake;
  const connector = createGoogleWorkspaceConnector();

  beforeAll(async () => {
    fake = await startGoogleWorkspaceFake({ users: 4 });
  });
  afterAll(() => fake.close());

  function clientFor(credentials: Record<string, unknown>, accountId: string) {
    return createLoopbackClient(connector, { id: accountId, credentials, settings: fake.settings });
  }

  function listWith(credentials: Record<string, unknown>, accountId: string) {
    return connector.users!.list!({}, createOperationContext(clientFor(credentials, accountId)));
  }

  it('signs an RS256 assertion for the subject with the three scopes it needs, and reuses the token', async () => {
    fake.server.journal.clear();
    const client = clientFor(fake.credentials, 'service-account');
    await connector.users!.list!({}, createOperationContext(client));
    await connector.users!.list!({}, createOperationContext(client));
    const [tokenRequest, ...others] = fake.server.journal.forRoute('token');
    expect(others).toEqual([]);
    const assertion = new URLSearchParams(tokenRequest?.body as string).get('assertion')!;
    const claims = JSON.parse(Buffer.from(assertion.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({
      iss: fake.credentials.client_email,
      sub: fake.adminEmail,
      aud: fake.settings.token_url,
      scope:
        'https://www.googleapis.com/auth/admin.directory.user https://www.googleapis.com/auth/admin.directory.group.member https://www.googleapis.com/auth/admin.directory.group.readonly',
    });
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it('uses the refresh token of OAuth-connected accounts', async () => {
    fake.server.journal.clear();
    const page = await listWith(fake.oauthCredentials, 'oauth-account');
    expect(page.records).toHaveLength(4);
    const form = new URLSearchParams(fake.server.journal.forRoute('token')[0]?.body as string);
    expect(form.get('grant_type')).toBe('refresh_token');
    expect(form.get('client_id')).toBe(fake.oauthCredentials.client_id);
  });

  it('reports a key Google does not know as provider auth failure, without leaking it', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const failure = await listWith({ ...fake.credentials, private_key: stranger }, 'bad-key').catch(
      (error) => error,
    );
    expect(failure).toMatchObject({ httpStatus: 401 });
    expect(failure.code).toMatch(/^(provider_auth_failed|integrated_account_reauth_required)$/);
    expect(JSON.stringify(failure)).not.toContain(stranger);
    expect(String(failure.message)).not.toContain(stranger);
  });

  it('reports a subject without admin rights as provider auth failure', async () => {
    const user = fake.directory.listUsers({ offset: 1, limit: 1 }).users[0]!;
    await expect(listWith({ ...fake.credentials, subject: user.email }, 'not-admin')).rejects.toMatchObject({
      code: 'provider_auth_failed',
      httpStatus: 401,
    });
  });
});

describe('google-workspace settings and credentials', () => {
  const connector = createGoogleWorkspaceConnector();

  it("defaults to Google's hosts, the Workspace license product, and no licenses on user lists", () => {
    expect(connector.settingsSchema.parse({})).toEqual({
      base_url: 'https://admin.googleapis.com',
      token_url: 'https://oauth2.googleapis.com/token',
      licensing_base_url: 'https://licensing.googleapis.com',
      license_product_ids: ['Google-Apps'],
      user_licenses: false,
    });
    expect(connector.providerHosts).toEqual([
      'admin.googleapis.com',
      'www.googleapis.com',
      'oauth2.googleapis.com',
      'licensing.googleapis.com',
    ]);
  });

  it('takes customer or domain, not both', () => {
    expect(connector.settingsSchema.safeParse({ customer: 'C01abcd2e' }).success).toBe(true);
    expect(connector.settingsSchema.safeParse({ domain: 'example.com' }).success).toBe(true);
    expect(connector.settingsSchema.safeParse({ customer: 'C01abcd2e', domain: 'example.com' }).success).toBe(
      false,
    );
  });

  it('accepts a service account key with a subject, or OAuth credentials, and nothing else', () => {
    expect(
      connector.credentialsSchema.safeParse({
        client_email: 'sa@project.iam.gserviceaccount.com',
        private_key: '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n',
        subject: 'admin@example.com',
      }).success,
    ).toBe(true);
    expect(
      connector.credentialsSchema.safeParse({
        refresh_token: 'r',
        client_id: 'c',
        client_secret: 's',
        access_token: 'a',
      }).success,
    ).toBe(true);
    expect(
      connector.credentialsSchema.safeParse({
        client_email: 'sa@project.iam.gserviceaccount.com',
        private_key: 'x',
      }).success,
    ).toBe(false);
  });
});
