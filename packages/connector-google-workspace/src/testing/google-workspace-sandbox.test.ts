import { ConnectorRegistry, createUnifiedRuntime, parseUnifiedQuery } from '@unidir/runtime';
import { createLoopbackClient, createOperationContext, silentLogger } from '@unidir/testkit';
import { expect, it } from 'vitest';
import { connector } from '../index.js';
import { startSandbox } from './google-workspace-sandbox.js';

it('starts a sandbox whose credentials and settings work with the default connector', async () => {
  const sandbox = await startSandbox({ users: 8, seed: 42 });
  try {
    const client = createLoopbackClient(connector, { id: 'sandbox-account', ...sandbox });
    const page = await connector.users!.list!({}, createOperationContext(client));
    expect(page.records).toHaveLength(8);
    expect(page.nextCursor).toBeNull();
  } finally {
    await sandbox.close();
  }
});

it('passes remote_query[query], [orderBy] and [sortOrder] through to a sandbox that searches and sorts like Google', async () => {
  const sandbox = await startSandbox({ users: 30, seed: 7 });
  try {
    const runtime = createUnifiedRuntime({
      registry: new ConnectorRegistry([connector]),
      logger: silentLogger,
    });
    const list = async (queryString: string) => {
      const response = await runtime.execute({
        account: {
          id: 'sandbox-account',
          integration: 'google-workspace',
          ...sandbox,
          allowInsecureProviderUrls: true,
        },
        resource: 'users',
        method: 'list',
        query: parseUnifiedQuery(queryString),
      });
      return (response as { body: { result: Array<{ first_name?: string; last_name?: string }> } }).body
        .result;
    };
    const everyone = await list('limit=100');
    const prefix = everyone[0]!.first_name!.slice(0, 1);
    const remote = new URLSearchParams({
      'remote_query[query]': `givenName:${prefix}* isSuspended=false`,
      'remote_query[orderBy]': 'familyName',
      'remote_query[sortOrder]': 'DESCENDING',
      limit: '100',
    });
    const found = await list(remote.toString());
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(everyone.length);
    expect(found.every((user) => user.first_name?.startsWith(prefix))).toBe(true);
    const familyNames = found.map((user) => user.last_name?.toLowerCase() ?? '');
    expect(familyNames).toEqual([...familyNames].sort().reverse());
    await expect(list('remote_query[query]=shoeSize:42')).rejects.toMatchObject({ httpStatus: 400 });
  } finally {
    await sandbox.close();
  }
});
