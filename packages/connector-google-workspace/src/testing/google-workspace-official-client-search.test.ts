import { admin, type admin_directory_v1 } from '@googleapis/admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GoogleWorkspaceFake, startGoogleWorkspaceFake } from './google-workspace-fake.js';
import { officialServiceAccountAuth } from './google-workspace-official-auth.js';

/** users.list `query`, `orderBy` and `sortOrder` as the official client sends them, answered as Google documents. */
describe('users.list search and ordering through the official @googleapis/admin client', () => {
  let fake: GoogleWorkspaceFake;
  let directory: admin_directory_v1.Admin;
  let removeKeyFile: () => void;

  const listAll = async (parameters: admin_directory_v1.Params$Resource$Users$List) => {
    const users: admin_directory_v1.Schema$User[] = [];
    let pageToken: string | undefined;
    do {
      const page = await directory.users.list({
        customer: 'my_customer',
        maxResults: 4,
        ...parameters,
        pageToken,
      });
      users.push(...(page.data.users ?? []));
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
    return users;
  };
  const seeded = () => fake.directory.listUsers({ offset: 0, limit: 100 }).users;

  beforeAll(async () => {
    fake = await startGoogleWorkspaceFake({ users: 15, groups: 1 });
    const official = officialServiceAccountAuth(fake, [
      'https://www.googleapis.com/auth/admin.directory.user',
    ]);
    removeKeyFile = official.removeKeyFile;
    directory = admin({ version: 'directory_v1', auth: official.jwt, rootUrl: `${fake.server.url}/` });
  });
  afterAll(async () => {
    await fake.close();
    removeKeyFile();
  });

  it('orders by familyName descending across pages, ignoring case', async () => {
    const users = await listAll({ orderBy: 'familyName', sortOrder: 'DESCENDING' });
    const names = users.map((user) => user.name?.familyName?.toLowerCase() ?? '');
    expect(users).toHaveLength(15);
    expect(names).toEqual([...names].sort().reverse());
    expect(names).not.toEqual(seeded().map((user) => user.familyName.toLowerCase()));
  });

  it('orders by email ascending by default, and by givenName', async () => {
    const byEmail = (await listAll({ orderBy: 'email' })).map((user) => user.primaryEmail ?? '');
    expect(byEmail).toEqual(
      seeded()
        .map((user) => user.email)
        .sort(),
    );
    const byGivenName = (await listAll({ orderBy: 'givenName', sortOrder: 'ASCENDING' })).map(
      (user) => user.name?.givenName?.toLowerCase() ?? '',
    );
    expect(byGivenName).toEqual([...byGivenName].sort());
  });

  it('matches a given-name prefix with a trailing *', async () => {
    const target = seeded()[3]!;
    const prefix = target.givenName.slice(0, 2);
    const users = await listAll({ query: `givenName:${prefix}*` });
    expect(users.map((user) => user.id)).toContain(fake.google.ids.userId(target.index));
    expect(users.every((user) => user.name?.givenName?.toLowerCase().startsWith(prefix.toLowerCase()))).toBe(
      true,
    );
    const expected = seeded().filter((user) => user.givenName.toLowerCase().startsWith(prefix.toLowerCase()));
    expect(users).toHaveLength(expected.length);
  });

  it('matches a full name in single or double quotes', async () => {
    const target = seeded()[6]!;
    const id = fake.google.ids.userId(target.index);
    for (const query of [
      `name:'${target.givenName} ${target.familyName}'`,
      `name:"${target.givenName} ${target.familyName}"`,
    ]) {
      const users = await listAll({ query });
      expect(users.map((user) => user.id)).toContain(id);
      expect(users.every((user) => user.name?.familyName === target.familyName)).toBe(true);
    }
  });

  it('filters on isSuspended and isAdmin, and ANDs clauses separated by spaces', async () => {
    const suspended = await listAll({ query: 'isSuspended=true' });
    expect(suspended.map((user) => user.id).sort()).toEqual(
      seeded()
        .filter((user) => user.suspended)
        .map((user) => fake.google.ids.userId(user.index))
        .sort(),
    );
    expect(suspended.length).toBeGreaterThan(0);
    const activeAdmins = await listAll({ query: 'isSuspended=false isAdmin=true' });
    expect(activeAdmins.length).toBeGreaterThan(0);
    expect(activeAdmins.every((user) => user.isAdmin === true && user.suspended === false)).toBe(true);
    expect(activeAdmins).toHaveLength(seeded().filter((user) => user.isAdmin && !user.suspended).length);
  });

  it('finds an address with email: and with a prefix', async () => {
    const target = seeded()[2]!;
    const exact = await listAll({ query: `email:${target.email}` });
    expect(exact.map((user) => user.primaryEmail)).toEqual([target.email]);
    const prefixed = await listAll({ query: `email:${target.username}*` });
    expect(prefixed.map((user) => user.primaryEmail)).toEqual([target.email]);
  });

  it('matches an organizational unit and every unit under it', async () => {
    const target = seeded()[5]!;
    await directory.users.patch({
      userKey: target.email,
      requestBody: { orgUnitPath: '/Engineering/Platform' },
    });
    for (const query of ['orgUnitPath=/Engineering', "orgUnitPath:'/Engineering/Platform'"]) {
      const users = await listAll({ query });
      expect(users.map((user) => user.primaryEmail)).toEqual([target.email]);
    }
    expect(await listAll({ query: 'orgUnitPath=/Sales' })).toEqual([]);
    expect(await listAll({ query: 'orgUnitPath=/' })).toHaveLength(15);
  });

  it("answers Google's 400 Invalid Input to an unknown field, a bad operator and a bad orderBy", async () => {
    for (const parameters of [
      { query: 'shoeSize:42' },
      { query: 'isAdmin:true' },
      { query: 'name:Ada*' },
      { orderBy: 'lastLoginTime' },
      { orderBy: 'email', sortOrder: 'SIDEWAYS' },
    ]) {
      await expect(directory.users.list({ customer: 'my_customer', ...parameters })).rejects.toMatchObject({
        status: 400,
        message: 'Invalid Input',
      });
    }
  });
});
