import { NotFoundError, type UnifiedUser } from '@unidir/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './azure-ad-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.fake.close();
  harness = undefined;
});

async function start(...options: Parameters<typeof startHarness>) {
  harness = await startHarness(...options);
  return { ...harness, licenses: harness.connector.licenses! };
}

async function listAllUsers(h: Harness): Promise<UnifiedUser[]> {
  const users: UnifiedUser[] = [];
  let cursor: string | undefined;
  do {
    const page = await h.users.list!({ limit: 999, cursor }, h.context());
    users.push(...page.records.map((record) => record.unified));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return users;
}

describe('licenses', () => {
  it('lists the subscribed SKUs with seats, in one request', async () => {
    const { licenses, context, journal } = await start({ users: 30 });
    const page = await licenses.list!({}, context());
    expect(journal()).toEqual(['GET /v1.0/subscribedSkus']);
    expect(page.nextCursor).toBeNull();
    const names = page.records.map((record) => record.unified.name);
    expect(names).toEqual(['ENTERPRISEPACK', 'POWER_BI_PRO']);
    for (const { unified } of page.records) {
      expect(unified.total_seats).toBeGreaterThanOrEqual(unified.used_seats!);
      expect(unified.organization_id).toBe(harness!.fake.tenantId);
    }
  });

  it("used seats agree with the users who hold the SKU, and users' licenses carry its id and name", async () => {
    const h = await start({ users: 60 });
    const [enterprise] = (await h.licenses.list!({}, h.context())).records;
    const holders = (await listAllUsers(h)).filter((user) =>
      user.licenses?.some((license) => license.id === enterprise!.unified.id),
    );
    expect(holders.length).toBe(enterprise!.unified.used_seats);
    for (const user of holders) {
      expect(user.licenses).toEqual([{ id: enterprise!.unified.id, name: 'ENTERPRISEPACK' }]);
    }
  });

  it("lists one user's licenses from its assignedLicenses and the SKUs", async () => {
    const { licenses, context, journal, fake } = await start({ users: 10 });
    const [unlicensed, licensed] = fake.directory.listUsers({ offset: 0, limit: 2 }).users;
    const page = await licenses.list!({ user_id: licensed!.id }, context());
    expect(page.records.map((record) => record.unified.name)).toEqual(['ENTERPRISEPACK']);
    expect(journal()).toEqual([`GET /v1.0/users/${licensed!.id}`, 'GET /v1.0/subscribedSkus']);

    fake.server.journal.clear();
    expect((await licenses.list!({ user_id: unlicensed!.id }, context())).records).toEqual([]);
    expect(journal()).toEqual([`GET /v1.0/users/${unlicensed!.id}`]);
  });

  it('gets a license by its skuId, and not_found for another', async () => {
    const { licenses, context } = await start({ users: 3 });
    const [, powerBi] = (await licenses.list!({}, context())).records;
    const got = await licenses.get!({ id: powerBi!.unified.id }, context());
    expect(got.unified).toEqual(powerBi!.unified);
    await expect(
      licenses.get!({ id: '00000000-0000-4000-8000-000000000000' }, context()),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists 5,000 users with named licenses without one request per user', async () => {
    const h = await start({ users: 5000 });
    const users = await listAllUsers(h);
    expect(users).toHaveLength(5000);
    const licensed = users.filter((user) => (user.licenses?.length ?? 0) > 0);
    expect(licensed.length).toBeGreaterThan(3000);
    expect(
      licensed.every((user) => user.licenses!.every((license) => license.name === 'ENTERPRISEPACK')),
    ).toBe(true);
    const routes = h.fake.server.journal.entries
      .filter((entry) => entry.route !== 'token')
      .map((entry) => entry.route);
    // 6 pages of up to 999 users, and the SKU names read once for the account client.
    expect(routes.filter((route) => route === 'users.list')).toHaveLength(6);
    expect(routes.filter((route) => route === 'subscribedSkus.list')).toHaveLength(1);
    expect(routes).toHaveLength(7);
  });

  it('reads the SKU names again once they are 10 minutes old', async () => {
    let now = Date.UTC(2026, 10, 30, 12);
    const h = await start({ users: 5 }, {}, { now: () => now });
    await h.users.list!({}, h.context());
    await h.users.list!({}, h.context());
    now += 10 * 60_000 + 1;
    await h.users.list!({}, h.context());
    expect(h.fake.server.journal.forRoute('subscribedSkus.list')).toHaveLength(2);
  });

  it('lists users with licence ids only when the SKUs cannot be read, and says so in the log', async () => {
    const h = await start({ users: 8 });
    h.fake.server.injectFault({
      route: 'subscribedSkus.list',
      fault: {
        kind: 'status',
        status: 403,
        body: {
          error: {
            code: 'Authorization_RequestDenied',
            message: 'Insufficient privileges to complete the operation.',
          },
        },
      },
    });
    const first = await h.users.list!({ limit: 4 }, h.context());
    const second = await h.users.list!({ limit: 4, cursor: first.nextCursor! }, h.context());
    const licenses = [...first.records, ...second.records].flatMap((record) => record.unified.licenses ?? []);
    expect(licenses.length).toBeGreaterThan(0);
    expect(licenses.every((license) => license.name === undefined)).toBe(true);
    // The failure is remembered for a minute: the next page does not ask again.
    expect(h.fake.server.journal.forRoute('subscribedSkus.list')).toHaveLength(1);
    expect(
      h.logger.lines.some((line) => line.level === 'warn' && line.message?.includes('subscribedSkus')),
    ).toBe(true);
  });

  it("fills users' organizations with the tenant", async () => {
    const { users, context, fake } = await start({ users: 3 });
    const page = await users.list!({}, context());
    expect(page.records.every((record) => record.unified.organizations?.[0]?.id === fake.tenantId)).toBe(
      true,
    );
  });
});
