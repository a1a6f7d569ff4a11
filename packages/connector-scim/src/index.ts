import { createScimConnector, type ScimConnector } from './scim-connector.js';
import { scimPresets } from './scim-presets.js';

export { createScimClient, type ScimClient, type ScimClientOptions } from './scim-client.js';
export { createScimConnector, type ScimConnector, type ScimConnectorOptions } from './scim-connector.js';
export { planDelete, type ScimDeleteUserParameters } from './scim-delete.js';
export { capabilitiesOf, type ScimCapabilities, type ScimServiceProviderConfig } from './scim-discovery.js';
export { parseScimError } from './scim-error.js';
export { scimManifest } from './scim-manifest.js';
export { mapScimGroup, mapScimUser } from './scim-mapping.js';
export {
  findScimPreset,
  type ScimAuthKind,
  type ScimFilterAttribute,
  type ScimPatchOperationCasing,
  type ScimPreset,
  type ScimQuirks,
  scimPresets,
} from './scim-presets.js';
export { type ScimGroup, type ScimUser, scimSchemas } from './scim-resources.js';
export {
  expandBaseUrlTemplate,
  type ScimCredentials,
  type ScimParsedSettings,
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
