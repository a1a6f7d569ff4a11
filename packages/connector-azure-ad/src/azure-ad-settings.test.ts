import { describe, expect, it } from 'vitest';
import { createAzureAdConnector } from './azure-ad-connector.js';
import {
  azureAdCredentialsSchema,
  azureAdProviderHosts,
  azureAdSettingsSchema,
  resolveAzureAdEndpoints,
} from './azure-ad-settings.js';

const tenant = { tenant_id: 'contoso.onmicrosoft.com', client_id: 'c0ffee00-0000-4000-8000-000000000001' };

describe('azure-ad credentials', () => {
  it('accepts a client secret, a certificate, or a delegated refresh token', () => {
    expect(azureAdCredentialsSchema.parse({ ...tenant, client_secret: 's3cret' })).toEqual({
      ...tenant,
      client_secret: 's3cret',
    });
    const certificate = azureAdCredentialsSchema.parse({
      ...tenant,
      private_key: '-----BEGIN PRIVATE KEY-----\nMII...\n-----END PRIVATE KEY-----',
      certificate_thumbprint: 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01',
    });
    expect(certificate).toMatchObject({ certificate_thumbprint: 'abcdef0123456789abcdef0123456789abcdef01' });
    expect(
      azureAdCredentialsSchema.parse({ ...tenant, refresh_token: 'r', client_secret: 's' }),
    ).toMatchObject({
      refresh_token: 'r',
    });
  });

  it('refuses credentials that fit no flow', () => {
    expect(azureAdCredentialsSchema.safeParse(tenant).success).toBe(false);
    expect(azureAdCredentialsSchema.safeParse({ ...tenant, client_secret: '' }).success).toBe(false);
    expect(
      azureAdCredentialsSchema.safeParse({ ...tenant, tenant_id: '../evil', client_secret: 's' }).success,
    ).toBe(false);
    expect(
      azureAdCredentialsSchema.safeParse({
        ...tenant,
        private_key: 'not a key',
        certificate_thumbprint: 'abc',
      }).success,
    ).toBe(false);
  });
});

describe('azure-ad settings and national clouds', () => {
  it('defaults to the global cloud, with the tenant in the token URL', () => {
    const settings = azureAdSettingsSchema.parse({});
    expect(resolveAzureAdEndpoints(tenant, settings)).toEqual({
      baseUrl: 'https://graph.microsoft.com/v1.0',
      tokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(settings.include_sign_in_activity).toBe(false);
  });

  it.each([
    ['us_government', 'https://graph.microsoft.us', 'https://login.microsoftonline.us'],
    ['us_government_dod', 'https://dod-graph.microsoft.us', 'https://login.microsoftonline.us'],
    ['china', 'https://microsoftgraph.chinacloudapi.cn', 'https://login.chinacloudapi.cn'],
  ] as const)('%s uses its own Graph and login hosts and scope', (cloud, graph, login) => {
    const endpoints = resolveAzureAdEndpoints(tenant, azureAdSettingsSchema.parse({ cloud }));
    expect(endpoints).toEqual({
      baseUrl: `${graph}/v1.0`,
      tokenUrl: `${login}/contoso.onmicrosoft.com/oauth2/v2.0/token`,
      scope: `${graph}/.default`,
    });
    expect(azureAdProviderHosts).toEqual(expect.arrayContaining([new URL(graph).host, new URL(login).host]));
  });

  it('lets explicit base_url and token_url win, without a trailing slash', () => {
    const settings = azureAdSettingsSchema.parse({
      base_url: 'http://127.0.0.1:4000/v1.0/',
      token_url: 'http://127.0.0.1:4000/t/oauth2/v2.0/token',
    });
    expect(resolveAzureAdEndpoints(tenant, settings)).toMatchObject({
      baseUrl: 'http://127.0.0.1:4000/v1.0',
      tokenUrl: 'http://127.0.0.1:4000/t/oauth2/v2.0/token',
    });
  });

  it('refuses unknown settings and non-http URLs', () => {
    expect(azureAdSettingsSchema.safeParse({ cloud: 'mars' }).success).toBe(false);
    expect(azureAdSettingsSchema.safeParse({ base_url: 'file:///etc/passwd' }).success).toBe(false);
    expect(azureAdSettingsSchema.safeParse({ tenant: 'x' }).success).toBe(false);
  });
});

describe('createClient', () => {
  it('names the credential fields at fault without echoing their values', () => {
    const connector = createAzureAdConnector();
    const attempt = () =>
      connector.createClient(
        {
          id: 'a',
          credentials: { ...tenant, client_secret: 'x', private_key: 'super-secret-key-material' } as never,
          settings: {} as never,
        },
        { logger: { debug() {}, info() {}, warn() {}, error() {} } },
      );
    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_credentials', httpStatus: 400 }));
    expect(() => attempt()).not.toThrow(/super-secret-key-material/);
  });
});
