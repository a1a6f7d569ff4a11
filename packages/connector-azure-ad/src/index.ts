import { createAzureAdConnector } from './azure-ad-connector.js';

export { type AzureAdClient, type AzureAdClientOptions, createAzureAdClient } from './azure-ad-client.js';
export {
  type AzureAdConnector,
  type AzureAdConnectorOptions,
  createAzureAdConnector,
} from './azure-ad-connector.js';
export { parseGraphError } from './azure-ad-error.js';
export { azureAdManifest } from './azure-ad-manifest.js';
export {
  type GraphDirectoryObjectReference,
  type GraphGroup,
  type GraphUser,
  graphUserSelect,
  mapGraphGroup,
  mapGraphUser,
} from './azure-ad-mapping.js';
export {
  type AzureAdCertificateCredentials,
  type AzureAdClientSecretCredentials,
  type AzureAdCloud,
  type AzureAdCredentials,
  type AzureAdDelegatedCredentials,
  type AzureAdParsedSettings,
  type AzureAdSettings,
  azureAdClouds,
  azureAdCredentialsSchema,
  azureAdProviderHosts,
  azureAdSettingsSchema,
  resolveAzureAdEndpoints,
} from './azure-ad-settings.js';

export const VERSION = '0.1.0';

/** The connector with default options, as hosts load it by package name. */
export const connector = createAzureAdConnector();
export default connector;
