import { admin, type admin_directory_v1 } from '@googleapis/admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAgainstDiscovery } from './google-workspace-discovery-validator.js';
import { type GoogleWorkspaceFake, startGoogleWorkspaceFake } from './google-workspace-fake.js';
import { officialServiceAccountAuth } from './google-workspace-official-auth.js';

/**
 * The official Node client, authenticated with a service account key file exactly as a Workspace admin
 * would use it. google-auth-library posts to Google's fixed token URL, so a request interceptor on its
 * transport sends that one URL to the fake's token endpoint; nothing else is changed.
 */
describe('the official @googleapis/admin client against the fake', () => {
  let fake: GoogleWorkspaceFake;
  let directory: admin_directory_v1.Admin;
  let removeKeyFile: () => void;

  beforeAll(async () => {
    fake = await startGoogleWorkspaceFake({ users: 12, groups: 3 });
    const official = officialServiceAccountAuth(fake, [
      'https://www.googleapis.com/auth/admin.directory.user',
      'https://www.googleapis.com/auth/admin.directory.group',
    ]);
    removeKeyFile = official.removeKeyFile;
    directory = admin({ version: 'directory_v1', auth: official.jwt, rootUrl: `${fake.server.url}/` });
  });
  afterAll(async () => {
    await fake.close();
    removeKeyFile();
  });

  it('obtains its token from the fake with a JWT assertion signed by the key file', async () => {
    await directory.users.list({ customer: 'my_customer', maxResults: 1 });
    const tokenRequests = fake.server.journal.forRoute('token');
    expect(tokenRequests.length).toBeGreaterThanOrEqual(1);
    expect(tokenRequests.every((entry) => entry.status === 200)).toBe(true);
  });

  it('lists every user across pages with pageToken', async () => {
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await directory.users.list({ customer: 'my_customer', maxResults: 5, pageToken });
      expect(validateAgainstDiscovery('Users', page.data)).toEqual([]);
      ids.push(...(page.data.users ?? []).map((user) => user.id ?? ''));
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(new Set(ids).size).toBe(12);
  });

  it('gets a user by primary email', async () => {
    const seeded = fake.directory.listUsers({ offset: 4, limit: 1 }).users[0]!;
    const { data } = await directory.users.get({ userKey: seeded.email });
    expect(data).toMatchObject({ primaryEmail: seeded.email, name: { givenName: seeded.givenName } });
  });

  it('inserts, patches and deletes a user', async () => {
    const inserted = await directory.users.insert({
      requestBody: {
        primaryEmail: 'official.client@unidir.test',
        name: { givenName: 'Official', familyName: 'Client' },
        password: 'a long enough password',
      },
    });
    expect(inserted.status).toBe(200);
    const id = inserted.data.id!;
    const patched = await directory.users.patch({ userKey: id, requestBody: { suspended: true } });
    expect(patched.data).toMatchObject({ id, suspended: true });
    const removed = await directory.users.delete({ userKey: id });
    expect(removed.status).toBe(204);
    await expect(directory.users.get({ userKey: id })).rejects.toMatchObject({ status: 404 });
    const deleted = await directory.users.list({ customer: 'my_customer', showDeleted: 'true' });
    expect(deleted.data.users?.map((user) => user.id)).toEqual([id]);
  });

  it('removes a member from a group, and gets 409 re-adding an existing member', async () => {
    const group = fake.directory.listGroups({ offset: 0, limit: 1 }).groups[0]!;
    const groupKey = fake.google.ids.groupId(group.index);
    const members = await directory.members.list({ groupKey });
    const member = members.data.members![0]!;
    await expect(
      directory.members.insert({ groupKey, requestBody: { email: member.email!, role: 'MEMBER' } }),
    ).rejects.toMatchObject({
      status: 409,
    });
    const removed = await directory.members.delete({ groupKey, memberKey: member.email! });
    expect(removed.status).toBe(204);
    const hasMember = await directory.members.hasMember({ groupKey, memberKey: member.email! });
    expect(hasMember.data.isMember).toBe(false);
  });

  it('surfaces Google-shaped errors the client understands', async () => {
    await expect(directory.users.get({ userKey: 'nobody@unidir.test' })).rejects.toMatchObject({
      status: 404,
      message: 'Resource Not Found: userKey',
    });
  });
});
