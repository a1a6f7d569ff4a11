import { runConnectorConformance } from '@unidir/testkit/conformance';
import { scimDeleteScenarios, scimRefusedDeleteParameters } from './scim-conformance-scenarios.js';
import { createScimConnector } from './scim-connector.js';
import { type ScimPreset, scimPresets } from './scim-presets.js';
import { type ScimFake, startScimFake } from './testing/scim-fake.js';

const token = 'conformance-scim-token.Zq8vB3nK1xW7pL0s';

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
    refusedDeleteParameters: scimRefusedDeleteParameters(quirks),
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
}
