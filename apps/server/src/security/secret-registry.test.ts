import { describe, expect, it } from 'vitest';
import { SecretRegistry } from './secret-registry.js';

const acme = { tenantId: 'acme', accountId: 'account-1' };
const globex = { tenantId: 'globex', accountId: 'account-2' };

describe('SecretRegistry', () => {
  it("scrubs an account's secret strings inside the values of what its calls produced", () => {
    const secrets = new SecretRegistry();
    secrets.set(acme, {
      client_secret: 's3cr3t"value\\x',
      nested: { private_key: '-----BEGIN KEY-----\nabc' },
    });
    const body = { message: 'failed with s3cr3t"value\\x', details: { key: '-----BEGIN KEY-----\nabc' } };
    expect(secrets.redact(body, acme)).toEqual({
      message: 'failed with [REDACTED]',
      details: { key: '[REDACTED]' },
    });
  });

  it('leaves identifiers in credentials (tenant, client, service account) in the data they appear in', () => {
    const secrets = new SecretRegistry();
    const tenantId = '8f1c2d3e-0000-4000-8000-000000000001';
    secrets.set(acme, {
      tenant_id: tenantId,
      client_id: 'app-client-000001',
      client_secret: 'the-client-secret',
      service_account: { client_email: 'robot@project.iam.test', private_key: '-----BEGIN KEY-----\nxyz' },
    });
    const user = {
      id: 'u1',
      organizations: [{ id: tenantId }],
      emails: [{ email: 'robot@project.iam.test' }],
      note: 'app-client-000001 said the-client-secret and -----BEGIN KEY-----\nxyz',
    };
    expect(secrets.redact(user, acme)).toEqual({
      ...user,
      note: 'app-client-000001 said [REDACTED] and [REDACTED]',
    });
  });

  it('scrubs the latest access tokens obtained for an account, and lets expired ones go', () => {
    const secrets = new SecretRegistry();
    secrets.set(acme, { client_secret: 'the-client-secret' });
    const tokens = Array.from({ length: 12 }, (_, index) => `access-token-${index}`);
    for (const token of tokens) secrets.addAccessToken(acme, token);
    expect(secrets.secretsOf(acme.accountId)).toEqual(['the-client-secret', ...tokens.slice(4)]);
    expect(secrets.redact({ message: `${tokens[11]} and ${tokens[0]}` }, acme)).toEqual({
      message: '[REDACTED] and access-token-0',
    });
    // New credentials start afresh: the tokens obtained with the old ones are dropped with them.
    secrets.set(acme, { client_secret: 'a-new-client-secret' });
    expect(secrets.secretsOf(acme.accountId)).toEqual(['a-new-client-secret']);
  });

  it("never applies one account's secrets to another account's or another tenant's answers", () => {
    const secrets = new SecretRegistry();
    secrets.set(acme, { client_secret: '{"statusCode":' });
    const body = { statusCode: 404, message: 'has {"statusCode": inside' };
    expect(secrets.redact(body, globex)).toEqual(body);
    expect(secrets.redact(body, { tenantId: 'globex', accountId: 'account-1' })).toEqual(body);
    expect(secrets.redact(body, undefined)).toEqual(body);
  });

  it('keeps every log line JSON whatever the secret looks like, and scrubs only the lines of its account', () => {
    const secrets = new SecretRegistry();
    secrets.set(acme, { client_secret: '{"statusCode":', other: '","level":' });
    const own = `${JSON.stringify({ level: 50, integrated_account_id: 'account-1', msg: 'x {"statusCode": 1' })}\n`;
    const foreign = `${JSON.stringify({ level: 50, integrated_account_id: 'account-2', msg: '{"statusCode": 1' })}\n`;
    const unscoped = `${JSON.stringify({ level: 30, msg: '{"statusCode": 1' })}\n`;
    expect(JSON.parse(secrets.redactLogLine(own))).toEqual({
      level: 50,
      integrated_account_id: 'account-1',
      msg: 'x [REDACTED] 1',
    });
    expect(secrets.redactLogLine(foreign)).toBe(foreign);
    expect(secrets.redactLogLine(unscoped)).toBe(unscoped);
  });

  it('ignores values too short to be secrets, and forgets an account once deleted', () => {
    const secrets = new SecretRegistry();
    secrets.set(acme, { region: 'eu', client_secret: 'long-enough-secret' });
    expect(secrets.redact('eu long-enough-secret', acme)).toBe('eu [REDACTED]');
    secrets.delete(acme.accountId);
    expect(secrets.redact('long-enough-secret', acme)).toBe('long-enough-secret');
  });
});
