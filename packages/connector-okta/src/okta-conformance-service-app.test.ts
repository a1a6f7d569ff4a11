import { runConnectorConformance } from '@unidir/testkit/conformance';
import { oktaConformanceOptions } from './okta-conformance-options.js';
import { startOktaFake } from './testing/okta-fake.js';

/**
 * The whole suite again with an OAuth 2.0 service app: every call goes through the token endpoint's
 * private_key_jwt grant, and the private key must never leak either.
 */
runConnectorConformance({
  ...oktaConformanceOptions,
  fixture: {
    async start({ users }) {
      const fake = await startOktaFake({ users, auth: 'private_key_jwt' });
      return {
        account: { credentials: fake.credentials, settings: fake.settings },
        server: fake.server,
        directory: fake.directory,
        secrets: [fake.serviceApp.privateKeyPem],
        close: fake.close,
      };
    },
  },
  secrets: [],
});
