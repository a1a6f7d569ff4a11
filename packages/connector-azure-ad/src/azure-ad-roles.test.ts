import { InvalidCursorError } from '@unidir/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './azure-ad-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.fake.close();
  harness = undefined;
});

const globalAdministrator = '62e90394-69f5-4237-9190-012177145e10';

async function start(users = 300) {
  harness = await startHarness({ users });
  const { connector } = harness;
  return { ...harness, roles: connector.roles!, assignments: connector.role_assignments! };
}

describe('roles', () => {
  it('lists the role definitions, built-in and custom, in one request', async () => {
    const { roles, context, journal } = await start();
    const page = await roles.list!({}, context());
    expect(journal()).toEqual(['GET /v1.0/roleManagement/directory/roleDefinitions']);
    expect(page.records.map((record) => record.unified.name)).toContain('Global Administrator');
    expect(
      page.records.some((record) => record.raw && (record.raw as { isBuiltIn: boolean }).isBuiltIn === false),
    ).toBe(true);
    const global = page.records.find((record) => record.unified.id === globalAdministrator);
    expect(global?.unified.description).toMatch(/all aspects/);
  });

  it('gets one role by id', async () => {
    const { roles, context } = await start();
    const role = await roles.get!({ id: globalAdministrator }, context());
    expect(role.unified).toMatchObject({ id: globalAdministrator, name: 'Global Administrator' });
    await expect(roles.get!({ id: '00000000-0000-4000-8000-000000000000' }, context())).rejects.toMatchObject(
      {
        code: 'not_found',
      },
    );
  });

  it("lists a user's roles from its assignments, the same roles users.get reports", async () => {
    const { roles, users, context, journal, fake } = await start();
    const [admin] = fake.directory.listUsers({ offset: 97, limit: 1 }).users;
    const page = await roles.list!({ user_id: admin!.id }, context());
    expect(page.records.map((record) => record.unified.id)).toEqual([globalAdministrator]);
    expect(journal()).toEqual(['GET /v1.0/roleManagement/directory/roleAssignments']);
    expect(fake.server.journal.forRoute('roleAssignments.list')[0]?.query).toEqual({
      $filter: `principalId eq '${admin!.id}'`,
      $expand: 'roleDefinition',
    });
    const user = await users.get!({ id: admin!.id }, context());
    expect(user.unified.roles?.map((role) => role.id)).toEqual([globalAdministrator]);
    expect(user.unified.user_type).toBe('admin');
  });
});

describe('role_assignments', () => {
  it('pages through every assignment, telling users from other principals', async () => {
    const { assignments, context, fake } = await start(25_000);
    const all = [];
    let cursor: string | undefined;
    do {
      const page = await assignments.list!({ cursor }, context());
      all.push(...page.records.map((record) => record.unified));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const admins = Math.ceil(25_000 / 97);
    // The application's own role, seeded user 1's Groups Administrator, and every seeded admin.
    expect(all).toHaveLength(admins + 2);
    expect(new Set(all.map((assignment) => assignment.id)).size).toBe(all.length);
    expect(fake.server.journal.forRoute('roleAssignments.list').length).toBeGreaterThan(1);
    const application = all.filter((assignment) => assignment.user_id === undefined);
    expect(application).toHaveLength(1);
    expect(all.every((assignment) => assignment.scope === '/')).toBe(true);

    // A filtered list pages too: the next link keeps the filter.
    const globalAdmins = [];
    cursor = undefined;
    do {
      const page = await assignments.list!({ role_id: globalAdministrator, cursor }, context());
      globalAdmins.push(...page.records.map((record) => record.unified));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(globalAdmins).toHaveLength(admins);
    expect(globalAdmins.every((assignment) => assignment.role_id === globalAdministrator)).toBe(true);
  });

  it('filters by user and by role, alone or together', async () => {
    const { assignments, context, fake } = await start();
    const [, second] = fake.directory.listUsers({ offset: 0, limit: 2 }).users;
    const ofUser = await assignments.list!({ user_id: second!.id }, context());
    expect(ofUser.records.map((record) => record.unified)).toMatchObject([
      { user_id: second!.id, role_id: 'fdd7a751-b60b-444a-984c-02652fe8fa1c' },
    ]);
    const ofRole = await assignments.list!({ role_id: globalAdministrator }, context());
    expect(ofRole.records).toHaveLength(Math.ceil(300 / 97));
    expect(ofRole.records.every((record) => record.unified.role_id === globalAdministrator)).toBe(true);
    const both = await assignments.list!({ role_id: globalAdministrator, user_id: second!.id }, context());
    expect(both.records).toEqual([]);
    expect(fake.server.journal.forRoute('roleAssignments.list').at(-1)?.query.$filter).toBe(
      `principalId eq '${second!.id}' and roleDefinitionId eq '${globalAdministrator}'`,
    );
  });

  it("refuses another list's cursor", async () => {
    const { assignments, users, context } = await start();
    const usersPage = await users.list!({ limit: 5 }, context());
    await expect(assignments.list!({ cursor: usersPage.nextCursor! }, context())).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });
});
