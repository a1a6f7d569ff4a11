import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedFake, startConnectedFake } from './testing/google-workspace-connected-fake.js';

describe('google-workspace groups against the fake', () => {
  let connected: ConnectedFake;
  const groups = () => connected.connector.groups!;

  beforeAll(async () => {
    connected = await startConnectedFake({ users: 20, groups: 5 });
  });
  afterAll(() => connected.close());

  it('pages through every group with the page token behind the cursor', async () => {
    connected.fake.server.journal.clear();
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await groups().list!({ limit: 2, cursor }, connected.context());
      names.push(...page.records.map((record) => record.unified.name ?? ''));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(names).toEqual(
      connected.fake.directory.listGroups({ offset: 0, limit: 5 }).groups.map((group) => group.name),
    );
    expect(
      connected.fake.server.journal.forRoute('groups.list').map((entry) => entry.query.maxResults),
    ).toEqual(['2', '2', '2']);
  });

  it('lists the groups of a user with userKey and without customer', async () => {
    connected.fake.server.journal.clear();
    const user = connected.fake.directory.listUsers({ offset: 7, limit: 1 }).users[0]!;
    const page = await groups().list!({ user_id: user.email }, connected.context());
    const expected = connected.fake.directory
      .groupIdsOfUser(user.id)
      .map((id) => connected.fake.google.ids.groupId(connected.fake.directory.groupById(id)!.index));
    expect(page.records.map((record) => record.unified.id)).toEqual(expected);
    expect(connected.fake.server.journal.forRoute('groups.list')[0]?.query).toEqual({
      userKey: user.email,
      maxResults: '200',
    });
  });

  it('gets a group by email with its member count', async () => {
    const group = connected.fake.directory.listGroups({ offset: 3, limit: 1 }).groups[0]!;
    const record = await groups().get!({ id: group.email }, connected.context());
    expect(record.unified).toMatchObject({
      id: connected.fake.google.ids.groupId(group.index),
      name: group.name,
      description: group.description,
      member_count: connected.fake.directory.memberIdsOfGroup(group.id).length,
    });
    await expect(groups().get!({ id: 'nobody@unidir.test' }, connected.context())).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
