import type { ConnectorConformanceOptions } from '../../src/conformance/index.js';
import { type AcmeDefect, createAcmeConnector } from './acme-connector.js';
import { startAcmeFake } from './acme-fake.js';

/** The conformance run of the acme connector, as a connector package would write it. */
export function acmeConformanceOptions(
  defects: readonly AcmeDefect[] = [],
  id?: string,
): ConnectorConformanceOptions {
  return {
    connector: createAcmeConnector({ id, defects }),
    fixture: {
      async start({ users }) {
        const fake = await startAcmeFake({ users });
        return {
          account: { credentials: fake.credentials, settings: fake.settings },
          secrets: [fake.credentials.client_secret],
          ...fake,
        };
      },
    },
    secrets: [],
    routes: { listUsers: 'users.list', getUser: 'users.get', deleteUser: 'users.delete' },
    ignoredRoutes: ['oauth.token'],
    createUserBody: {
      first_name: 'Marie',
      last_name: 'Curie',
      emails: [{ email: 'marie.curie@acme.test', is_primary: true }],
    },
    updateUserBody: { title: 'Chief Radiochemist', first_name: 'Maria' },
    deleteScenarios: [
      {
        name: 'default soft delete',
        parameters: () => ({}),
        expectedCalls: ({ userId }) => [{ method: 'DELETE', path: `/api/users/${userId}` }],
        userRemains: false,
      },
      {
        name: 'permanent',
        parameters: () => ({ permanent: true }),
        expectedCalls: ({ userId }) => [{ method: 'DELETE', path: `/api/users/${userId}` }],
        userRemains: false,
      },
      {
        name: 'remove_from=group',
        parameters: ({ groupId }) => ({ remove_from: 'group', remove_from_id: groupId }),
        expectedCalls: ({ userId, groupId }) => [
          { method: 'DELETE', path: `/api/groups/${groupId}/members/${userId}` },
        ],
        userRemains: true,
      },
    ],
    refusedDeleteParameters: [
      { remove_from: 'group' },
      { remove_from: 'group', remove_from_id: 'some-group', permanent: true },
      { remove_from: 'organization', remove_from_id: 'some-org' },
      { workspace_id: 'some-workspace' },
    ],
  };
}
