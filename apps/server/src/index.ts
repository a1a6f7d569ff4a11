export type { AccountView } from './accounts/account-service.js';
export type { AllowedProviderHost } from './config/allowed-provider-hosts.js';
export { defaultConnectorPackages, loadServerConfig, type ServerConfig } from './config/server-config.js';
export type { ErrorBody } from './http/error-response.js';
export { createOpenApiDocument } from './openapi/openapi-document.js';
export { createEgressAgent, type EgressAgentOptions, type LookupFunction } from './security/egress-agent.js';
export { type CreateServerOptions, createServer, type UnidirServer } from './server.js';
export type { Store } from './storage/store.js';
export { VERSION } from './version.js';
