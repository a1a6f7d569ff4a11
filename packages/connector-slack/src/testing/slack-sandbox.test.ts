import { createLoopbackClient, createOperationContext } from '@unidir/testkit';
import { expect, it } from 'vitest';
import connector from '../index.js';
import { startSandbox } from './slack-sandbox.js';

it('a sandbox account reaches its seeded Slack fake through the default connector', async () => {
  const sandbox = await startSandbox({ users: 7, seed: 3 });
  try {
    const client = createLoopbackClient(connector, { id: 'sandbox', ...sandbox });
    const page = await connector.users!.list!({}, createOperationContext(client));
    expect(page.records).toHaveLength(7);
    expect(page.nextCursor).toBeNull();
    const workspaces = await connector.workspaces!.list!({}, createOperationContext(client));
    expect(workspaces.records.length).toBeGreaterThan(1);
  } finally {
    await sandbox.close();
  }
});
