import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DirectoryResponseBody,
  validateAgainstDiscovery,
} from './google-workspace-discovery-validator.js';
import { type GoogleWorkspaceFake, startGoogleWorkspaceFake } from './google-workspace-fake.js';
import { directoryScopes } from './google-workspace-fake-scopes.js';

describe('fake responses conform to the discovery document', () => {
  let fake: GoogleWorkspaceFake;
  let token: string;

  beforeAll(async () => {
    fake = await startGoogleWorkspaceFake({ users: 40, groups: 4 });
    token = fake.tokens.issue(fake.adminEmail, Object.values(directoryScopes)).access_token;
  });
  afterAll(() => fake.close());

  async function call(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) {
    const response = await request(`${fake.server.url}/admin/directory/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.statusCode).toBe(200);
    return (await response.body.json()) as DirectoryResponseBody;
  }

  const userId = (index: number) => fake.google.ids.userId(index);
  const groupId = (index: number) => fake.google.ids.groupId(index);

  it('Users: full pages, the last page and an empty page', async () => {
    const first = await call('GET', '/users?customer=my_customer&maxResults=30');
    const last = await call(
      'GET',
      `/users?customer=my_customer&maxResults=30&pageToken=${first.nextPageToken}`,
    );
    const empty = await call(
      'GET',
      `/users?customer=my_customer&query=${encodeURIComponent('email:nobody@unidir.test')}`,
    );
    for (const page of [first, last, empty]) expect(validateAgainstDiscovery('Users', page)).toEqual([]);
    expect(first.users).toHaveLength(30);
    expect(last.users).toHaveLength(10);
  });

  it('User: get, insert and patch answers, suspended and never-signed-in users included', async () => {
    const suspended = fake.directory
      .listUsers({ offset: 0, limit: 40 })
      .users.find((user) => user.suspended)!;
    const neverSignedIn = fake.directory
      .listUsers({ offset: 0, limit: 40 })
      .users.find((user) => !user.lastLoginAt)!;
    const created = await call('POST', '/users', {
      primaryEmail: 'schema.check@unidir.test',
      name: { givenName: 'Schema', familyName: 'Check' },
      password: 'long enough',
      phones: [{ value: '+1 555 0100', type: 'work' }],
      orgUnitPath: '/',
    });
    const patched = await call('PATCH', `/users/${created.id}`, {
      name: { displayName: 'Schema C.' },
      suspended: true,
      organizations: [{ title: 'Checker', primary: true }],
    });
    for (const user of [
      await call('GET', `/users/${userId(0)}`),
      await call('GET', `/users/${userId(suspended.index)}`),
      await call('GET', `/users/${userId(neverSignedIn.index)}`),
      created,
      patched,
    ]) {
      expect(validateAgainstDiscovery('User', user)).toEqual([]);
    }
    expect(patched).toMatchObject({
      suspended: true,
      suspensionReason: 'ADMIN',
      name: { displayName: 'Schema C.' },
    });
  });

  it('Users with showDeleted: deleted users carry deletionTime', async () => {
    await request(`${fake.server.url}/admin/directory/v1/users/${userId(5)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    }).then((response) => response.body.dump());
    const deleted = await call('GET', '/users?customer=my_customer&showDeleted=true');
    expect(validateAgainstDiscovery('Users', deleted)).toEqual([]);
    expect(deleted.users?.[0]?.deletionTime).toEqual(expect.any(String));
  });

  it('Groups, Group, Members and Member', async () => {
    expect(validateAgainstDiscovery('Groups', await call('GET', '/groups?customer=my_customer'))).toEqual([]);
    expect(validateAgainstDiscovery('Groups', await call('GET', `/groups?userKey=${userId(7)}`))).toEqual([]);
    expect(validateAgainstDiscovery('Group', await call('GET', `/groups/${groupId(1)}`))).toEqual([]);
    expect(
      validateAgainstDiscovery('Members', await call('GET', `/groups/${groupId(1)}/members?maxResults=3`)),
    ).toEqual([]);
    const outsider = fake.directory
      .listUsers({ offset: 0, limit: 40 })
      .users.find(
        (user) =>
          !fake.directory.isMember(fake.directory.listGroups({ offset: 2, limit: 1 }).groups[0]!.id, user.id),
      )!;
    const member = await call('POST', `/groups/${groupId(2)}/members`, {
      email: outsider.email,
      role: 'MEMBER',
    });
    expect(validateAgainstDiscovery('Member', member)).toEqual([]);
  });
});
