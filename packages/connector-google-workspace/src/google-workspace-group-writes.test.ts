import type { GroupWrite } from '@unidir/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { googleWorkspaceScopeSets } from './google-workspace-client.js';
import { type ConnectedFake, startConnectedFake } from './testing/google-workspace-connected-fake.js';

describe('google-workspace group create, update and delete against the fake', () => {
  let connected: ConnectedFake;
  const groups = () => connected.connector.groups!;
  const journal = () => connected.fake.server.journal;
  const apiCalls = () => journal().entries.filter((entry) => entry.route !== 'token');

  beforeAll(async () => {
    connected = await startConnectedFake({ users: 20, groups: 3, connector: { retry: { baseDelayMs: 5 } } });
  });
  afterAll(() => connected.close());
  afterEach(() => connected.fake.server.clearFaults());

  it('creates, renames and deletes a group with one call each', async () => {
    journal().clear();
    const created = await groups().create!(
      {
        body: {
          name: 'Offboarding',
          description: 'Leavers this month',
          emails: [{ email: 'offboarding@unidir.test' }],
        },
      },
      connected.context(),
    );
    expect(created?.unified).toMatchObject({
      name: 'Offboarding',
      description: 'Leavers this month',
      emails: [{ email: 'offboarding@unidir.test', type: 'primary' }],
      member_count: 0,
    });
    const id = created!.unified.id;
    const updated = await groups().update!({ id, body: { name: 'Offboarding 2026' } }, connected.context());
    expect(updated?.unified).toMatchObject({
      id,
      name: 'Offboarding 2026',
      description: 'Leavers this month',
    });
    const deleted = await groups().delete!({ id }, connected.context());
    expect(deleted).toEqual({ id, actions: [{ action: 'delete_group', target: id, outcome: 'done' }] });
    expect(apiCalls().map((entry) => [entry.route, entry.body])).toEqual([
      [
        'groups.insert',
        { name: 'Offboarding', description: 'Leavers this month', email: 'offboarding@unidir.test' },
      ],
      ['groups.patch', { name: 'Offboarding 2026' }],
      ['groups.delete', undefined],
    ]);
    await expect(groups().get!({ id }, connected.context())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reports already_done when the delete of a group is retried after a lost answer', async () => {
    const group = connected.fake.directory.listGroups({ offset: 2, limit: 1 }).groups[0]!;
    const id = connected.fake.google.ids.groupId(group.index);
    connected.fake.server.injectFault({
      route: 'groups.delete',
      times: 1,
      fault: { kind: 'commit-then-fail', status: 502 },
    });
    journal().clear();
    const deleted = await groups().delete!({ id }, connected.context());
    expect(deleted.actions).toEqual([{ action: 'delete_group', target: id, outcome: 'already_done' }]);
    expect(apiCalls().map((entry) => entry.status)).toEqual([502, 404]);
  });

  it('refuses what a Google group cannot hold before any call', async () => {
    journal().clear();
    const refusals: Array<[GroupWrite, string]> = [
      [{ name: 'No address' }, 'missing_required_fields'],
      [{ emails: [{ email: 'a@unidir.test' }, { email: 'b@unidir.test' }] }, 'unsupported_parameter'],
      [{ emails: [{ email: 'team@unidir.test' }], group_type: 'team' }, 'unsupported_parameter'],
      [{ emails: [{ email: 'org@unidir.test' }], organization_id: 'C0other' }, 'unsupported_parameter'],
    ];
    for (const [body, code] of refusals) {
      await expect(groups().create!({ body }, connected.context())).rejects.toMatchObject({ code });
    }
    await expect(groups().update!({ id: 'any', body: {} }, connected.context())).rejects.toMatchObject({
      code: 'empty_update',
    });
    expect(apiCalls()).toEqual([]);
  });

  it('maps a duplicate address to a 409 provider error', async () => {
    const taken = connected.fake.directory.listGroups({ offset: 0, limit: 1 }).groups[0]!.email;
    await expect(
      groups().create!({ body: { emails: [{ email: taken }] } }, connected.context()),
    ).rejects.toMatchObject({ code: 'provider_rejected_request', httpStatus: 409 });
  });

  it('plans the three writes without calling in a dry run', async () => {
    journal().clear();
    const context = connected.context({ dryRun: true });
    const group = connected.fake.directory.listGroups({ offset: 0, limit: 1 }).groups[0]!;
    const id = connected.fake.google.ids.groupId(group.index);
    expect(await groups().create!({ body: { emails: [{ email: 'dry@unidir.test' }] } }, context)).toBeNull();
    expect(await groups().update!({ id, body: { name: 'Dry' } }, context)).toBeNull();
    expect((await groups().delete!({ id }, context)).actions[0]?.outcome).toBe('planned');
    expect(apiCalls()).toEqual([]);
    expect(connected.fake.google.groups.byId(group.id)?.name).toBe(group.name);
  });
});

describe('google-workspace group writes without the admin.directory.group scope', () => {
  let connected: ConnectedFake;

  beforeAll(async () => {
    connected = await startConnectedFake({ users: 5, delegatedScopes: googleWorkspaceScopeSets.directory });
  });
  afterAll(() => connected.close());

  it('fails with a 403 that names the missing scope, and still reads groups', async () => {
    const error = await connected.connector.groups!.create!(
      { body: { emails: [{ email: 'scoped@unidir.test' }] } },
      connected.context(),
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'provider_scope_missing', httpStatus: 403 });
    expect((error as Error).message).toContain('https://www.googleapis.com/auth/admin.directory.group');
    expect(connected.fake.server.journal.forRoute('groups.insert')).toEqual([]);
    const page = await connected.connector.groups!.list!({}, connected.context());
    expect(page.records.length).toBeGreaterThan(0);
  });
});
