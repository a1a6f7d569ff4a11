import { runConnectorConformance } from '@unidir/testkit/conformance';
import { oktaConformanceOptions } from './okta-conformance-options.js';
import { startOktaFake } from './testing/okta-fake.js';

const apiToken = '00conformance-SSWS-token-Zq8vB3nK1xW7pL0s';

/** The whole suite with an API token; okta-conformance-service-app.test.ts runs it with a service app. */
runConnectorConformance({
  ...oktaConformanceOptions,
  fixture: {
    async start({ users }) {
      const fake = await startOktaFake({ users, apiToken });
      return {
        account: { credentials: fake.credentials, settings: fake.settings },
        server: fake.server,
        directory: fake.directory,
        close: fake.close,
      };
    },
  },
  secrets: [apiToken],
});
