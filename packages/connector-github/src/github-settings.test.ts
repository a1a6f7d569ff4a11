import { silentLogger } from '@unidir/testkit';
import { describe, expect, it } from 'vitest';
import { createGitHubConnector } from './github-connector.js';
import { gitHubCredentialsSchema, gitHubSettingsSchema } from './github-settings.js';

describe('github credentials and settings', () => {
  it('takes a token or a GitHub App installation, nothing in between', () => {
    expect(gitHubCredentialsSchema.parse({ token: 'ghp_x' })).toEqual({ token: 'ghp_x' });
    expect(
      gitHubCredentialsSchema.parse({
        app_id: 42,
        installation_id: 7,
        private_key: '-----BEGIN PRIVATE KEY-----',
      }),
    ).toEqual({ app_id: '42', installation_id: '7', private_key: '-----BEGIN PRIVATE KEY-----' });
    expect(gitHubCredentialsSchema.safeParse({ token: 'ghp_x', app_id: '42' }).success).toBe(false);
    expect(
      gitHubCredentialsSchema.safeParse({ app_id: '42', installation_id: 'abc', private_key: 'PRIVATE KEY' })
        .success,
    ).toBe(false);
  });

  it('defaults base_url to api.github.com and checks organization logins', () => {
    expect(gitHubSettingsSchema.parse({ organizations: ['octo-org'] })).toEqual({
      organizations: ['octo-org'],
      base_url: 'https://api.github.com',
    });
    expect(
      gitHubSettingsSchema.parse({ organizations: ['a'], base_url: 'https://ghe.example.com/api/v3/' })
        .base_url,
    ).toBe('https://ghe.example.com/api/v3');
    for (const organizations of [[], ['-leading-dash'], ['double--dash'], ['has.dot']]) {
      expect(gitHubSettingsSchema.safeParse({ organizations }).success, JSON.stringify(organizations)).toBe(
        false,
      );
    }
  });

  it('names only the paths at fault when an account is malformed, never the secret', () => {
    const connector = createGitHubConnector();
    const secret = 'ghp_secretValueThatMustNotLeak';
    let caught: unknown;
    try {
      connector.createClient(
        {
          id: 'a',
          credentials: { token: secret, extra: secret } as never,
          settings: { organizations: ['o'], base_url: 'https://api.github.com' },
        },
        { logger: silentLogger },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'invalid_credentials' });
    expect(JSON.stringify(caught) + String(caught)).not.toContain(secret);
  });
});
