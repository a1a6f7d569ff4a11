import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, rejectionOf, startHarness } from './okta-test-harness.js';

async function listAll(harness: Harness, parameters: Record<string, unknown>) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await harness.users.list!(
      { ...parameters, ...(cursor ? { cursor } : {}) },
      harness.context(),
    );
    ids.push(...page.records.map((record) => record.unified.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('okta users list, get, create, update', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness({ users: 40 });
  });
  afterEach(() => harness.close());

  it('pages by the Link rel="next" cursor, leaving DEPROVISIONED users out, as Okta does', async () => {
    const { id: gone } = harness.seededUser(5);
    await harness.users.delete!({ id: gone }, harness.context());
    harness.fake.server.journal.clear();
    const ids = await listAll(harness, { limit: 7 });
    expect(ids).toHaveLength(39);
    expect(ids).not.toContain(gone);
    expect(harness.fake.server.journal.forRoute('users.list').map((entry) => entry.query)).toMatchObject([
      { limit: '7' },
      { limit: '7', after: expect.any(String) },
      ...Array.from({ length: 4 }, () => ({ limit: '7', after: expect.any(String) })),
    ]);
  });

  it("caps limit at Okta's 200", async () => {
    await harness.users.list!({ limit: 1000 }, harness.context());
    expect(harness.fake.server.journal.forRoute('users.list')[0]?.query.limit).toBe('200');
  });

  it('status=deleted and include_deleted search for DEPROVISIONED users', async () => {
    const { id: gone } = harness.seededUser(5);
    await harness.users.delete!({ id: gone }, harness.context());
    harness.fake.server.journal.clear();
    expect(await listAll(harness, { status: 'deleted' })).toEqual([gone]);
    expect(harness.fake.server.journal.forRoute('users.list')[0]?.query.search).toBe(
      'status eq "DEPROVISIONED"',
    );
    expect(await listAll(harness, { include_deleted: true })).toHaveLength(40);
    const goneUser = harness.fake.directory.userById(gone, { includeDeleted: true })!;
    expect(await listAll(harness, { email: goneUser.email })).toEqual([]);
    expect(await listAll(harness, { email: goneUser.email, include_deleted: true })).toEqual([gone]);
    expect(harness.fake.server.journal.forRoute('users.list').at(-1)?.query.search).toBe(
      `(profile.email eq "${goneUser.email}" or profile.login eq "${goneUser.email}")`,
    );
  });

  it('filters by status through search, by unified or Okta status', async () => {
    const suspended = [...harness.fake.directory.iterateUsers()]
      .filter((user) => user.suspended)
      .map((user) => user.id);
    expect(suspended.length).toBeGreaterThan(0);
    expect(await listAll(harness, { status: 'inactive' })).toEqual(suspended);
    expect(await listAll(harness, { status: 'SUSPENDED' })).toEqual(suspended);
    await expect(harness.users.list!({ status: 'frozen' }, harness.context())).rejects.toMatchObject({
      code: 'unsupported_parameter',
    });
  });

  it('filters by updated_at with a search on lastUpdated, leaving deprovisioned users out', async () => {
    const users = [...harness.fake.directory.iterateUsers()];
    const pivot = [...users].sort((left, right) => left.updatedAt.localeCompare(right.updatedAt))[20]!
      .updatedAt;
    const ids = await listAll(harness, { updated_at: { gte: pivot } });
    expect(ids.sort()).toEqual(
      users
        .filter((user) => user.updatedAt >= pivot)
        .map((user) => user.id)
        .sort(),
    );
    const search = harness.fake.server.journal.forRoute('users.list')[0]?.query.search;
    expect(search).toBe(
      `lastUpdated ge "${pivot}" and (status eq "STAGED" or status eq "PROVISIONED" or status eq "ACTIVE" or status eq "RECOVERY" or status eq "PASSWORD_EXPIRED" or status eq "LOCKED_OUT" or status eq "SUSPENDED")`,
    );
  });

  it("filters by email (escaped in the search) and lists a group's members", async () => {
    const user = harness.seededUser(9);
    expect(await listAll(harness, { email: user.email.toUpperCase() })).toEqual([user.id]);
    expect(await listAll(harness, { email: 'a"b@unidir.test' })).toEqual([]);
    expect(harness.fake.server.journal.forRoute('users.list').at(-1)?.query.search).toContain(
      '"a\\"b@unidir.test"',
    );
    const [groupId] = harness.fake.directory.groupIdsOfUser(user.id);
    expect(await listAll(harness, { group_id: groupId, limit: 2 })).toEqual(
      harness.fake.directory.memberIdsOfGroup(groupId!),
    );
    await expect(
      harness.users.list!({ group_id: groupId, email: user.email }, harness.context()),
    ).rejects.toMatchObject({
      code: 'unsupported_parameter',
    });
  });

  it('passes remote_query to Okta but never lets it replace limit or after, or a search the connector set', async () => {
    const user = harness.seededUser(3);
    const page = await harness.users.list!(
      {},
      harness.context({ remoteQuery: { search: `profile.lastName eq "${user.familyName}"` } }),
    );
    expect(page.records.map((record) => record.unified.id)).toContain(user.id);
    for (const [parameters, remoteQuery] of [
      [{}, { limit: '5' }],
      [{ email: user.email }, { search: 'id pr' }],
    ] as const) {
      await expect(harness.users.list!(parameters, harness.context({ remoteQuery }))).rejects.toMatchObject({
        code: 'remote_query_conflict',
      });
    }
  });

  it('gets a user by id or login with its groups and admin roles: three requests', async () => {
    const admin = harness.seededUser(0);
    const record = await harness.users.get!({ id: admin.email }, harness.context());
    expect(record.unified).toMatchObject({
      id: admin.id,
      username: admin.email,
      user_type: 'admin',
      roles: [{ id: 'SUPER_ADMIN', name: 'Super Administrator' }],
      status: 'active',
    });
    expect(record.unified.groups?.map((group) => group.id).sort()).toEqual(
      [harness.fake.groups.everyoneId, ...harness.fake.directory.groupIdsOfUser(admin.id)].sort(),
    );
    expect(harness.journal()).toEqual([
      `GET /api/v1/users/${admin.email}`,
      `GET /api/v1/users/${admin.id}/groups`,
      `GET /api/v1/users/${admin.id}/roles`,
    ]);
  });

  it('creates an active user with a password, and a staged one for status invited', async () => {
    const active = await harness.users.create!(
      {
        body: {
          first_name: 'Katherine',
          last_name: 'Johnson',
          emails: [{ email: 'kj@unidir.test', is_primary: true }, { email: 'kj@home.example' }],
          phones: [{ number: '+1 555 0100', type: 'mobile' }],
          languages: ['en'],
          password: 'Orbit-1962!',
          remote_data: { profile: { department: 'Flight Research' } },
        },
      },
      harness.context(),
    );
    expect(active!.unified).toMatchObject({
      status: 'active',
      username: 'kj@unidir.test',
      emails: [
        { email: 'kj@unidir.test', is_primary: true, type: 'work' },
        { email: 'kj@home.example', is_primary: false, type: 'secondary' },
      ],
      phones: [{ number: '+1 555 0100', type: 'mobile' }],
      languages: ['en'],
    });
    const sent = harness.fake.server.journal.forRoute('users.create')[0]!;
    expect(sent.query).toEqual({ activate: 'true' });
    expect(sent.body).toMatchObject({
      profile: { department: 'Flight Research', login: 'kj@unidir.test' },
      credentials: { password: { value: 'Orbit-1962!' } },
    });
    const staged = await harness.users.create!(
      {
        body: {
          first_name: 'Dorothy',
          last_name: 'Vaughan',
          emails: [{ email: 'dv@unidir.test' }],
          status: 'invited',
        },
      },
      harness.context(),
    );
    expect(staged!.unified.status).toBe('invited');
    expect(harness.fake.server.journal.forRoute('users.create')[1]?.query).toEqual({ activate: 'false' });
  });

  it('refuses a create without an email, or a third email, before any call', async () => {
    for (const body of [
      { first_name: 'No', last_name: 'Email' },
      { first_name: 'Many', emails: [{ email: 'a@x.test' }, { email: 'b@x.test' }, { email: 'c@x.test' }] },
    ]) {
      await expect(harness.users.create!({ body }, harness.context())).rejects.toMatchObject({
        httpStatus: 400,
      });
    }
    expect(harness.journal()).toEqual([]);
  });

  it("maps Okta's duplicate-login E0000001 to a 400 naming the cause, with the request id", async () => {
    const taken = harness.seededUser(2).email;
    const error = await rejectionOf(
      harness.users.create!(
        { body: { first_name: 'Dup', last_name: 'User', emails: [{ email: taken }] } },
        harness.context(),
      ),
    );
    expect(error).toMatchObject({
      code: 'provider_rejected_request',
      httpStatus: 400,
      message: expect.stringContaining(
        'E0000001: Api validation failed: login (login: An object with this field already exists',
      ),
      details: { provider_request_id: expect.any(String), provider_error: { errorCode: 'E0000001' } },
    });
  });

  it('keeps the login when the email changes, and refuses a login another user holds', async () => {
    const user = harness.seededUser(3);
    const updated = await harness.users.update!(
      { id: user.id, body: { emails: [{ email: 'new.address@unidir.test', is_primary: true }] } },
      harness.context(),
    );
    expect(updated!.unified.username).toBe(user.email);
    expect(updated!.unified.emails?.[0]).toEqual({
      email: 'new.address@unidir.test',
      is_primary: true,
      type: 'work',
    });
    await expect(
      harness.users.update!(
        { id: user.id, body: { username: harness.seededUser(4).email } },
        harness.context(),
      ),
    ).rejects.toMatchObject({ httpStatus: 400, details: { provider_error: { errorCode: 'E0000001' } } });
  });

  it('updates only the attributes sent (POST, a partial update) and refuses a status change', async () => {
    const user = harness.seededUser(3);
    const updated = await harness.users.update!(
      { id: user.id, body: { title: 'Chief Mathematician' } },
      harness.context(),
    );
    expect(updated!.unified).toMatchObject({
      title: 'Chief Mathematician',
      first_name: user.givenName,
      last_name: user.familyName,
    });
    expect(harness.fake.server.journal.forRoute('users.update')[0]?.body).toEqual({
      profile: { title: 'Chief Mathematician' },
    });
    await expect(
      harness.users.update!({ id: user.id, body: { status: 'inactive' } }, harness.context()),
    ).rejects.toMatchObject({
      code: 'unsupported_parameter',
    });
  });
});
