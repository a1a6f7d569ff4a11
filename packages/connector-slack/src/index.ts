import { createSlackConnector } from './slack-connector.js';

export { createSlackClient, type SlackClient, type SlackClientOptions } from './slack-client.js';
export { createSlackConnector, type SlackConnector, type SlackConnectorOptions } from './slack-connector.js';
export { parseSlackHttpError, slackPlatformError } from './slack-error.js';
export { slackManifest } from './slack-manifest.js';
export { mapSlackTeam, mapSlackUser, mapSlackUserGroup } from './slack-mapping.js';
export { slackRoles } from './slack-roles.js';
export {
  type SlackCredentials,
  type SlackParsedSettings,
  type SlackSettings,
  slackCredentialsSchema,
  slackProviderHosts,
  slackSettingsSchema,
} from './slack-settings.js';
export type { ScimUser, SlackTeam, SlackUser, SlackUserGroup } from './slack-types.js';

export const VERSION = '0.1.0';

/** The connector with default options, as hosts load it by package name. */
export const connector = createSlackConnector();
export default connector;
