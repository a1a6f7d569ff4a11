import { unifiedGroupSchema, unifiedUserSchema } from '@unidir/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness } from './slack-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe('slack users and groups reads', () => {
  let harness: Harness;
  const get = async (index: number) =>
    (await harness.users.get!({ id: harness.seedUser(index).id }, harness.context())).unified;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(() => harness.fake.close());

  it('maps account types to user_type and roles: primary owner, admin, guests, bot, member', async () => {
    expect(await get(0)).toMatchObject({
      user_type: 'admin',
      roles: [
        { id: 'primary_owner', name: 'Primary Owner' },
        { id: 'owner', name: 'Owner' },
        { id: 'admin', name: 'Admin' },
      ],
    });
    expect(await get(2)).toMatchObject({ user_type: 'admin', roles: [{ id: 'admin' }] });
    expect(await get(6)).toMatchObject({ user_type: 'guest', roles: [{ id: 'multi_channel_guest' }] });
    expect(await get(8)).toMatchObject({
      user_type: 'single_channel_guest',
      roles: [{ id: 'single_channel_guest' }],
    });
    const bot = await get(11);
    expect(bot).toMatchObject({ user_type: 'bot', roles: [{ id: 'bot' }] });
    expect(bot.emails).toBeUndefined();
    expect(await get(1)).toMatchObject({
      user_type: 'end_user',
      roles: [{ id: 'member' }],
      status: 'active',
    });
  });

  it('maps a deactivated user to inactive, and the profile, Grid workspaces and organization', async () => {
    expect((await get(7)).status).toBe('inactive');
    const { seed } = harness.seedUser(4);
    const user = await get(4);
    expect(unifiedUserSchema.safeParse(user).success).toBe(true);
    expect(user).toMatchObject({
      first_name: seed.givenName,
      last_name: seed.familyName,
      name: seed.displayName,
      username: seed.username,
      title: seed.jobTitle,
      emails: [{ email: seed.email, is_primary: true, type: 'work' }],
      phones: [{ number: seed.phone, type: 'work' }],
      timezone: seed.timezone,
      is_email_verified: true,
      workspaces: [{ id: 'T00000001' }, { id: 'T00000002' }],
      organizations: [{ id: 'E0UNIDIR1', name: 'Unidir Grid' }],
    });
    expect(user.updated_at).toBe(
      new Date(Math.floor(Date.parse(seed.updatedAt) / 1000) * 1000).toISOString(),
    );
  });

  it('passes remote_query to users.list but never lets it override the cursor or the page size', async () => {
    await harness.users.list!({ limit: 5 }, harness.context({ remoteQuery: { include_locale: 'true' } }));
    expect(harness.fake.server.journal.forRoute('users.list')[0]?.query).toMatchObject({
      include_locale: 'true',
      limit: '5',
    });
    await expect(
      harness.users.list!({ limit: 5 }, harness.context({ remoteQuery: { limit: '1000' } })),
    ).rejects.toMatchObject({ code: 'remote_query_conflict' });
  });

  it('looks a user up by email, within a workspace when workspace_id is given too', async () => {
    const { seed, id } = harness.seedUser(4);
    const inside = await harness.users.list!(
      { email: seed.email, workspace_id: 'T00000002' },
      harness.context(),
    );
    expect(inside.records.map((record) => record.unified.id)).toEqual([id]);
    const outside = await harness.users.list!(
      { email: seed.email, workspace_id: 'T00000000' },
      harness.context(),
    );
    expect(outside.records).toEqual([]);
    expect(harness.journal()).toEqual(['GET /api/users.lookupByEmail', 'GET /api/users.lookupByEmail']);
  });

  it('lists user groups in one request, and the groups of one user', async () => {
    const all = await harness.groups.list!({}, harness.context());
    expect(all.nextCursor).toBeNull();
    expect(all.records.map((record) => record.unified.id)).toEqual(['S00000000', 'S00000001', 'S00000002']);
    for (const record of all.records) expect(unifiedGroupSchema.safeParse(record.unified).success).toBe(true);
    const { seed, id } = harness.seedUser(7);
    const mine = await harness.groups.list!({ user_id: id }, harness.context());
    const expected = harness.fake.directory
      .groupIdsOfUser(seed.id)
      .map((groupId) => harness.fake.groupId(harness.fake.directory.groupById(groupId)!));
    expect(mine.records.map((record) => record.unified.id).sort()).toEqual(expected.sort());
    expect(expected.length).toBe(2);
    expect(harness.journal()).toEqual(['GET /api/usergroups.list', 'GET /api/usergroups.list']);
  });

  it('gets one user group, and answers NotFoundError for an unknown one', async () => {
    const group = await harness.groups.get!({ id: 'S00000001' }, harness.context());
    expect(group.unified).toMatchObject({
      id: 'S00000001',
      group_type: 'user_group',
      organization_id: 'E0UNIDIR1',
    });
    expect(group.unified.member_count).toBe(
      harness.fake.org.memberIdsOf(harness.fake.org.seedGroup('S00000001')!).length,
    );
    await expect(harness.groups.get!({ id: 'S0ZZZZZZZ' }, harness.context())).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('slack outside Enterprise Grid (one Business+ workspace)', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ grid: false });
  });
  afterEach(() => harness.fake.close());

  it('lists the one workspace after Slack refuses admin.teams.list, and the workspace is the organization', async () => {
    const workspaces = await harness.connector.workspaces!.list!({}, harness.context());
    expect(workspaces.records.map((record) => record.unified)).toMatchObject([{ id: 'T00000000' }]);
    expect(harness.journal()).toEqual(['GET /api/admin.teams.list', 'GET /api/team.info']);
    const organizations = await harness.connector.organizations!.list!({}, harness.context());
    expect(organizations.records.map((record) => record.unified.id)).toEqual(['T00000000']);
    const user = await harness.users.get!({ id: harness.seedUser(4).id }, harness.context());
    expect(user.unified.workspaces).toEqual([{ id: 'T00000000' }]);
    expect(user.unified.organizations).toBeUndefined();
  });

  it("refuses workspace removal with Slack's own answer, changing nothing", async () => {
    await expect(
      harness.users.delete!({ id: harness.seedUser(4).id, workspace_id: 'T00000000' }, harness.context()),
    ).rejects.toMatchObject({ code: 'provider_rejected_request', httpStatus: 403 });
  });
});
