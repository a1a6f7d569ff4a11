import { createExampleRestConnector } from './example-rest-connector.js';

export { createExampleRestConnector, type ExampleRestConnector } from './example-rest-connector.js';
export { exampleRestManifest } from './example-rest-manifest.js';
export { exampleRestCredentialsSchema, exampleRestSettingsSchema } from './example-rest-settings.js';

/** The connector as hosts load it by package name. */
export const connector = createExampleRestConnector();
export default connector;
