import { runConnectorConformance } from '@unidir/testkit/conformance';
import {
  scimDeleteScenarios,
  scimMembershipCalls,
  scimRefusedDeleteParameters,
} from './scim-conformance-scenarios.js';
import { createScimConnector } from './scim-connector.js';
import { type ScimPreset, scimPresets } from './scim-presets.js';
import { type ScimFake, startScimFake } from './testing/scim-fake.js';

const token = 'conformance-scim-token.Zq8vB3nK1xW7pL0s';
const createUserBody = {
  first_name: 'Grace',
  last_name: 'Hopper',
  username: 'grace.hopper',
  emails: [{ email: 'grace.hopper@unidir.test', is_primary: true }],
};

/** The generic connector, and every preset against the fake with that preset's quirks switched on. */
for (const preset of [undefined, ...scimPresets] as Array<ScimPreset | undefined>) {
  const quirks = preset?.quirks ?? {};
  let fake: ScimFake | undefined;
  const emailOf = (userId: string) => fake?.store.userById(userId)?.emails?.[0]?.value ?? '';
  runConnectorConformance({
    connector: createScimConnector({ preset, retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
    fixture: {
      async start({ users }) {
        fake = await startScimFake({ users, token, quirks });
        return {
          account: { credentials: fake.credentials, settings: fake.settings },
          server: fake.server,
          directory: fake.directory,
          close: fake.close,
        };
      },
    },
    deleteScenarios: scimDeleteScenarios(quirks, '/scim/v2', emailOf),
    membershipCalls: scimMembershipCalls('/scim/v2'),
    createGroupBody: { name: 'Conformance Group' },
    refusedDeleteParameters: scimRefusedDeleteParameters(quirks),
    createUserBody,
    updateUserBody: { title: 'Rear Admiral', first_name: 'Amazing' },
    routes: { listUsers: 'users.list', getUser: 'users.get', deleteUser: 'users.delete' },
    secrets: [token],
    ignoredRoutes: ['service-provider-config'],
  });
}

/** A provider that advertises no PATCH: deactivations become a read and a PUT of the whole user. */
let putOnly: ScimFake | undefined;
runConnectorConformance({
  connector: createScimConnector({ retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
  fixture: {
    async start({ users }) {
      putOnly = await startScimFake({ users, token, patchSupported: false });
      return {
        account: { credentials: putOnly.credentials, settings: putOnly.settings },
        server: putOnly.server,
        directory: putOnly.directory,
        close: putOnly.close,
      };
    },
  },
  deleteScenarios: scimDeleteScenarios(
    {},
    '/scim/v2',
    (userId) => putOnly?.store.userById(userId)?.emails?.[0]?.value ?? '',
    { patch: false },
  ),
  membershipCalls: scimMembershipCalls('/scim/v2', { patch: false }),
  refusedDeleteParameters: scimRefusedDeleteParameters({}),
  createUserBody,
  updateUserBody: { title: 'Rear Admiral', first_name: 'Amazing' },
  routes: { listUsers: 'users.list', getUser: 'users.get', deleteUser: 'users.delete' },
  secrets: [token],
  ignoredRoutes: ['service-provider-config'],
});
