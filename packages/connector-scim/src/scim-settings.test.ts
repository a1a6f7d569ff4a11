import { createLoopbackClient, createOperationContext } from '@unidir/testkit';
import { describe, expect, it } from 'vitest';
import { createScimConnector } from './scim-connector.js';
import { findScimPreset, scimPresets } from './scim-presets.js';
import { scimCredentialsSchema, scimSettingsSchema } from './scim-settings.js';
import { startScimFake } from './testing/scim-fake.js';

describe('SCIM settings and credentials', () => {
  it('builds a preset base URL from its template, encoding each value as one path segment', () => {
    const figma = findScimPreset('figma-scim');
    expect(scimSettingsSchema(figma).parse({ tenant_id: '1401286822445493852' })).toEqual({
      base_url: 'https://www.figma.com/scim/v2/1401286822445493852',
    });
    expect(scimSettingsSchema(figma).parse({ tenant_id: '../admin' }).base_url).toBe(
      'https://www.figma.com/scim/v2/..%2Fadmin',
    );
    expect(scimSettingsSchema(figma).safeParse({}).success).toBe(false);
    expect(scimSettingsSchema(findScimPreset('slack-scim')).parse({})).toEqual({
      base_url: 'https://api.slack.com/scim/v2',
    });
  });

  it('requires base_url for the generic connector, and takes bearer, basic or client credentials', () => {
    expect(scimSettingsSchema().safeParse({}).success).toBe(false);
    const credentials = scimCredentialsSchema();
    for (const valid of [
      { token: 't' },
      { username: 'u', password: 'p' },
      { client_id: 'c', client_secret: 's' },
    ]) {
      expect(credentials.safeParse(valid).success).toBe(true);
    }
    expect(
      scimCredentialsSchema(findScimPreset('notion-scim')).safeParse({ username: 'u', password: 'p' })
        .success,
    ).toBe(false);
  });

  it('gives every preset its source, its hosts and a base URL on one of them', () => {
    for (const preset of scimPresets) {
      expect(preset.sourceUrl).toMatch(/^https:\/\//);
      const host = new URL(preset.baseUrlTemplate.replace(/\{\w+\}/g, 'x')).host;
      expect(preset.providerHosts).toContain(host);
      expect(createScimConnector({ preset }).providerHosts).toEqual(preset.providerHosts);
    }
  });

  for (const auth of ['basic', 'oauth_client_credentials'] as const) {
    it(`signs in with ${auth} credentials, keeping the secret out of errors and call records`, async () => {
      const secret = `${auth}-secret-0123456789`;
      const fake = await startScimFake({ users: 3, auth, token: secret });
      try {
        const connector = createScimConnector();
        const client = createLoopbackClient(connector, fake);
        const context = createOperationContext(client);
        const page = await connector.users!.list!({}, context);
        expect(page.records).toHaveLength(3);
        expect(JSON.stringify(context.providerCalls)).not.toContain(secret);
        const wrong = createLoopbackClient(connector, {
          credentials: Object.fromEntries(
            Object.entries(fake.credentials).map(([key, value]) => [
              key,
              value === secret ? 'wrong-secret-value' : value,
            ]),
          ),
          settings: fake.settings,
        });
        const error = await connector.users!.list!({}, createOperationContext(wrong)).catch(
          (caught: unknown) => caught,
        );
        expect(error).toMatchObject({ code: 'provider_auth_failed' });
        expect(JSON.stringify(error)).not.toContain('wrong-secret-value');
      } finally {
        await fake.close();
      }
    });
  }
});
