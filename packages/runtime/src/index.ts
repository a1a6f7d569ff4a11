export { canonicalJson } from './canonical-json.js';
export { ConnectorLoadError } from './connector-load-error.js';
export { ConnectorRegistry } from './connector-registry.js';
export { findConnectorProblems } from './connector-validation.js';
export { isBarePackageName, loadConnectorPackages } from './load-connector-packages.js';
export { type OutputValidation, outputValidationModes } from './output-validation.js';
export { parseUnifiedQuery, unifiedQueryLimits } from './parse-unified-query.js';
export type { RawMethod, RawRequest } from './raw-resources.js';
export type { StreamEncoding } from './record-stream.js';
export { recordHasEmail } from './resolve-user-by-email.js';
export { type ResponseFormat, responseFormats } from './response-options.js';
export type {
  IntegratedAccountRecord,
  UnifiedRequest,
  UnifiedResponse,
  UnifiedRuntime,
} from './unified-request.js';
export { createUnifiedRuntime, type UnifiedRuntimeOptions } from './unified-runtime.js';
