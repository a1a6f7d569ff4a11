import { createLoopbackClient, createOperationContext } from '@unidir/testkit';
import { expect, it } from 'vitest';
import { connector, connectors } from '../index.js';
import { sandboxes, startSandbox } from './scim-sandbox.js';

it('a sandbox account of the generic integration reaches its seeded fake', async () => {
  const sandbox = await startSandbox({ users: 7, seed: 3 });
  try {
    const client = createLoopbackClient(connector, { id: 'sandbox', ...sandbox });
    const page = await connector.users!.list!({}, createOperationContext(client));
    expect(page.records).toHaveLength(7);
    expect(page.nextCursor).toBeNull();
  } finally {
    await sandbox.close();
  }
});

it('every preset has a sandbox whose fake its connector can use', async () => {
  expect(Object.keys(sandboxes).sort()).toEqual(
    connectors
      .slice(1)
      .map((each) => each.id)
      .sort(),
  );
  const figma = connectors.find((each) => each.id === 'figma-scim')!;
  const sandbox = await sandboxes['figma-scim']!({ users: 5 });
  try {
    const client = createLoopbackClient(figma, { id: 'sandbox', ...sandbox });
    const [first] = (await figma.users!.list!({}, createOperationContext(client))).records;
    const result = await figma.users!.delete!(
      { id: first!.unified.id, permanent: true },
      createOperationContext(client),
    );
    expect(result.actions).toEqual([
      { action: 'permanent_delete', target: first!.unified.id, outcome: 'done' },
    ]);
  } finally {
    await sandbox.close();
  }
});
