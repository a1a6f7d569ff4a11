import { createLoopbackClient, createOperationContext } from '@unidir/testkit';
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
