import { describe, expect, it } from 'vitest';
import { createScimConnector } from './scim-connector.js';
import { findScimPreset, scimPresets } from './scim-presets.js';
import { scimCredentialsSchema, scimSettingsSchema } from './scim-settings.js';

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

  it('sends basic credentials as an Authorization header and never logs them', async () => {
    const { startScimFake } = await import('./testing/scim-fake.js');
    const fake = await startScimFake({ users: 3 });
    try {
      const connector = createScimConnector();
      const { createLoopbackClient, createOperationContext } = await import('@unidir/testkit');
      const client = createLoopbackClient(connector, {
        credentials: { username: 'scim-admin', password: 'basic-secret-123' },
        settings: fake.settings,
      });
      // The fake wants its bearer token: the provider's 401 becomes an auth failure without the secret in it.
      const error = await connector.users!.list!({}, createOperationContext(client)).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: 'provider_auth_failed' });
      expect(JSON.stringify(error)).not.toContain('basic-secret-123');
      const sent = fake.server.journal.entries[0]?.headers.authorization;
      expect(sent).toBe('[redacted]');
    } finally {
      await fake.close();
    }
  });
});
