import type { ConnectorConformanceOptions } from '@unidir/testkit/conformance';
import { createOktaConnector } from './okta-connector.js';

/** Everything the conformance suite needs but the account: the same for an API token and a service app. */
export const oktaConformanceOptions = {
  connector: createOktaConnector({ retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
  deleteScenarios: [
    {
      name: 'default: deactivate',
      parameters: () => ({}),
      expectedCalls: ({ userId }) => [
        { method: 'GET', path: `/api/v1/users/${userId}` },
        { method: 'POST', path: `/api/v1/users/${userId}/lifecycle/deactivate` },
      ],
      userRemains: false,
    },
    {
      name: 'permanent: deactivate, then delete',
      parameters: () => ({ permanent: true }),
      expectedCalls: ({ userId }) => [
        { method: 'GET', path: `/api/v1/users/${userId}` },
        { method: 'POST', path: `/api/v1/users/${userId}/lifecycle/deactivate` },
        { method: 'DELETE', path: `/api/v1/users/${userId}` },
      ],
      userRemains: false,
    },
    {
      name: 'remove_from=group',
      parameters: ({ groupId }) => ({ remove_from: 'group', remove_from_id: groupId }),
      expectedCalls: ({ userId, groupId }) => [
        { method: 'DELETE', path: `/api/v1/groups/${groupId}/users/${userId}` },
      ],
      userRemains: true,
    },
    {
      name: 'group_id',
      parameters: ({ groupId }) => ({ group_id: groupId }),
      expectedCalls: ({ userId, groupId }) => [
        { method: 'DELETE', path: `/api/v1/groups/${groupId}/users/${userId}` },
      ],
      userRemains: true,
    },
    {
      name: 'user_type=end_user (the roles read first, then deactivate)',
      parameters: () => ({ user_type: 'end_user' }),
      expectedCalls: ({ userId }) => [
        { method: 'GET', path: `/api/v1/users/${userId}` },
        { method: 'GET', path: `/api/v1/users/${userId}/roles` },
        { method: 'POST', path: `/api/v1/users/${userId}/lifecycle/deactivate` },
      ],
      userRemains: false,
    },
  ],
  refusedDeleteParameters: [
    { remove_from: 'organization', remove_from_id: 'organization-1' },
    { remove_from: 'group' },
    { remove_from_id: 'group-1' },
    { permanent: true, remove_from: 'group', remove_from_id: 'group-1' },
    { permanent: true, group_id: 'group-1' },
    { remove_from: 'group', remove_from_id: 'group-1', group_id: 'group-2' },
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
    addUser: ({ groupId, userId }) => [{ method: 'PUT', path: `/api/v1/groups/${groupId}/users/${userId}` }],
    removeUser: ({ groupId, userId }) => [
      { method: 'DELETE', path: `/api/v1/groups/${groupId}/users/${userId}` },
    ],
    routes: { addUser: 'groups.addUser', removeUser: 'groups.removeUser' },
  },
  routes: { listUsers: 'users.list', getUser: 'users.get', deleteUser: 'users.deactivate' },
  ignoredRoutes: ['token'],
} satisfies Omit<ConnectorConformanceOptions, 'fixture' | 'secrets'>;
