import { describe, expect, it } from 'vitest';
import type { OperationContext } from '../connector-v1.js';
import { InvalidCursorError, NotFoundError } from '../errors.js';
import { unifiedUserSchema } from '../unified-user.js';
import { createInMemoryDirectory, type InMemoryDirectory, inMemoryConnector } from './in-memory-connector.js';

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

function contextFor(directory: InMemoryDirectory, dryRun = false): OperationContext<InMemoryDirectory> {
  const client = inMemoryConnector.createClient(
    { id: 'account-1', credentials: { directory }, settings: {} },
    { logger: silentLogger },
  );
  return {
    client,
    accountId: 'account-1',
    remoteQuery: {},
    signal: new AbortController().signal,
    deadline: Date.now() + 30_000,
    dryRun,
    providerCalls: [],
    logger: silentLogger,
  };
}

describe('the in-memory example connector', () => {
  const users = inMemoryConnector.users!;

  it('pages through every user once with opaque cursors', async () => {
    const context = contextFor(createInMemoryDirectory(25));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await users.list!({ limit: 10, cursor }, context);
      seen.push(...page.records.map((record) => record.unified.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('returns valid unified users with their raw records', async () => {
    const record = await users.get!({ id: 'user-000003' }, contextFor(createInMemoryDirectory(3)));
    expect(unifiedUserSchema.parse(record.unified).emails?.[0]?.email).toBe('user3@example.test');
    expect(record.raw).toMatchObject({ id: 'user-000003' });
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(
      users.list!({ cursor: 'bm90LWEtY3Vyc29y' }, contextFor(createInMemoryDirectory(1))),
    ).rejects.toThrow(InvalidCursorError);
  });

  it('reports an unknown user as not found', async () => {
    await expect(users.get!({ id: 'nobody' }, contextFor(createInMemoryDirectory(1)))).rejects.toThrow(
      NotFoundError,
    );
  });

  it('removes only the membership for remove_from=group, and the user for a plain delete', async () => {
    const directory = createInMemoryDirectory(2);
    directory.groups.set('g1', { id: 'g1', name: 'Engineering', memberIds: new Set(['user-000001']) });
    const removal = await users.delete!(
      { id: 'user-000001', remove_from: 'group', remove_from_id: 'g1' },
      contextFor(directory),
    );
    expect(removal.actions).toEqual([{ action: 'remove_from_group', target: 'g1', outcome: 'done' }]);
    expect(directory.users.has('user-000001')).toBe(true);
    expect(directory.groups.get('g1')?.memberIds.size).toBe(0);

    await users.delete!({ id: 'user-000002' }, contextFor(directory));
    expect(directory.users.has('user-000002')).toBe(false);
  });

  it('changes nothing in a dry run', async () => {
    const directory = createInMemoryDirectory(1);
    const result = await users.delete!({ id: 'user-000001' }, contextFor(directory, true));
    expect(result.actions[0]?.outcome).toBe('planned');
    expect(directory.users.size).toBe(1);
    expect(await users.create!({ body: { name: 'New' } }, contextFor(directory, true))).toBeNull();
    expect(directory.users.size).toBe(1);
  });
});
