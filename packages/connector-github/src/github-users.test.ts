import { listUsersParametersSchema } from '@unidir/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './github-test-harness.js';
import { loginOf, personIdOf } from './testing/github-fake-records.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe('github users', () => {
  let harness: Harness;
  afterEach(() => harness.fake.close());

  const list = (parameters: Record<string, unknown>) =>
    harness.users.list!(listUsersParametersSchema.parse(parameters), harness.context());
  const state = () => harness.fake.organizations.get(harness.organization)!;

  it('lists pending invitations with status=invited, each invited', async () => {
    harness = await startHarness({ users: 12 });
    const page = await list({ status: 'invited' });
    expect(page.records.length).toBe(state().invitations().length);
    expect(page.records.every((record) => record.unified.status === 'invited')).toBe(true);
    expect(page.records.map((record) => record.unified.id)).toContain(
      `invitation:${state().invitations()[0]!.id}`,
    );
    expect(harness.journal()).toEqual([`GET /orgs/${harness.organization}/invitations 200`]);
  });

  it('lists outside collaborators with remote_query[affiliation]=outside_collaborators', async () => {
    harness = await startHarness({ users: 12, outsideCollaborators: 4 });
    const page = await list({ remote_query: { affiliation: 'outside_collaborators' } });
    expect(page.records.map((record) => record.unified.username)).toEqual(
      state().outsideCollaborators().map(loginOf),
    );
    expect(page.records.every((record) => record.unified.user_type === 'outside_collaborator')).toBe(true);
    expect(harness.fake.server.journal.entries[0]?.query).toEqual({ per_page: '100' });
  });

  it('passes role and the 2FA filter to GitHub and says what they prove', async () => {
    harness = await startHarness({ users: 200 });
    const owners = await list({ remote_query: { role: 'admin' } });
    expect(owners.records.map((record) => record.unified.username)).toEqual(
      state().members({ role: 'admin' }).map(loginOf),
    );
    expect(owners.records.every((record) => record.unified.user_type === 'admin')).toBe(true);
    const insecure = await list({ remote_query: { filter: '2fa_disabled' }, limit: 100 });
    expect(insecure.records.every((record) => record.unified.is_2fa_enabled === false)).toBe(true);
    expect(harness.fake.server.journal.entries[1]?.query).toEqual({
      per_page: '100',
      filter: '2fa_disabled',
    });
  });

  it('lists the organization named by organization_id, and needs it when the account covers several', async () => {
    harness = await startHarness({ users: 12, otherOrganizations: [{ login: 'second-org', users: 4 }] });
    await expect(list({})).rejects.toMatchObject({ code: 'missing_parameter' });
    await expect(list({ organization_id: 'not-covered' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(harness.journal()).toEqual([]);
    const page = await list({ organization_id: 'second-org' });
    expect(page.records).toHaveLength(4);
    expect(page.records.every((record) => record.unified.organizations?.[0]?.id === 'second-org')).toBe(true);
    expect(harness.journal()).toEqual(['GET /orgs/second-org/members 200']);
  });

  it('refuses to let remote_query take over paging', async () => {
    harness = await startHarness({ users: 12 });
    await expect(list({ remote_query: { per_page: '5' } })).rejects.toMatchObject({
      code: 'remote_query_conflict',
    });
    expect(harness.journal()).toEqual([]);
  });

  it('gets a user of several organizations with every membership, and not a stranger', async () => {
    harness = await startHarness({ users: 12, otherOrganizations: [{ login: 'second-org', users: 3 }] });
    const member = harness.fake.directory.listUsers({ offset: 2, limit: 1 }).users[0]!;
    const record = await harness.users.get!({ id: String(personIdOf(member.index)) }, harness.context());
    expect(record.unified).toMatchObject({
      username: loginOf(member),
      status: 'active',
      organizations: [{ id: harness.organization }, { id: 'second-org' }],
    });
    expect(harness.journal()).toEqual([
      `GET /user/${personIdOf(member.index)} 200`,
      `GET /orgs/${harness.organization}/memberships/${loginOf(member)} 200`,
      `GET /orgs/second-org/memberships/${loginOf(member)} 200`,
    ]);
    const outsider = state().outsideCollaborators()[0]!;
    await expect(harness.users.get!({ id: loginOf(outsider) }, harness.context())).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('invites by email, and sends nothing when an update asks for the role the member has', async () => {
    harness = await startHarness({ users: 12 });
    const invited = await harness.users.create!(
      { body: { emails: [{ email: 'grace@unidir.test', is_primary: true }], user_type: 'admin' } },
      harness.context(),
    );
    expect(invited?.unified).toMatchObject({ status: 'invited', user_type: 'admin' });
    expect(harness.fake.server.journal.entries[0]?.body).toEqual({
      email: 'grace@unidir.test',
      role: 'admin',
    });
    harness.fake.server.journal.clear();
    const member = harness.fake.directory.listUsers({ offset: 1, limit: 1 }).users[0]!;
    const unchanged = await harness.users.update!(
      { id: loginOf(member), body: { user_type: 'end_user' } },
      harness.context(),
    );
    expect(unchanged?.unified.user_type).toBe('end_user');
    expect(harness.journal()).toEqual([
      `GET /orgs/${harness.organization}/memberships/${loginOf(member)} 200`,
    ]);
  });

  it('refuses to update a non-member, whom the role PUT would invite', async () => {
    harness = await startHarness({ users: 12 });
    const outsider = state().outsideCollaborators()[0]!;
    await expect(
      harness.users.update!({ id: loginOf(outsider), body: { user_type: 'admin' } }, harness.context()),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(harness.journal()).toEqual([
      `GET /orgs/${harness.organization}/memberships/${loginOf(outsider)} 404`,
    ]);
    expect(state().pendingInvitationOf(outsider)).toBeUndefined();
  });

  it('refuses profile fields GitHub does not let an organization write, before any call', async () => {
    harness = await startHarness({ users: 12 });
    await expect(
      harness.users.update!({ id: 'someone', body: { name: 'New Name' } }, harness.context()),
    ).rejects.toMatchObject({ code: 'unsupported_parameter' });
    await expect(
      harness.users.create!({ body: { username: 'someone', title: 'Boss' } }, harness.context()),
    ).rejects.toMatchObject({ code: 'unsupported_parameter' });
    expect(harness.journal()).toEqual([]);
  });
});

describe('github organizations, licenses and roles', () => {
  let harness: Harness;
  afterEach(() => harness.fake.close());

  it('reads each covered organization and its plan seats', async () => {
    harness = await startHarness({ users: 12, otherOrganizations: [{ login: 'second-org', users: 3 }] });
    const organizations = await harness.connector.organizations!.list!({}, harness.context());
    expect(organizations.records.map((record) => record.unified.id)).toEqual([
      harness.organization,
      'second-org',
    ]);
    const licenses = await harness.connector.licenses!.list!({}, harness.context());
    expect(licenses.records.map((record) => record.unified)).toEqual([
      expect.objectContaining({
        organization_id: harness.organization,
        name: 'business',
        total_seats: 37,
        used_seats: 12,
      }),
      expect.objectContaining({ organization_id: 'second-org', total_seats: 28, used_seats: 3 }),
    ]);
    const license = await harness.connector.licenses!.get!(
      { id: `${harness.organization}:business` },
      harness.context(),
    );
    expect(license.unified.total_seats).toBe(37);
  });

  it('lists no license where GitHub hides the plan', async () => {
    harness = await startHarness({ users: 12, planVisible: false });
    expect((await harness.connector.licenses!.list!({}, harness.context())).records).toEqual([]);
  });

  it('answers the base organization roles without a provider call', async () => {
    harness = await startHarness({ users: 3 });
    const roles = await harness.connector.roles!.list!({}, harness.context());
    expect(roles.records.map((record) => record.unified.id)).toEqual(['admin', 'member', 'billing_manager']);
    expect((await harness.connector.roles!.get!({ id: 'admin' }, harness.context())).unified.name).toBe(
      'Owner',
    );
    expect(harness.journal()).toEqual([]);
  });
});
