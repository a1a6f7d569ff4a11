import { describe, expect, it } from 'vitest';
import { SecretRegistry } from '../security/secret-registry.js';
import { createLogger, loggedAccountId } from './create-logger.js';

describe('createLogger', () => {
  it("names a request's account on its lines and its children's, and scrubs that account's secrets", () => {
    const secrets = new SecretRegistry();
    secrets.set({ tenantId: 'acme', accountId: 'account-1' }, { clientSecret: 'very-secret-value' });
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      secrets,
      destination: { write: (line) => lines.push(line) },
    });
    const requestLogger = logger.child({ reqId: 'request-1' });
    (requestLogger as { [loggedAccountId]?: string })[loggedAccountId] = 'account-1';
    requestLogger.warn({ detail: 'echoed very-secret-value' }, 'provider echoed a secret');
    requestLogger.child({ step: 'two' }).info('from a child');
    logger.info('not about an account');
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed[0]).toMatchObject({ integrated_account_id: 'account-1', detail: 'echoed [REDACTED]' });
    expect(parsed[1]).toMatchObject({ integrated_account_id: 'account-1', step: 'two' });
    expect(parsed[2]).not.toHaveProperty('integrated_account_id');
    expect(lines.join('')).not.toContain('very-secret-value');
  });
});
