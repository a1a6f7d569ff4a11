import { NotFoundError, type ProviderCallRecord } from '@unidir/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './azure-ad-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.fake.close();
  harness = undefined;
});

async function start() {
  harness = await startHarness({ users: 20 }, { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  await harness.groups.list!({ limit: 1 }, harness.context());
  harness.fake.server.journal.clear();
  return harness;
}

describe('groups.create', () => {
  it('creates a security group by default, with the mailNickname derived from the name', async () => {
    const { groups, context, journal, fake } = await start();
    const created = await groups.create!(
      { body: { name: 'Área Ops #1', description: 'On call' } },
      context(),
    );
    expect(journal()).toEqual(['POST /v1.0/groups']);
    expect(fake.server.journal.forRoute('groups.create')[0]).toMatchObject({
      status: 201,
      body: {
        displayName: 'Área Ops #1',
        description: 'On call',
        mailNickname: 'AreaOps1',
        mailEnabled: false,
        securityEnabled: true,
        groupTypes: [],
      },
    });
    expect(created?.unified).toMatchObject({
      name: 'Área Ops #1',
      group_type: 'security',
      description: 'On call',
    });
    expect(fake.groups.record(created!.unified.id)).toMatchObject({ displayName: 'Área Ops #1' });
  });

  it('creates a Microsoft 365 group named by its email', async () => {
    const { groups, context, fake } = await start();
    const created = await groups.create!(
      {
        body: {
          name: 'Launch',
          group_type: 'microsoft_365',
          emails: [{ email: `launch-team@${fake.directory.domain}` }],
        },
      },
      context(),
    );
    expect(fake.server.journal.forRoute('groups.create')[0]?.body).toMatchObject({
      mailNickname: 'launch-team',
      mailEnabled: true,
      securityEnabled: false,
      groupTypes: ['Unified'],
    });
    expect(created?.unified).toMatchObject({
      group_type: 'microsoft_365',
      emails: [{ email: `launch-team@${fake.directory.domain}`, type: 'primary' }],
    });
  });

  it.each([
    [{ description: 'no name' }, 'invalid_body'],
    [{ name: 'Mail sec', group_type: 'mail_enabled_security' }, 'unsupported_parameter'],
    [{ name: 'List', group_type: 'distribution' }, 'unsupported_parameter'],
    [{ name: 'Sec', emails: [{ email: 'sec@unidir.test' }] }, 'unsupported_parameter'],
    [{ name: 'Org', organization_id: 'x' }, 'unsupported_parameter'],
    [{ name: '###' }, 'invalid_body'],
  ])('refuses %j before any call (%s)', async (body, code) => {
    const { groups, context, journal } = await start();
    await expect(groups.create!({ body: body as never }, context())).rejects.toMatchObject({ code });
    expect(journal()).toEqual([]);
  });

  it('reports a duplicate mailNickname as Graph does (400), and does not send the POST again', async () => {
    const { groups, context, fake } = await start();
    const body = { name: 'Dup', group_type: 'microsoft_365', emails: [{ email: 'dup@unidir.test' }] };
    await groups.create!({ body }, context());
    await expect(groups.create!({ body }, context())).rejects.toMatchObject({
      code: 'provider_rejected_request',
      httpStatus: 400,
    });
    expect(fake.server.journal.forRoute('groups.create')).toHaveLength(2);
  });

  it('after a lost answer the POST is not sent again: one group exists, the caller learns the call failed', async () => {
    const { groups, context, fake } = await start();
    fake.server.injectFault({ route: 'groups.create', nth: [1], fault: { kind: 'commit-then-fail' } });
    await expect(groups.create!({ body: { name: 'Once' } }, context())).rejects.toMatchObject({
      code: 'provider_unavailable',
    });
    expect(fake.server.journal.forRoute('groups.create').map((entry) => entry.handled)).toEqual([true]);
    const named = (await groups.list!({ limit: 999 }, context())).records.filter(
      (record) => record.unified.name === 'Once',
    );
    expect(named).toHaveLength(1);
  });

  it('plans the POST in a dry run', async () => {
    const { groups, context, journal } = await start();
    const providerCalls: ProviderCallRecord[] = [];
    expect(
      await groups.create!({ body: { name: 'Dry' } }, context({ dryRun: true, providerCalls })),
    ).toBeNull();
    expect(journal()).toEqual([]);
    expect(providerCalls).toMatchObject([{ method: 'POST', outcome: 'planned' }]);
  });
});

describe('groups.update', () => {
  it('PATCHes the group (204), then reads it again', async () => {
    const { groups, context, journal, fake } = await start();
    const [group] = fake.directory.listGroups({ offset: 1, limit: 1 }).groups;
    const updated = await groups.update!(
      { id: group!.id, body: { name: 'Renamed', description: 'New' } },
      context(),
    );
    expect(journal()).toEqual([`PATCH /v1.0/groups/${group!.id}`, `GET /v1.0/groups/${group!.id}`]);
    expect(fake.server.journal.forRoute('groups.update')[0]).toMatchObject({
      status: 204,
      body: { displayName: 'Renamed', description: 'New' },
    });
    expect(updated?.unified).toMatchObject({ id: group!.id, name: 'Renamed', description: 'New' });
  });

  it('after a lost answer the PATCH is not sent again', async () => {
    const { groups, context, fake } = await start();
    const [group] = fake.directory.listGroups({ offset: 1, limit: 1 }).groups;
    fake.server.injectFault({
      route: 'groups.update',
      nth: [1],
      fault: { kind: 'commit-then-fail', status: 504 },
    });
    await expect(
      groups.update!({ id: group!.id, body: { description: 'Once' } }, context()),
    ).rejects.toMatchObject({
      code: 'provider_unavailable',
    });
    expect(fake.server.journal.forRoute('groups.update')).toHaveLength(1);
    expect(fake.groups.record(group!.id)?.description).toBe('Once');
  });

  it('refuses changing the kind or the addresses of a group', async () => {
    const { groups, context, journal, fake } = await start();
    const [group] = fake.directory.listGroups({ offset: 0, limit: 1 }).groups;
    await expect(
      groups.update!({ id: group!.id, body: { group_type: 'security' } }, context()),
    ).rejects.toMatchObject({ code: 'unsupported_parameter' });
    await expect(
      groups.update!({ id: group!.id, body: { emails: [{ email: 'x@unidir.test' }] } }, context()),
    ).rejects.toMatchObject({ code: 'unsupported_parameter' });
    expect(journal()).toEqual([]);
  });
});

describe('groups.delete', () => {
  it('makes exactly one DELETE and reports delete_group', async () => {
    const { groups, context, journal, fake } = await start();
    const [group] = fake.directory.listGroups({ offset: 2, limit: 1 }).groups;
    const result = await groups.delete!({ id: group!.id }, context());
    expect(result).toEqual({
      id: group!.id,
      actions: [{ action: 'delete_group', target: group!.id, outcome: 'done' }],
    });
    expect(journal()).toEqual([`DELETE /v1.0/groups/${group!.id}`]);
    await expect(groups.get!({ id: group!.id }, context())).rejects.toBeInstanceOf(NotFoundError);
    const listed = await groups.list!({ limit: 999 }, context());
    expect(listed.records.map((record) => record.unified.id)).not.toContain(group!.id);
  });

  it('after a lost answer the DELETE is repeated once and its 404 is already_done', async () => {
    const { groups, context, journal, fake } = await start();
    const [group] = fake.directory.listGroups({ offset: 0, limit: 1 }).groups;
    fake.server.injectFault({
      route: 'groups.delete',
      nth: [1],
      fault: { kind: 'commit-then-fail', status: 502 },
    });
    const result = await groups.delete!({ id: group!.id }, context());
    expect(result.actions).toEqual([{ action: 'delete_group', target: group!.id, outcome: 'already_done' }]);
    expect(journal()).toEqual([`DELETE /v1.0/groups/${group!.id}`, `DELETE /v1.0/groups/${group!.id}`]);
    expect(fake.server.journal.forRoute('groups.delete').map((entry) => entry.status)).toEqual([502, 404]);
  });

  it('a group that never existed is not_found', async () => {
    const { groups, context } = await start();
    await expect(
      groups.delete!({ id: '00000000-0000-4000-8000-000000000000' }, context()),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a deleted group leaves its members' groups", async () => {
    const { groups, users, context, fake } = await start();
    const [user] = fake.directory.listUsers({ offset: 3, limit: 1 }).users;
    const groupId = fake.directory.groupIdsOfUser(user!.id)[0]!;
    await groups.delete!({ id: groupId }, context());
    const read = await users.get!({ id: user!.id }, context());
    expect(read.unified.groups?.map((group) => group.id)).not.toContain(groupId);
  });
});
