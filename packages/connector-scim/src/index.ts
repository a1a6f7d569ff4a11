import { createScimConnector, type ScimConnector } from './scim-connector.js';
import { scimPresets } from './scim-presets.js';

export { type ScimClient, type ScimClientOptions, createScimClient } from './scim-client.js';
export { type ScimConnector, type ScimConnectorOptions, createScimConnector } from './scim-connector.js';
export { planDelete, type ScimDeleteUserParameters } from './scim-delete.js';
export { type ScimCapabilities, type ScimServiceProviderConfig, capabilitiesOf } from './scim-discovery.js';
export { parseScimError } from './scim-error.js';
export { scimManifest } from './scim-manifest.js';
export { mapScimGroup, mapScimUser } from './scim-mapping.js';
export {
  type ScimAuthKind,
  type ScimFilterAttribute,
  type ScimPatchOperationCasing,
  type ScimPreset,
  type ScimQuirks,
  findScimPreset,
  scimPresets,
} from './scim-presets.js';
export { type ScimGroup, type ScimUser, scimSchemas } from './scim-resources.js';
export {
  type ScimCredentials,
  type ScimParsedSettings,
  expandBaseUrlTemplate,
  scimCredentialsSchema,
  scimSettingsSchema,
} from './scim-settings.js';

export const VERSION = '0.1.0';

/** The generic SCIM 2.0 connector (`scim`), as hosts load it by package name. */
export const connector: ScimConnector = createScimConnector();

/** Every integration this package offers: the generic connector, then one per preset (`figma-scim`, ...). */
export const connectors: readonly ScimConnector[] = [
  connector,
  ...scimPresets.map((preset) => createScimConnector({ preset })),
];

export default connector;
