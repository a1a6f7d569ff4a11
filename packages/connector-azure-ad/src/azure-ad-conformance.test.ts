import { runConnectorConformance } from '@unidir/testkit/conformance';
import { createAzureAdConnector } from './azure-ad-connector.js';
import { startAzureAdFake } from './testing/azure-ad-fake.js';

const clientSecret = 'conformance~secret.Zq8vB3nK1xW7pL0s';

runConnectorConformance({
  connector: createAzureAdConnector({ retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
  fixture: {
    async start({ users }) {
      const fake = await startAzureAdFake({ users, clientSecret });
      return {
        // The fake serves signInActivity as a licensed tenant does, so last_login_at is exercised too.
        account: {
          credentials: fake.credentials,
          settings: { ...fake.settings, include_sign_in_activity: true },
        },
        server: fake.server,
        directory: fake.directory,
        close: fake.close,
      };
    },
  },
  deleteScenarios: [
    {
      name: 'default soft delete',
      parameters: () => ({}),
      expectedCalls: ({ userId }) => [{ method: 'DELETE', path: `/v1.0/users/${userId}` }],
      userRemains: false,
    },
    {
      name: 'permanent',
      parameters: () => ({ permanent: true }),
      expectedCalls: ({ userId }) => [
        { method: 'DELETE', path: `/v1.0/users/${userId}` },
        { method: 'DELETE', path: `/v1.0/directory/deletedItems/${userId}` },
      ],
      userRemains: false,
    },
    {
      name: 'remove_from=group',
      parameters: ({ groupId }) => ({ remove_from: 'group', remove_from_id: groupId }),
      expectedCalls: ({ userId, groupId }) => [
        { method: 'DELETE', path: `/v1.0/groups/${groupId}/members/${userId}/$ref` },
      ],
      userRemains: true,
    },
    {
      name: 'group_id',
      parameters: ({ groupId }) => ({ group_id: groupId }),
      expectedCalls: ({ userId, groupId }) => [
        { method: 'DELETE', path: `/v1.0/groups/${groupId}/members/${userId}/$ref` },
      ],
      userRemains: true,
    },
    {
      name: 'user_type=end_user (verified by a read, then soft delete)',
      parameters: () => ({ user_type: 'end_user' }),
      expectedCalls: ({ userId }) => [
        { method: 'GET', path: `/v1.0/users/${userId}` },
        { method: 'DELETE', path: `/v1.0/users/${userId}` },
      ],
      userRemains: false,
    },
    {
      name: 'product=azure_active_directory',
      parameters: () => ({ product: 'azure_active_directory' }),
      expectedCalls: ({ userId }) => [{ method: 'DELETE', path: `/v1.0/users/${userId}` }],
      userRemains: false,
    },
  ],
  refusedDeleteParameters: [
    { remove_from: 'organization', remove_from_id: 'organization-1' },
    { remove_from: 'group' },
    { remove_from_id: 'group-1' },
    { permanent: true, remove_from: 'group', remove_from_id: 'group-1' },
    { permanent: true, group_id: 'group-1' },
    { product: 'workspace' },
    { organization_id: 'organization-1' },
    { workspace_id: 'workspace-1' },
    { emails: [{ email: 'someone@unidir.test' }] },
  ],
  createUserBody: {
    first_name: 'Grace',
    last_name: 'Hopper',
    username: 'grace.hopper@unidir.test',
    emails: [{ email: 'grace.hopper@unidir.test', is_primary: true }],
    password: 'Cobol-1959!',
  },
  updateUserBody: { title: 'Rear Admiral', first_name: 'Amazing' },
  createGroupBody: { name: 'Conformance Group', description: 'Made by the conformance suite' },
  membershipCalls: {
    addUser: ({ groupId }) => [{ method: 'POST', path: `/v1.0/groups/${groupId}/members/$ref` }],
    removeUser: ({ groupId, userId }) => [
      { method: 'DELETE', path: `/v1.0/groups/${groupId}/members/${userId}/$ref` },
    ],
    routes: { addUser: 'groups.members.add', removeUser: 'groups.members.remove' },
  },
  routes: { listUsers: 'users.list', getUser: 'users.get', deleteUser: 'users.delete' },
  secrets: [clientSecret],
  ignoredRoutes: ['token'],
});
