import { createGoogleWorkspaceConnector } from './google-workspace-connector.js';

export { type GoogleWorkspaceClient, googleWorkspaceScopes } from './google-workspace-client.js';
export {
  createGoogleWorkspaceConnector,
  type GoogleWorkspaceConnector,
  type GoogleWorkspaceConnectorOptions,
} from './google-workspace-connector.js';
export { isGoogleRateLimited, parseGoogleError } from './google-workspace-error.js';
export { googleWorkspaceManifest } from './google-workspace-manifest.js';
export { mapGoogleGroup, mapGoogleUser, toGoogleUserBody } from './google-workspace-mapping.js';
export {
  type GoogleWorkspaceCredentials,
  type GoogleWorkspaceOAuthCredentials,
  type GoogleWorkspaceServiceAccountCredentials,
  type GoogleWorkspaceSettings,
  googleWorkspaceCredentialsSchema,
  googleWorkspaceSettingsSchema,
} from './google-workspace-settings.js';
export type { GoogleGroup, GoogleMember, GoogleUser } from './google-workspace-types.js';

export const VERSION = '0.1.0';

export const connector = createGoogleWorkspaceConnector();
export default connector;
