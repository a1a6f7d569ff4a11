import type { ConnectorAccount, ConnectorEnvironment } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCapturingLogger } from './capturing-logger.js';
import { createLoopbackClient } from './loopback-client.js';

const connector = {
  credentialsSchema: z.object({ token: z.string().min(1) }),
  settingsSchema: z.object({ base_url: z.url(), page_size: z.number().default(100) }),
  createClient: (
    account: ConnectorAccount<{ token: string }, { base_url: string; page_size: number }>,
    environment: ConnectorEnvironment,
  ) => ({ account, environment }),
};

describe('createLoopbackClient', () => {
  it("passes the account through the connector's schemas and allows plain-http provider URLs", () => {
    const { account, environment } = createLoopbackClient(connector, {
      credentials: { token: 'secret' },
      settings: { base_url: 'http://127.0.0.1:4000' },
    });
    expect(account).toEqual({
      id: 'test-account',
      credentials: { token: 'secret' },
      settings: { base_url: 'http://127.0.0.1:4000', page_size: 100 },
    });
    expect(environment.allowInsecureProviderUrls).toBe(true);
  });

  it('refuses an account the schemas refuse, before building a client', () => {
    expect(() =>
      createLoopbackClient(connector, { credentials: { token: '' }, settings: { base_url: 'http://x' } }),
    ).toThrow(z.ZodError);
  });

  it('takes the account id and environment it is given', () => {
    const logger = createCapturingLogger();
    const { account, environment } = createLoopbackClient(
      connector,
      { id: 'sandbox', credentials: { token: 't' }, settings: { base_url: 'http://127.0.0.1:1' } },
      { logger, now: () => 0 },
    );
    expect(account.id).toBe('sandbox');
    expect(environment.logger).toBe(logger);
    expect(environment.now?.()).toBe(0);
  });
});
