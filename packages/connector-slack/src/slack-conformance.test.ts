import { runConnectorConformance } from '@unidir/testkit/conformance';
import { createSlackConnector } from './slack-connector.js';
import { startSlackFake } from './testing/slack-fake.js';

let adminToken = '';

runConnectorConformance({
  connector: createSlackConnector({ retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
  fixture: {
    async start({ users }) {
      const fake = await startSlackFake({ users });
      adminToken = fake.adminToken;
      return {
        account: { credentials: fake.credentials, settings: fake.settings },
        server: fake.server,
        directory: fake.directory,
        unifiedIds: { user: fake.userId, group: fake.groupId },
        secrets: [fake.adminToken],
        close: fake.close,
      };
    },
  },
  deleteScenarios: [
    {
      name: 'default: deactivate everywhere (SCIM DELETE)',
      parameters: () => ({}),
      expectedCalls: ({ userId }) => [{ method: 'DELETE', path: `/scim/v2/Users/${userId}` }],
      userRemains: false,
    },
    {
      name: 'remove_from=organization with the enterprise id (read, then SCIM DELETE)',
      parameters: () => ({ remove_from: 'organization', remove_from_id: 'E0UNIDIR1' }),
      expectedCalls: ({ userId }) => [
        { method: 'GET', path: '/api/users.info' },
        { method: 'DELETE', path: `/scim/v2/Users/${userId}` },
      ],
      userRemains: false,
    },
    {
      name: 'organization_id (read, then SCIM DELETE)',
      parameters: () => ({ organization_id: 'E0UNIDIR1' }),
      expectedCalls: ({ userId }) => [
        { method: 'GET', path: '/api/users.info' },
        { method: 'DELETE', path: `/scim/v2/Users/${userId}` },
      ],
      userRemains: false,
    },
    {
      name: 'workspace_id: out of one workspace (users.info, admin.users.remove)',
      parameters: () => ({ workspace_id: 'T00000001' }),
      expectedCalls: () => [
        { method: 'GET', path: '/api/users.info' },
        { method: 'POST', path: '/api/admin.users.remove' },
      ],
      userRemains: true,
    },
    {
      name: 'remove_from=group (members read, SCIM PATCH remove)',
      parameters: ({ groupId }) => ({ remove_from: 'group', remove_from_id: groupId }),
      expectedCalls: ({ groupId }) => [
        { method: 'GET', path: '/api/usergroups.users.list' },
        { method: 'PATCH', path: `/scim/v2/Groups/${groupId}` },
      ],
      userRemains: true,
    },
    {
      name: 'group_id',
      parameters: ({ groupId }) => ({ group_id: groupId }),
      expectedCalls: ({ groupId }) => [
        { method: 'GET', path: '/api/usergroups.users.list' },
        { method: 'PATCH', path: `/scim/v2/Groups/${groupId}` },
      ],
      userRemains: true,
    },
    {
      name: 'user_type=end_user (verified by a read, then deactivate)',
      parameters: () => ({ user_type: 'end_user' }),
      expectedCalls: ({ userId }) => [
        { method: 'GET', path: '/api/users.info' },
        { method: 'DELETE', path: `/scim/v2/Users/${userId}` },
      ],
      userRemains: false,
    },
  ],
  refusedDeleteParameters: [
    { permanent: true },
    { emails: [{ email: 'someone@unidir.test' }] },
    { product: 'workspace' },
    { remove_from: 'group' },
    { workspace_id: 'T00000001', group_id: 'S00000001' },
    { remove_from: 'organization', remove_from_id: 'E0SOMEONE', workspace_id: 'T00000001' },
  ],
  createUserBody: {
    username: 'grace.hopper',
    first_name: 'Grace',
    last_name: 'Hopper',
    name: 'Grace Hopper',
    emails: [{ email: 'grace.hopper@unidir.test', is_primary: true }],
  },
  updateUserBody: { title: 'Rear Admiral', first_name: 'Amazing' },
  membershipCalls: {
    addUser: ({ groupId }) => [
      { method: 'GET', path: '/api/usergroups.users.list' },
      { method: 'PATCH', path: `/scim/v2/Groups/${groupId}` },
    ],
    removeUser: ({ groupId }) => [
      { method: 'GET', path: '/api/usergroups.users.list' },
      { method: 'PATCH', path: `/scim/v2/Groups/${groupId}` },
    ],
    routes: { addUser: 'scim.groups.patch', removeUser: 'scim.groups.patch' },
  },
  routes: { listUsers: 'users.list', getUser: 'users.info', deleteUser: 'scim.users.delete' },
  get secrets() {
    return [adminToken];
  },
  listPageSize: 5,
});
