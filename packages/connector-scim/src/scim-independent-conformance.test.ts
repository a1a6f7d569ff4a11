import { runConnectorConformance } from '@unidir/testkit/conformance';
import {
  scimDeleteScenarios,
  scimMembershipCalls,
  scimRefusedDeleteParameters,
} from './scim-conformance-scenarios.js';
import { createScimConnector } from './scim-connector.js';
import { type IndependentScimServer, startIndependentScimServer } from './scim-independent-server.js';

const token = 'independent-scim-token.Hq2wB9nK4xV7pL1s';
let running: IndependentScimServer | undefined;
const emailOf = (userId: string) => running?.store.userById(userId)?.emails?.[0]?.value ?? '';

/** The generic connector against scimmy (a third-party SCIM 2.0 implementation), behind a recording proxy. */
runConnectorConformance({
  connector: createScimConnector({ retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
  fixture: {
    async start({ users }) {
      running = await startIndependentScimServer({ users, token });
      return {
        account: { credentials: running.credentials, settings: running.settings },
        server: running.server,
        directory: running.store.directory,
        close: running.close,
      };
    },
  },
  deleteScenarios: scimDeleteScenarios({}, '/scim/v2', emailOf),
  membershipCalls: scimMembershipCalls('/scim/v2'),
  createGroupBody: { name: 'Conformance Group' },
  refusedDeleteParameters: scimRefusedDeleteParameters({}),
  createUserBody: {
    first_name: 'Grace',
    last_name: 'Hopper',
    username: 'grace.hopper',
    emails: [{ email: 'grace.hopper@unidir.test', is_primary: true }],
  },
  updateUserBody: { title: 'Rear Admiral', first_name: 'Amazing' },
  routes: { listUsers: 'users.list', getUser: 'users.get', deleteUser: 'users.delete' },
  secrets: [token],
  ignoredRoutes: ['service-provider-config'],
});
