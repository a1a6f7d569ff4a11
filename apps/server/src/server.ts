import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { setCursorSigningKey } from '@unidir/connector-utils';
import type { AnyUserDirectoryConnectorV1, StartConnectorSandbox } from '@unidir/core';
import { ValidationError } from '@unidir/core';
import { createUnifiedRuntime, type IntegratedAccountRecord } from '@unidir/runtime';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import { AccountService, type ServerAccountRecord } from './accounts/account-service.js';
import { createDatabaseCredentialStore } from './accounts/database-credential-store.js';
import { SandboxManager } from './accounts/sandbox-manager.js';
import { loadServerConfig, type ServerConfig } from './config/server-config.js';
import { type ImportModule, loadConnectors } from './connectors/load-connectors.js';
import { accountScopeOf, registerAccountScope } from './http/account-scope.js';
import { registerAuthentication } from './http/authenticate.js';
import { closeWithinDeadline, fastifyTimeoutOptions } from './http/connection-limits.js';
import { renderError } from './http/error-response.js';
import { answerClientError, answerFrameworkError } from './http/framework-errors.js';
import { RouteNotFoundError } from './http/http-errors.js';
import { registerInputGuards } from './http/input-guards.js';
import { registerJsonBodyParser } from './http/json-body-parser.js';
import { RequestLogController } from './http/request-logging.js';
import { createLogger } from './logging/create-logger.js';
import { registerAccountRoutes } from './routes/account-routes.js';
import { registerApiTokenRoutes } from './routes/api-token-routes.js';
import { registerAuditLogRoutes } from './routes/audit-log-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerIntegrationRoutes } from './routes/integration-routes.js';
import { registerOffboardingRoutes } from './routes/offboarding-routes.js';
import { registerOpenApiRoutes } from './routes/openapi-routes.js';
import { registerUnifiedRoutes } from './routes/unified-routes.js';
import { hashApiToken, minimumApiTokenLength, readBearerToken } from './security/api-tokens.js';
import { createEgressAgent, type LookupFunction } from './security/egress-agent.js';
import {
  accountCursorKey,
  createEncryptor,
  cursorSigningKey,
  requestHashKey,
} from './security/encryption.js';
import { resolveEncryptionKey } from './security/encryption-key.js';
import { assertKeyringOpensStoredCredentials } from './security/key-rotation.js';
import { SecretRegistry } from './security/secret-registry.js';
import type { ServerContext } from './server-context.js';
import { openStore } from './storage/open-store.js';
import type { Store } from './storage/store.js';
import { registerProxyRoutes } from './truto/proxy-routes.js';
import { registerTrutoRoutes } from './truto/truto-routes.js';
import { rewriteTrutoUrl } from './truto/truto-url.js';
import { VERSION } from './version.js';

export interface CreateServerOptions {
  /** Overrides of the configuration; the rest comes from the defaults (not from the environment). */
  config?: Partial<ServerConfig>;
  /** Serve these connectors instead of importing `config.connectorPackages`. */
  connectors?: readonly AnyUserDirectoryConnectorV1[];
  /** Sandbox starters by integration id, for connectors given directly. */
  sandboxes?: Readonly<Record<string, StartConnectorSandbox>>;
  /** Where log lines go (default stdout); already scrubbed of secrets when they arrive. */
  logDestination?: DestinationStream;
  /** DNS resolution for provider calls (tests). */
  lookup?: LookupFunction;
  importModule?: ImportModule;
}

export interface UnidirServer {
  app: FastifyInstance;
  config: ServerConfig;
  store: Store;
  logger: Logger;
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, lets in-flight requests finish, then closes sandboxes and the database. */
  close(): Promise<void>;
}

/**
 * Keeps exactly one bootstrap token: the variable's current value. A previous value (the variable changed
 * or was removed) is revoked; a value that could not authenticate stops the start.
 */
async function reconcileBootstrapToken(store: Store, token: string | undefined): Promise<void> {
  const now = new Date().toISOString();
  if (token === undefined) {
    await store.revokeBootstrapTokens(undefined, now);
    return;
  }
  if (token.length < minimumApiTokenLength || readBearerToken(`Bearer ${token}`) !== token) {
    throw new ValidationError({
      code: 'invalid_configuration',
      message: `UNIDIR_BOOTSTRAP_TOKEN must be at least ${minimumApiTokenLength} characters without spaces (e.g. \`unidir_$(openssl rand -hex 24)\`).`,
      details: { variable: 'UNIDIR_BOOTSTRAP_TOKEN' },
    });
  }
  const tokenHash = hashApiToken(token);
  await store.createApiToken({
    id: `bootstrap-${tokenHash.slice(0, 12)}`,
    tenantId: 'default',
    name: 'UNIDIR_BOOTSTRAP_TOKEN',
    tokenHash,
    createdAt: now,
    prefix: token.slice(0, 12),
  });
  await store.revokeBootstrapTokens(tokenHash, now);
}

export async function createServer(options: CreateServerOptions = {}): Promise<UnidirServer> {
  const config: ServerConfig = { ...loadServerConfig({}), ...options.config };
  const secrets = new SecretRegistry();
  const logger = createLogger({
    level: config.logLevel,
    secrets,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const encryptionKey = await resolveEncryptionKey({
    configuredKey: config.encryptionKey,
    usesPostgres: config.databaseUrl !== undefined,
    dataDirectory: config.dataDirectory,
  });
  setCursorSigningKey(cursorSigningKey(encryptionKey.key));
  if (encryptionKey.generatedKeyPath) {
    logger.info(
      { path: encryptionKey.generatedKeyPath, generated: encryptionKey.generated },
      encryptionKey.generated
        ? 'generated the credentials encryption key; back this file up: without it stored credentials cannot be read'
        : 'using the credentials encryption key file',
    );
  }
  const loaded = await loadConnectors({
    ...(options.connectors ? { connectors: options.connectors } : {}),
    packageNames: config.connectorPackages,
    ...(options.sandboxes ? { sandboxes: options.sandboxes } : {}),
    ...(options.importModule ? { importModule: options.importModule } : {}),
    onSandboxImportError: ({ integration, packageName, error }) =>
      logger.error({ err: error, integration, package: packageName }, 'a connector sandbox failed to import'),
  });
  const store = openStore({
    dataDirectory: config.dataDirectory,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  });
  await store.migrate();
  const encryptor = createEncryptor(encryptionKey.key, config.previousEncryptionKeys);
  try {
    await assertKeyringOpensStoredCredentials(store, encryptor);
  } catch (error) {
    await store.close();
    // A key generated just now is not the one the rows need: leave no file that would hide that next time.
    if (encryptionKey.generated && encryptionKey.generatedKeyPath) await rm(encryptionKey.generatedKeyPath);
    throw error;
  }
  await reconcileBootstrapToken(store, config.bootstrapToken);

  const sandboxes = new SandboxManager(loaded.findSandboxStarter, loaded.sandboxProblem);
  const egressAgent = createEgressAgent({
    allowedHosts: () => config.allowedProviderHosts,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  const sandboxAgent = createEgressAgent({
    allowedHosts: () => sandboxes.allowedDestinations(),
    onlyAllowedHosts: true,
  });
  const runtimeLogger = logger.child({ component: 'runtime' });
  const cursorBindingKey = accountCursorKey(encryptionKey.key);
  const redactSecrets = (account: IntegratedAccountRecord, value: unknown) =>
    secrets.redact(value, { tenantId: (account as ServerAccountRecord).tenantId, accountId: account.id });
  const accountSecrets = (account: IntegratedAccountRecord) =>
    secrets.secretsOf(account.id, (account as ServerAccountRecord).tenantId);
  const context: ServerContext = {
    store,
    registry: loaded.registry,
    sandboxes,
    secrets,
    requestHashKey: requestHashKey(encryptionKey.key),
    logger,
    version: VERSION,
    accounts: new AccountService({
      store,
      encryptor,
      registry: loaded.registry,
      sandboxes,
      secrets,
      allowedHosts: config.allowedProviderHosts,
      sandboxPolicy: config.sandbox,
    }),
    runtime: createUnifiedRuntime({
      registry: loaded.registry,
      logger: runtimeLogger,
      dispatcher: egressAgent,
      outputValidation: config.outputValidation,
      redactSecrets,
      accountSecrets,
      cursorBindingKey,
      credentialStoreFor: (account) =>
        createDatabaseCredentialStore({
          store,
          encryptor,
          secrets,
          tenantId: (account as ServerAccountRecord).tenantId,
          accountId: account.id,
        }),
    }),
    sandboxRuntime: createUnifiedRuntime({
      registry: loaded.registry,
      logger: runtimeLogger,
      dispatcher: sandboxAgent,
      outputValidation: config.outputValidation,
      cursorBindingKey,
    }),
  };

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    logController: new RequestLogController(),
    bodyLimit: 1024 * 1024,
    ...fastifyTimeoutOptions(config.limits),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // The longest real ids (a 256-character UPN or email, percent-encoded) fit.
    routerOptions: { maxParamLength: 1024 },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    rewriteUrl: (request) => rewriteTrutoUrl(request.url ?? '/'),
  });
  app.server.maxConnections = config.limits.maxConnections;
  registerInputGuards(app);
  registerJsonBodyParser(app);
  let shuttingDown = false;
  // The callback form: an async hook costs a promise per response for two header writes.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    // A keep-alive connection would hold close() open after its last in-flight request finished.
    if (shuttingDown) reply.header('connection', 'close');
    done(null, payload);
  });
  app.setErrorHandler((error, request, reply) => {
    const rendered = renderError(error, request.id);
    if (rendered.unexpected) request.log.error({ err: error }, 'unexpected error');
    return reply
      .code(rendered.statusCode)
      .headers(rendered.headers)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(secrets.redact(rendered.body, accountScopeOf(request))));
  });
  app.setNotFoundHandler((request) => {
    throw new RouteNotFoundError(request.method, request.url.split('?')[0] ?? '');
  });
  registerAuthentication(app, store);
  registerAccountScope(app);
  registerHealthRoutes(app, context);
  registerOpenApiRoutes(app, context);
  registerIntegrationRoutes(app, context);
  registerAccountRoutes(app, context);
  registerAuditLogRoutes(app, context);
  registerApiTokenRoutes(app, context);
  registerUnifiedRoutes(app, context);
  registerOffboardingRoutes(app, context);
  registerTrutoRoutes(app, context);
  registerProxyRoutes(app, context);

  let closing: Promise<void> | undefined;
  return {
    app,
    config,
    store,
    logger,
    async listen() {
      return app.listen({ port: config.port, host: config.host });
    },
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        await closeWithinDeadline(app, config.limits.shutdownTimeoutMs);
        // Agents first: their keep-alive sockets would otherwise hold the sandbox fakes open.
        await Promise.all([egressAgent.destroy(), sandboxAgent.destroy()]);
        await sandboxes.closeAll();
        await store.close();
      })();
      return closing;
    },
  };
}
