import { runConnectorConformance } from '@unidir/testkit/conformance';
import { createExampleRestConnector } from './example-rest-connector.js';
import { startExampleRestFake } from './testing/example-rest-fake.js';

let apiKey = '';

runConnectorConformance({
  connector: createExampleRestConnector(),
  fixture: {
    async start({ users }) {
      const fake = await startExampleRestFake({ users });
      apiKey = fake.credentials.api_key;
      return {
        account: { credentials: fake.credentials, settings: fake.settings },
        server: fake.server,
        directory: fake.directory,
        secrets: [apiKey],
        close: fake.close,
      };
    },
  },
  deleteScenarios: [
    {
      name: 'default (permanent)',
      parameters: () => ({}),
      expectedCalls: ({ userId }) => [{ method: 'DELETE', path: `/v1/users/${userId}` }],
      userRemains: false,
    },
  ],
  refusedDeleteParameters: [{ permanent: false }, { remove_from: 'group', remove_from_id: 'group-1' }],
  membershipCalls: {
    addUser: ({ groupId, userId }) => [{ method: 'PUT', path: `/v1/groups/${groupId}/members/${userId}` }],
    removeUser: ({ groupId, userId }) => [
      { method: 'DELETE', path: `/v1/groups/${groupId}/members/${userId}` },
    ],
    routes: { addUser: 'groups.members.add', removeUser: 'groups.members.remove' },
  },
  invalidCredentials: (valid) => ({ ...valid, api_key: 'example-rest-key-that-was-revoked' }),
  routes: { listUsers: 'users.list', getUser: 'users.get', deleteUser: 'users.delete' },
  secrets: [],
});
