import { createLoopbackClient, createOperationContext } from '@unidir/testkit';
import { expect, it } from 'vitest';
import connector from '../index.js';
import { startSandbox } from './index.js';

it('a sandbox account reaches its seeded organization through the default connector', async () => {
  const sandbox = await startSandbox({ users: 7, seed: 3 });
  try {
    const client = createLoopbackClient(connector, { id: 'sandbox', ...sandbox });
    const page = await connector.users!.list!({}, createOperationContext(client));
    expect(page.records).toHaveLength(7);
    expect(page.nextCursor).toBeNull();
    const teams = await connector.groups!.list!({}, createOperationContext(client));
    expect(teams.records.length).toBeGreaterThan(0);
  } finally {
    await sandbox.close();
  }
});
