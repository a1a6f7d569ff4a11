import { encodeCursor } from '@unidir/connector-utils';
import { createLoopbackClient } from '@unidir/testkit';
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
  return harness;
}

describe('users.list', () => {
  it('selects exactly the mapped properties, expands memberOf and sends $top from limit', async () => {
    const { users, context, fake } = await start({ users: 10 });
    const page = await users.list!({ limit: 4 }, context());
    const [call] = fake.server.journal.forRoute('users.list');
    expect(call?.query).toEqual({
      $select:
        'id,userPrincipalName,displayName,givenName,surname,jobTitle,mail,otherMails,proxyAddresses,businessPhones,mobilePhone,faxNumber,accountEnabled,userType,externalUserState,employeeId,createdDateTime,deletedDateTime,preferredLanguage,assignedLicenses',
      $top: '4',
      $expand: 'memberOf($select=id,displayName,roleTemplateId)',
    });
    const [first] = page.records;
    const seeded = fake.directory.userById(first!.unified.id)!;
    expect(first!.unified).toMatchObject({
      name: seeded.displayName,
      username: seeded.email,
      status: 'active',
      user_type: 'admin',
      groups: fake.directory
        .groupIdsOfUser(seeded.id)
        .map((id) => ({ id, name: fake.directory.groupById(id)!.name })),
    });
    expect(first!.raw).toEqual(first!.unified.remote_data);
  });

  it("clamps limit to Graph's 999", async () => {
    const { users, context, fake } = await start({ users: 3 });
    await users.list!({ limit: 1000 }, context());
    expect(fake.server.journal.forRoute('users.list')[0]?.query.$top).toBe('999');
  });

  it('filters by email on mail, userPrincipalName or otherMails', async () => {
    const { users, context, fake } = await start({ users: 30 });
    const [, target] = fake.directory.listUsers({ offset: 0, limit: 2 }).users;
    const page = await users.list!({ email: target!.email.toUpperCase() }, context());
    expect(page.records.map((record) => record.unified.id)).toEqual([target!.id]);
    const filter = fake.server.journal.forRoute('users.list')[0]?.query.$filter;
    expect(filter).toBe(
      `(mail eq '${target!.email.toUpperCase()}' or userPrincipalName eq '${target!.email.toUpperCase()}' or otherMails/any(address:address eq '${target!.email.toUpperCase()}'))`,
    );
  });

  it('escapes quotes in the email filter', async () => {
    const { users, context, fake } = await start({ users: 3 });
    const page = await users.list!({ email: "o'brien@unidir.test" }, context());
    expect(page.records).toEqual([]);
    expect(fake.server.journal.forRoute('users.list')[0]?.query.$filter).toContain("'o''brien@unidir.test'");
  });

  it("lists a group's direct members through the microsoft.graph.user cast", async () => {
    const { users, context, fake, journal } = await start({ users: 40 });
    const [group] = fake.directory.listGroups({ offset: 0, limit: 1 }).groups;
    const page = await users.list!({ group_id: group!.id, limit: 999 }, context());
    expect(page.records.map((record) => record.unified.id).sort()).toEqual(
      fake.directory.memberIdsOfGroup(group!.id).sort(),
    );
    // The SKU names come from one read the account client then reuses.
    expect(journal()).toEqual([
      `GET /v1.0/groups/${group!.id}/members/microsoft.graph.user`,
      'GET /v1.0/subscribedSkus',
    ]);
  });

  it('filters created_at with ge/le and status with accountEnabled, without advanced query parameters', async () => {
    const { users, context, fake } = await start({ users: 60 });
    const all = [...fake.directory.iterateUsers()];
    // Graph keeps createdDateTime to the second.
    const from = all[10]!.createdAt.replace(/\.\d{3}Z$/, 'Z');
    const to = all[19]!.createdAt.replace(/\.\d{3}Z$/, 'Z');
    const page = await users.list!({ created_at: { gte: from, lte: to }, limit: 999 }, context());
    expect(page.records.map((record) => record.unified.id)).toEqual(all.slice(10, 20).map((user) => user.id));
    const call = fake.server.journal.forRoute('users.list')[0]!;
    expect(call.query.$filter).toBe(`createdDateTime ge ${from} and createdDateTime le ${to}`);
    expect(call.headers.consistencylevel).toBeUndefined();

    const inactive = await users.list!({ status: 'inactive', limit: 999 }, context());
    expect(inactive.records.map((record) => record.unified.id)).toEqual(
      all.filter((user) => user.suspended).map((user) => user.id),
    );
    expect(inactive.records.every((record) => record.unified.status === 'inactive')).toBe(true);
  });

  it('lists deleted users from the deleted-items container with status=deleted', async () => {
    const { users, context, fake, journal } = await start({ users: 10 });
    const [victim] = fake.directory.listUsers({ offset: 3, limit: 1 }).users;
    await users.delete!({ id: victim!.id }, context());
    const page = await users.list!({ status: 'deleted' }, context());
    expect(page.records.map((record) => [record.unified.id, record.unified.status])).toEqual([
      [victim!.id, 'deleted'],
    ]);
    expect(journal().at(-1)).toBe('GET /v1.0/directory/deletedItems/microsoft.graph.user');
  });

  it('refuses what Graph cannot filter before any call', async () => {
    const { users, context, journal } = await start({ users: 3 });
    const refused = [
      { created_at: { gt: '2026-01-01T00:00:00Z' } },
      { updated_at: { gte: '2026-01-01T00:00:00Z' } },
      { workspace_id: 'w' },
      { status: 'suspended' },
      { group_id: 'g', email: 'a@b.c' },
      { status: 'deleted', email: 'a@b.c' },
    ];
    for (const parameters of refused) {
      await expect(users.list!(parameters, context())).rejects.toMatchObject({
        code: 'unsupported_parameter',
      });
    }
    expect(journal()).toEqual([]);
  });

  it("passes remote_query through, never over the connector's own options", async () => {
    const { users, context } = await start({ users: 12 });
    await expect(users.list!({}, context({ remoteQuery: { $select: 'id' } }))).rejects.toMatchObject({
      code: 'remote_query_conflict',
    });
    const page = await users.list!({}, context({ remoteQuery: { $filter: "startswith(displayName,'a')" } }));
    expect(page.records.every((record) => record.unified.name?.toLowerCase().startsWith('a'))).toBe(true);
  });

  it('sends ConsistencyLevel: eventual for $search, on every page, and drops $expand', async () => {
    const { users, context, fake } = await start({ users: 300 });
    const first = await users.list!({ limit: 2 }, context({ remoteQuery: { $search: '"displayName:a"' } }));
    expect(first.nextCursor).not.toBeNull();
    await users.list!({ cursor: first.nextCursor! }, context());
    const calls = fake.server.journal.forRoute('users.list');
    expect(calls.map((call) => call.headers.consistencylevel)).toEqual(['eventual', 'eventual']);
    expect(calls[0]?.query.$expand).toBeUndefined();
  });

  it("refuses a forged cursor, another connector's cursor, and a next link to another host", async () => {
    const { users, context, journal } = await start({ users: 3 });
    await expect(users.list!({ cursor: 'not-a-cursor' }, context())).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
    const foreign = encodeCursor('google-workspace', { next: 'https://graph.microsoft.com/v1.0/users' });
    await expect(users.list!({ cursor: foreign }, context())).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
    const elsewhere = encodeCursor('azure-ad', { next: 'https://attacker.test/v1.0/users?$skiptoken=x' });
    await expect(users.list!({ cursor: elsewhere }, context())).rejects.toMatchObject({
      code: 'disallowed_provider_host',
    });
    expect(journal()).toEqual([]);
  });
});

describe('include_sign_in_activity', () => {
  /** A second client on the same fake, for an account with the setting on. */
  function clientWithSignInActivity({ connector, fake, context }: Harness, accountId: string) {
    return createLoopbackClient(
      connector,
      {
        id: accountId,
        credentials: fake.credentials,
        settings: { ...fake.settings, include_sign_in_activity: true },
      },
      { logger: context().logger },
    );
  }

  it('maps last_login_at from signInActivity on a licensed tenant', async () => {
    const started = await start({ users: 12 });
    const { fake, context, users } = started;
    const client = clientWithSignInActivity(started, 'licensed');
    const page = await users.list!({}, context({ client }));
    const expected = [...fake.directory.iterateUsers()].map((user) =>
      user.lastLoginAt?.replace(/\.\d{3}Z$/, 'Z'),
    );
    expect(page.records.map((record) => record.unified.last_login_at)).toEqual(expected);
    expect(fake.server.journal.forRoute('users.list')[0]?.query.$select).toMatch(/,signInActivity$/);
  });

  it("surfaces Graph's 403 when the tenant has no Entra ID P1/P2 licence", async () => {
    const started = await start({ users: 3, premiumLicensed: false });
    const { context, users } = started;
    const client = clientWithSignInActivity(started, 'unlicensed');
    const error = await users.list!({}, context({ client })).catch((caught) => caught);
    expect(error).toMatchObject({ code: 'provider_rejected_request', httpStatus: 403 });
    expect(error.message).toContain("doesn't have premium license");
    // Without the setting the same tenant lists fine.
    expect((await users.list!({}, context())).records).toHaveLength(3);
  });
});

describe('users.get', () => {
  it('reads one user with its groups and roles in one request', async () => {
    const { users, context, fake, journal } = await start({ users: 10 });
    const [user] = fake.directory.listUsers({ offset: 2, limit: 1 }).users;
    const record = await users.get!({ id: user!.id }, context());
    expect(record.unified).toMatchObject({ id: user!.id, user_type: 'end_user', status: 'active' });
    expect(record.unified.groups?.map((group) => group.id)).toEqual(fake.directory.groupIdsOfUser(user!.id));
    expect(journal()).toEqual([`GET /v1.0/users/${user!.id}`, 'GET /v1.0/subscribedSkus']);
  });

  it('reads every membership when $expand stops at 20', async () => {
    const { users, context, fake, journal } = await start({ users: 10, groups: 30 });
    const [user] = fake.directory.listUsers({ offset: 2, limit: 1 }).users;
    for (const group of fake.directory.listGroups({ offset: 0, limit: 30 }).groups)
      fake.directory.addMember(group.id, user!.id);
    const record = await users.get!({ id: user!.id }, context());
    expect(record.unified.groups).toHaveLength(30);
    expect(journal()).toEqual([
      `GET /v1.0/users/${user!.id}`,
      `GET /v1.0/users/${user!.id}/memberOf`,
      'GET /v1.0/subscribedSkus',
    ]);
  });

  it('answers NotFoundError for an unknown id', async () => {
    const { users, context } = await start({ users: 1 });
    await expect(users.get!({ id: '00000000-0000-4000-8000-000000000000' }, context())).rejects.toMatchObject(
      {
        code: 'not_found',
      },
    );
  });
});

describe('users.create and users.update', () => {
  const grace = {
    first_name: 'Grace',
    last_name: 'Hopper',
    username: 'grace.hopper@unidir.test',
    title: 'Rear Admiral',
    password: 'Cobol-1959!',
  };

  it('creates with POST /users (201) and returns the unified user', async () => {
    const { users, context, fake, journal } = await start({ users: 2 });
    const record = await users.create!({ body: grace }, context());
    expect(record?.unified).toMatchObject({
      name: 'Grace Hopper',
      first_name: 'Grace',
      title: 'Rear Admiral',
      username: 'grace.hopper@unidir.test',
      status: 'active',
    });
    expect(journal()).toEqual(['POST /v1.0/users']);
    expect(fake.server.journal.forRoute('users.create')[0]?.status).toBe(201);
    expect(JSON.stringify(record)).not.toContain('Cobol-1959!');
    expect(fake.directory.userById(record!.unified.id)?.email).toBe('grace.hopper@unidir.test');
  });

  it("reports Graph's 400 for a taken userPrincipalName, once (a POST is never retried)", async () => {
    const { users, context, fake } = await start({ users: 2 });
    const [existing] = fake.directory.listUsers({ offset: 0, limit: 1 }).users;
    const error = await users.create!({ body: { ...grace, username: existing!.email } }, context()).catch(
      (caught) => caught,
    );
    expect(error).toMatchObject({ code: 'provider_rejected_request', httpStatus: 400 });
    expect(error.message).toContain(
      'Another object with the same value for property userPrincipalName already exists.',
    );
    expect(fake.server.journal.forRoute('users.create')).toHaveLength(1);
  });

  it('plans a create in a dry run without sending it', async () => {
    const { users, context, journal } = await start({ users: 2 });
    const providerCalls: Array<{ outcome: string }> = [];
    expect(
      await users.create!({ body: grace }, context({ dryRun: true, providerCalls: providerCalls as never })),
    ).toBeNull();
    expect(journal()).toEqual([]);
    expect(providerCalls.map((call) => call.outcome)).toEqual(['planned']);
  });

  it('updates with PATCH (204), then reads the user again', async () => {
    const { users, context, fake, journal } = await start({ users: 3 });
    const [user] = fake.directory.listUsers({ offset: 1, limit: 1 }).users;
    const record = await users.update!(
      { id: user!.id, body: { title: 'Chief Scientist', status: 'inactive' } },
      context(),
    );
    expect(record?.unified).toMatchObject({ id: user!.id, title: 'Chief Scientist', status: 'inactive' });
    expect(journal()).toEqual([
      `PATCH /v1.0/users/${user!.id}`,
      `GET /v1.0/users/${user!.id}`,
      'GET /v1.0/subscribedSkus',
    ]);
    expect(fake.server.journal.forRoute('users.update')[0]).toMatchObject({
      status: 204,
      body: { jobTitle: 'Chief Scientist', accountEnabled: false },
    });
  });
});

describe('groups', () => {
  it("lists groups page by page and a user's groups", async () => {
    const { groups, context, fake, journal } = await start({ users: 10, groups: 7 });
    const first = await groups.list!({ limit: 5 }, context());
    const second = await groups.list!({ cursor: first.nextCursor! }, context());
    expect([...first.records, ...second.records].map((record) => record.unified.id)).toEqual(
      fake.directory.listGroups({ offset: 0, limit: 7 }).groups.map((group) => group.id),
    );
    expect(second.nextCursor).toBeNull();
    const [user] = fake.directory.listUsers({ offset: 0, limit: 1 }).users;
    const mine = await groups.list!({ user_id: user!.id }, context());
    expect(mine.records.map((record) => record.unified.id).sort()).toEqual(
      fake.directory.groupIdsOfUser(user!.id).sort(),
    );
    expect(journal().at(-1)).toBe(`GET /v1.0/users/${user!.id}/memberOf/microsoft.graph.group`);
  });

  it('gets a group', async () => {
    const { groups, context, fake } = await start({ users: 3 });
    const [group] = fake.directory.listGroups({ offset: 1, limit: 1 }).groups;
    const record = await groups.get!({ id: group!.id }, context());
    expect(record.unified).toMatchObject({
      id: group!.id,
      name: group!.name,
      description: group!.description,
      group_type: 'security',
    });
  });
});
