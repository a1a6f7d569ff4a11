import { createGoogleWorkspaceConnector } from './google-workspace-connector.js';

export { mapGoogleActivity } from './google-workspace-activities.js';
export {
  type GoogleApi,
  type GoogleWorkspaceClient,
  type GoogleWorkspaceRequest,
  type GoogleWorkspaceScopeSet,
  googleWorkspaceScopeSets,
  googleWorkspaceScopes,
} from './google-workspace-client.js';
export {
  createGoogleWorkspaceConnector,
  type GoogleWorkspaceConnector,
  type GoogleWorkspaceConnectorOptions,
} from './google-workspace-connector.js';
export { isGoogleRateLimited, parseGoogleError } from './google-workspace-error.js';
export { toGoogleGroupBody } from './google-workspace-group-body.js';
export { googleWorkspaceManifest } from './google-workspace-manifest.js';
export { mapGoogleGroup, mapGoogleUser, toGoogleUserBody } from './google-workspace-mapping.js';
export { mapGoogleCustomer } from './google-workspace-organizations.js';
export { mapGoogleRole, mapGoogleRoleAssignment } from './google-workspace-roles.js';
export {
  type GoogleWorkspaceCredentials,
  type GoogleWorkspaceOAuthCredentials,
  type GoogleWorkspaceServiceAccountCredentials,
  type GoogleWorkspaceSettings,
  googleWorkspaceCredentialsSchema,
  googleWorkspaceSettingsSchema,
} from './google-workspace-settings.js';
export type {
  GoogleActivity,
  GoogleCustomer,
  GoogleGroup,
  GoogleLicenseAssignment,
  GoogleMember,
  GoogleRole,
  GoogleRoleAssignment,
  GoogleUser,
} from './google-workspace-types.js';

export const VERSION = '0.1.0';

export const connector = createGoogleWorkspaceConnector();
export default connector;
