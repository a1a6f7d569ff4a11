import { Agent } from 'node:https';
import okta from '@okta/okta-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OktaFake, startOktaFake } from './okta-fake.js';

const { Client, DefaultRequestExecutor } = okta;

/** The SDK's own executor (its 429 handling included), trusting the fake's throwaway certificate. */
class TrustingRequestExecutor extends DefaultRequestExecutor {
  readonly #agent: Agent;

  constructor(certificatePem: string) {
    super({ maxRetries: 2, requestTimeout: 10_000 });
    this.#agent = new Agent({ ca: certificatePem });
  }

  override fetch(request: Parameters<InstanceType<typeof DefaultRequestExecutor>['fetch']>[0]) {
    return super.fetch({ ...request, agent: this.#agent } as typeof request);
  }
}

/**
 * Okta's official Node SDK, pointed at the fake over https: if the fake answered anything the SDK does not
 * expect (paths, bodies, Link paging, status codes, token endpoint), these calls would fail.
 */
describe('the Okta fake, driven by @okta/okta-sdk-nodejs', () => {
  let fake: OktaFake;
  let client: InstanceType<typeof Client>;

  beforeAll(async () => {
    fake = await startOktaFake({ users: 45, tls: true });
    client = new Client({
      orgUrl: fake.server.url,
      token: fake.apiToken,
      requestExecutor: new TrustingRequestExecutor(fake.server.certificatePem!),
      cacheMiddleware: null,
    });
  });
  afterAll(() => fake.close());

  it('lists every user with its iterator, across pages', async () => {
    const ids: string[] = [];
    const users = await client.userApi.listUsers({ limit: 10 });
    for await (const user of users) ids.push(user!.id!);
    expect(ids).toEqual([...fake.directory.iterateUsers()].map((user) => user.id));
    expect(fake.server.journal.forRoute('users.list')).toHaveLength(5);
  });

  it('gets a user by id and by login', async () => {
    const seeded = fake.directory.listUsers({ offset: 2, limit: 1 }).users[0]!;
    const byId = await client.userApi.getUser({ userId: seeded.id });
    expect(byId.profile?.email).toBe(seeded.email);
    const byLogin = await client.userApi.getUser({ userId: seeded.email });
    expect(byLogin.id).toBe(seeded.id);
  });

  it('creates, updates, deactivates then deletes a user', async () => {
    const created = await client.userApi.createUser({
      body: {
        profile: {
          firstName: 'Ada',
          lastName: 'Lovelace',
          email: 'ada@unidir.test',
          login: 'ada@unidir.test',
        },
        credentials: { password: { value: 'Analytical-1843!' } },
      },
      activate: true,
    });
    expect(created.status).toBe('ACTIVE');
    const updated = await client.userApi.updateUser({
      userId: created.id!,
      user: { profile: { title: 'Countess' } },
    });
    expect(updated.profile?.title).toBe('Countess');
    expect(updated.profile?.firstName).toBe('Ada');
    await client.userApi.deactivateUser({ userId: created.id! });
    expect((await client.userApi.getUser({ userId: created.id! })).status).toBe('DEPROVISIONED');
    await client.userApi.deleteUser({ userId: created.id! });
    await expect(client.userApi.getUser({ userId: created.id! })).rejects.toMatchObject({
      status: 404,
      errorCode: 'E0000007',
    });
  });

  it("surfaces the fake's E0000001 for a duplicate login as the SDK's OktaApiError", async () => {
    const seeded = fake.directory.listUsers({ offset: 1, limit: 1 }).users[0]!;
    await expect(
      client.userApi.createUser({
        body: { profile: { firstName: 'Dup', lastName: 'User', email: seeded.email, login: seeded.email } },
      }),
    ).rejects.toMatchObject({ status: 400, errorCode: 'E0000001' });
  });

  it('adds a user to a group, lists the group members, removes the user', async () => {
    const user = fake.directory.listUsers({ offset: 4, limit: 1 }).users[0]!;
    const group = fake.directory
      .listGroups({ offset: 0, limit: 10 })
      .groups.find((candidate) => !fake.directory.isMember(candidate.id, user.id))!;
    await client.groupApi.assignUserToGroup({ groupId: group.id, userId: user.id });
    const members: string[] = [];
    for await (const member of await client.groupApi.listGroupUsers({ groupId: group.id, limit: 2 }))
      members.push(member!.id!);
    expect(members).toContain(user.id);
    expect(members).toEqual(fake.directory.memberIdsOfGroup(group.id));
    const groups: string[] = [];
    for await (const each of await client.userApi.listUserGroups({ userId: user.id })) groups.push(each!.id!);
    expect(groups).toContain(group.id);
    await client.groupApi.unassignUserFromGroup({ groupId: group.id, userId: user.id });
    expect(fake.directory.isMember(group.id, user.id)).toBe(false);
  });

  it('lists groups across pages with the iterator', async () => {
    const ids: string[] = [];
    for await (const group of await client.groupApi.listGroups({ limit: 1 })) ids.push(group!.id!);
    expect(ids).toEqual(fake.groups.ids());
  });

  it("lists a user's admin roles", async () => {
    const roles = [];
    for await (const role of await client.roleAssignmentApi.listAssignedRolesForUser({
      userId: fake.adminUserId,
    }))
      roles.push(role);
    expect(roles).toMatchObject([{ type: 'SUPER_ADMIN', assignmentType: 'USER', status: 'ACTIVE' }]);
  });

  it('waits out a 429 by X-Rate-Limit-Reset, as the SDK does, then succeeds', async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    fake.server.injectFault({
      route: 'users.get',
      nth: [1],
      fault: {
        kind: 'status',
        status: 429,
        headers: { 'x-rate-limit-limit': '600', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset },
        body: {
          errorCode: 'E0000047',
          errorSummary: 'API call exceeded rate limit due to too many requests.',
          errorCauses: [],
        },
      },
    });
    const user = await client.userApi.getUser({ userId: fake.adminUserId });
    expect(user.id).toBe(fake.adminUserId);
    expect(
      fake.server.journal
        .forRoute('users.get')
        .slice(-2)
        .map((entry) => entry.status),
    ).toEqual([429, 200]);
  });

  it('authenticates a service app with private_key_jwt through the token endpoint', async () => {
    const serviceClient = new Client({
      orgUrl: fake.server.url,
      authorizationMode: 'PrivateKey',
      clientId: fake.serviceApp.clientId,
      scopes: ['okta.users.read', 'okta.groups.read'],
      privateKey: fake.serviceApp.privateKeyPem,
      keyId: fake.serviceApp.keyId,
      requestExecutor: new TrustingRequestExecutor(fake.server.certificatePem!),
      cacheMiddleware: null,
    });
    const page = await serviceClient.userApi.listUsers({ limit: 3 });
    const first = await page.next();
    expect(first.value?.id).toBeDefined();
    expect(fake.tokens.issuedCount).toBe(1);
    // okta.roles.read was not asked for: Okta answers 403 insufficient_scope.
    await expect(
      (await serviceClient.roleAssignmentApi.listAssignedRolesForUser({ userId: fake.adminUserId })).next(),
    ).rejects.toMatchObject({ status: 403 });
  });
});
