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
  return { ...harness, activities: harness.connector.activities! };
}

describe('activities', () => {
  it('lists audit events newest first, with actor, action, entity and time', async () => {
    const { activities, context, journal, fake } = await start({ users: 30 });
    const page = await activities.list!({ limit: 5 }, context());
    expect(journal()).toEqual(['GET /v1.0/auditLogs/directoryAudits']);
    expect(fake.server.journal.forRoute('directoryAudits.list')[0]?.query).toEqual({ $top: '5' });
    expect(page.records).toHaveLength(5);
    const times = page.records.map((record) => Date.parse(record.unified.created_at!));
    expect([...times].sort((left, right) => right - left)).toEqual(times);
    const [admin] = fake.directory.listUsers({ offset: 0, limit: 1 }).users;
    expect(page.records[0]!.unified).toMatchObject({
      action: 'Add user',
      actor: { id: admin!.id, email: admin!.email, type: 'user' },
      entity: { type: 'user' },
      entity_type: 'User',
      result: 'success',
    });
    expect(page.nextCursor).not.toBeNull();
  });

  it("records the connector's own membership change, by the application, on the user and the group", async () => {
    const { activities, groups, context, fake } = await start({ users: 30 });
    const [user] = fake.directory.listUsers({ offset: 4, limit: 1 }).users;
    const groupId = fake.directory.groupIdsOfUser(user!.id)[0]!;
    await groups.removeUser!({ group_id: groupId, user_id: user!.id }, context());
    const [latest] = (await activities.list!({ limit: 1 }, context())).records;
    expect(latest!.unified).toMatchObject({
      action: 'Remove member from group',
      actor: { id: fake.tenant.servicePrincipalId, type: 'application' },
      entity: { id: user!.id, type: 'user' },
      group_id: groupId,
    });
  });

  it('filters on time (ge/le) and on the user who acted', async () => {
    const { activities, context, fake } = await start({ users: 40 });
    const seeded = fake.directory.listUsers({ offset: 10, limit: 11 }).users;
    const from = seeded[0]!.createdAt.replace(/\.\d+Z$/, 'Z');
    const to = seeded.at(-1)!.createdAt.replace(/\.\d+Z$/, 'Z');
    const page = await activities.list!({ created_at: { gte: from, lte: to }, limit: 100 }, context());
    expect(page.records.length).toBeGreaterThan(0);
    expect(
      page.records.every((record) => record.unified.created_at! >= from && record.unified.created_at! <= to),
    ).toBe(true);
    expect(fake.server.journal.forRoute('directoryAudits.list')[0]?.query.$filter).toBe(
      `activityDateTime ge ${from} and activityDateTime le ${to}`,
    );

    const [first, second] = fake.directory.listUsers({ offset: 0, limit: 2 }).users;
    const byAdmin = await activities.list!({ user_id: first!.id, limit: 999 }, context());
    expect(byAdmin.records).toHaveLength(40);
    expect((await activities.list!({ user_id: second!.id }, context())).records).toEqual([]);
  });

  it('refuses gt and lt, which Graph does not support here, before any call', async () => {
    const { activities, context, journal } = await start({ users: 3 });
    await expect(
      activities.list!({ created_at: { gt: '2026-01-01T00:00:00Z' } }, context()),
    ).rejects.toMatchObject({ code: 'unsupported_parameter' });
    expect(journal()).toEqual([]);
  });

  it('waits out Graph throttling (429 + Retry-After) and then reads the page', async () => {
    const { activities, context, fake } = await start(
      { users: 3 },
      { retry: { baseDelayMs: 1, maxDelayMs: 5 } },
    );
    fake.server.injectFault({
      route: 'directoryAudits.list',
      nth: [1],
      fault: {
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '0' },
        body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } },
      },
    });
    const page = await activities.list!({}, context());
    expect(page.records).toHaveLength(3);
    expect(fake.server.journal.forRoute('directoryAudits.list').map((entry) => entry.status)).toEqual([
      429, 200,
    ]);
  });

  it('explains the missing Entra ID P1/P2 licence', async () => {
    const { activities, context } = await start({ users: 3, premiumLicensed: false });
    const error = await activities.list!({}, context()).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'provider_licence_required', httpStatus: 403 });
    expect((error as Error).message).toMatch(/P1 or P2/);
  });
});
