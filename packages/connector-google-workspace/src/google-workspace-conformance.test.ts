import { runConnectorConformance } from '@unidir/testkit/conformance';
import { createGoogleWorkspaceConnector } from './google-workspace-connector.js';
import { startGoogleWorkspaceFake } from './testing/google-workspace-fake.js';

const root = '/admin/directory/v1';
const deleteUserCall = (userId: string) => ({ method: 'DELETE', path: `${root}/users/${userId}` });
const removeMemberCall = (userId: string, groupId: string) => ({
  method: 'DELETE',
  path: `${root}/groups/${groupId}/members/${userId}`,
});

runConnectorConformance({
  connector: createGoogleWorkspaceConnector({ retry: { baseDelayMs: 20 } }),
  fixture: {
    async start({ users }) {
      const fake = await startGoogleWorkspaceFake({ users });
      return {
        // With user_licenses, users carry the licenses the manifest declares for them; the customer id is
        // given so that no users.list is spent learning it.
        account: {
          credentials: fake.credentials,
          settings: { ...fake.settings, user_licenses: true, customer: fake.google.ids.customerId },
        },
        server: fake.server,
        directory: fake.directory,
        unifiedIds: {
          user: (user) => fake.google.ids.userId(user.index),
          group: (group) => fake.google.ids.groupId(group.index),
        },
        secrets: [fake.credentials.private_key],
        close: fake.close,
      };
    },
  },
  deleteScenarios: [
    {
      name: 'default soft delete (restorable for 20 days)',
      parameters: () => ({}),
      expectedCalls: ({ userId }) => [deleteUserCall(userId)],
      userRemains: false,
    },
    {
      name: 'permanent=false',
      parameters: () => ({ permanent: false }),
      expectedCalls: ({ userId }) => [deleteUserCall(userId)],
      userRemains: false,
    },
    {
      name: 'product=workspace',
      parameters: () => ({ product: 'workspace' }),
      expectedCalls: ({ userId }) => [deleteUserCall(userId)],
      userRemains: false,
    },
    {
      name: 'user_type=end_user (checked first)',
      parameters: () => ({ user_type: 'end_user' }),
      expectedCalls: ({ userId }) => [
        { method: 'GET', path: `${root}/users/${userId}` },
        deleteUserCall(userId),
      ],
      userRemains: false,
    },
    {
      name: 'remove_from=group',
      parameters: ({ groupId }) => ({ remove_from: 'group', remove_from_id: groupId }),
      expectedCalls: ({ userId, groupId }) => [removeMemberCall(userId, groupId)],
      userRemains: true,
    },
    {
      name: 'group_id',
      parameters: ({ groupId }) => ({ group_id: groupId }),
      expectedCalls: ({ userId, groupId }) => [removeMemberCall(userId, groupId)],
      userRemains: true,
    },
  ],
  refusedDeleteParameters: [
    { permanent: true },
    { remove_from: 'organization', remove_from_id: 'any' },
    { remove_from: 'group' },
    { organization_id: 'any' },
    { workspace_id: 'any' },
    { emails: [{ email: 'someone@unidir.test' }] },
    { product: 'azure_active_directory' },
  ],
  createUserBody: {
    first_name: 'Conformance',
    last_name: 'Check',
    emails: [{ email: 'conformance.check@unidir.test', is_primary: true }],
    password: 'a long enough password',
  },
  updateUserBody: { title: 'Principal Engineer', last_name: 'Updated' },
  createGroupBody: { name: 'Conformance Group', emails: [{ email: 'conformance-group@unidir.test' }] },
  membershipCalls: {
    addUser: ({ groupId }) => [{ method: 'POST', path: `/admin/directory/v1/groups/${groupId}/members` }],
    removeUser: ({ groupId, userId }) => [
      { method: 'DELETE', path: `/admin/directory/v1/groups/${groupId}/members/${userId}` },
    ],
    routes: { addUser: 'members.insert', removeUser: 'members.delete' },
  },
  routes: { listUsers: 'users.list', getUser: 'users.get', deleteUser: 'users.delete' },
  secrets: [],
  // License assignments are an account-level read, cached, never one per user: the journal tests count them.
  ignoredRoutes: ['token', 'licenseAssignments.listForProduct'],
});
