import { admin, type admin_directory_v1, type admin_reports_v1 } from '@googleapis/admin';
import { licensing, type licensing_v1 } from 'googleapis/build/src/apis/licensing/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAgainstDiscovery } from './google-workspace-discovery-validator.js';
import { type GoogleWorkspaceFake, startGoogleWorkspaceFake } from './google-workspace-fake.js';
import { fakeSkuOf } from './google-workspace-fake-licensing.js';
import { officialServiceAccountAuth } from './google-workspace-official-auth.js';

const scope = (name: string) => `https://www.googleapis.com/auth/${name}`;

/**
 * The official clients against the fake for what issue 10 added: @googleapis/admin for the Directory API's
 * groups, members, roles, role assignments and customers and for the Reports API, and googleapis' licensing
 * client for the Enterprise License Manager API. Every answer is also checked against its discovery schema.
 */
describe('the official Google clients against the fake: group writes, roles, customer, reports, licensing', () => {
  let fake: GoogleWorkspaceFake;
  let directory: admin_directory_v1.Admin;
  let reports: admin_reports_v1.Admin;
  let licenses: licensing_v1.Licensing;
  let removeKeyFile: () => void;

  beforeAll(async () => {
    fake = await startGoogleWorkspaceFake({ users: 300, groups: 4 });
    const official = officialServiceAccountAuth(fake, [
      scope('admin.directory.group'),
      scope('admin.directory.rolemanagement.readonly'),
      scope('admin.directory.customer.readonly'),
      scope('admin.reports.audit.readonly'),
      scope('apps.licensing'),
    ]);
    removeKeyFile = official.removeKeyFile;
    const rootUrl = `${fake.server.url}/`;
    directory = admin({ version: 'directory_v1', auth: official.jwt, rootUrl });
    reports = admin({ version: 'reports_v1', auth: official.jwt, rootUrl });
    licenses = licensing({ version: 'v1', auth: official.jwt, rootUrl });
  });
  afterAll(async () => {
    await fake.close();
    removeKeyFile();
  });

  it('inserts, patches and deletes a group, with members added and removed', async () => {
    const inserted = await directory.groups.insert({
      requestBody: { email: 'official-group@unidir.test', name: 'Official', description: 'From the client' },
    });
    expect(validateAgainstDiscovery('Group', inserted.data)).toEqual([]);
    const groupKey = inserted.data.id!;
    const patched = await directory.groups.patch({ groupKey, requestBody: { name: 'Official, renamed' } });
    expect(validateAgainstDiscovery('Group', patched.data)).toEqual([]);
    expect(patched.data).toMatchObject({ id: groupKey, name: 'Official, renamed', directMembersCount: '0' });
    const user = fake.directory.listUsers({ offset: 3, limit: 1 }).users[0]!;
    await directory.members.insert({ groupKey, requestBody: { email: user.email, role: 'MEMBER' } });
    const members = await directory.members.list({ groupKey });
    expect(members.data.members?.map((member) => member.email)).toEqual([user.email]);
    await expect(
      directory.members.insert({ groupKey, requestBody: { email: user.email, role: 'MEMBER' } }),
    ).rejects.toMatchObject({ status: 409 });
    expect((await directory.members.delete({ groupKey, memberKey: user.email })).status).toBe(204);
    await expect(directory.members.delete({ groupKey, memberKey: user.email })).rejects.toMatchObject({
      status: 404,
    });
    expect((await directory.groups.delete({ groupKey })).status).toBe(204);
    await expect(directory.groups.get({ groupKey })).rejects.toMatchObject({ status: 404 });
    await expect(
      directory.groups.insert({
        requestBody: { email: fake.directory.listGroups({ offset: 0, limit: 1 }).groups[0]!.email },
      }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('lists and gets roles, and lists role assignments filtered by user and role', async () => {
    const roles = await directory.roles.list({ customer: 'my_customer', maxResults: 2 });
    expect(validateAgainstDiscovery('Roles', roles.data)).toEqual([]);
    expect(roles.data.items).toHaveLength(2);
    const rest = await directory.roles.list({
      customer: 'my_customer',
      pageToken: roles.data.nextPageToken!,
    });
    const all = [...roles.data.items!, ...rest.data.items!];
    const superAdmin = all.find((role) => role.isSuperAdminRole)!;
    expect(superAdmin.roleName).toBe('_SEED_ADMIN_ROLE');
    const role = await directory.roles.get({ customer: 'my_customer', roleId: superAdmin.roleId! });
    expect(validateAgainstDiscovery('Role', role.data)).toEqual([]);

    const admins = await directory.roleAssignments.list({
      customer: 'my_customer',
      roleId: superAdmin.roleId!,
    });
    expect(validateAgainstDiscovery('RoleAssignments', admins.data)).toEqual([]);
    // The administrator and seeded users 0, 97, 194 and 291 (every 97th is an admin).
    expect(admins.data.items).toHaveLength(5);
    const seededAdmin = fake.google.ids.userId(97);
    const ofUser = await directory.roleAssignments.list({ customer: 'my_customer', userKey: seededAdmin });
    expect(ofUser.data.items?.map((assignment) => [assignment.assignedTo, assignment.assigneeType])).toEqual([
      [seededAdmin, 'user'],
    ]);
  });

  it('gets the customer', async () => {
    const customer = await directory.customers.get({ customerKey: 'my_customer' });
    expect(validateAgainstDiscovery('Customer', customer.data)).toEqual([]);
    expect(customer.data).toMatchObject({ id: fake.google.ids.customerId, customerDomain: 'unidir.test' });
  });

  it('lists admin activities newest first across pages, filtered by time', async () => {
    const first = await reports.activities.list({ userKey: 'all', applicationName: 'admin', maxResults: 50 });
    expect(validateAgainstDiscovery('Activities', first.data, 'reports')).toEqual([]);
    expect(first.data.items).toHaveLength(50);
    const times = first.data.items!.map((activity) => Date.parse(activity.id!.time!));
    expect(times).toEqual([...times].sort((left, right) => right - left));
    const next = await reports.activities.list({
      userKey: 'all',
      applicationName: 'admin',
      maxResults: 50,
      pageToken: first.data.nextPageToken!,
    });
    expect(next.data.items).toHaveLength(50);
    const startTime = first.data.items![9]!.id!.time!;
    const recent = await reports.activities.list({ userKey: 'all', applicationName: 'admin', startTime });
    expect(recent.data.items).toHaveLength(10);
  });

  it('lists license assignments of a product and of one SKU', async () => {
    const customerId = fake.google.ids.customerId;
    const product = await licenses.licenseAssignments.listForProduct({
      productId: 'Google-Apps',
      customerId,
      maxResults: 200,
    });
    expect(validateAgainstDiscovery('LicenseAssignmentList', product.data, 'licensing')).toEqual([]);
    expect(product.data.items).toHaveLength(200);
    const rest = await licenses.licenseAssignments.listForProduct({
      productId: 'Google-Apps',
      customerId,
      maxResults: 200,
      pageToken: product.data.nextPageToken!,
    });
    expect(rest.data.items).toHaveLength(100);
    expect(rest.data.nextPageToken).toBeUndefined();
    const gemini = await licenses.licenseAssignments.listForProductAndSku({
      productId: '101047',
      skuId: '1010470007',
      customerId,
      maxResults: 1000,
    });
    const expected = fake.directory
      .listUsers({ offset: 0, limit: 300 })
      .users.filter((user) => fakeSkuOf(user, '101047') !== undefined);
    expect(gemini.data.items?.map((assignment) => assignment.userId)).toEqual(
      expected.map((user) => user.email),
    );
    await expect(
      licenses.licenseAssignments.listForProduct({ productId: 'Google-Apps', customerId: 'C0other' }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
