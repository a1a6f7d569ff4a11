import { createOktaConnector } from './okta-connector.js';

export { createOktaClient, type OktaClient, type OktaClientOptions } from './okta-client.js';
export { createOktaConnector, type OktaConnector, type OktaConnectorOptions } from './okta-connector.js';
export { parseOktaError } from './okta-error.js';
export { oktaManifest } from './okta-manifest.js';
export {
  mapOktaGroup,
  mapOktaStatus,
  mapOktaUser,
  type OktaGroup,
  type OktaRoleAssignment,
  type OktaUser,
  type OktaUserProfile,
  type OktaUserStatus,
} from './okta-mapping.js';
export {
  type OktaApiTokenCredentials,
  type OktaCredentials,
  type OktaParsedSettings,
  type OktaPrivateKeyJwtCredentials,
  type OktaSettings,
  oktaCredentialsSchema,
  oktaDefaultScopes,
  oktaProviderHosts,
  oktaSettingsSchema,
  resolveOktaEndpoints,
} from './okta-settings.js';

export const VERSION = '0.1.0';

/** The connector with default options, as hosts load it by package name. */
export const connector = createOktaConnector();
export default connector;
