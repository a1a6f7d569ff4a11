import type { UnifiedRuntime } from '@unidir/runtime';
import type { Logger } from 'pino';
import type { AccountService, ConnectorCatalog } from './accounts/account-service.js';
import type { SandboxManager } from './accounts/sandbox-manager.js';
import type { SecretRegistry } from './security/secret-registry.js';
import type { Store } from './storage/store.js';

/** What route handlers share: built once by createServer. */
export interface ServerContext {
  store: Store;
  accounts: AccountService;
  registry: ConnectorCatalog;
  sandboxes: SandboxManager;
  secrets: SecretRegistry;
  /** Keys idempotency request hashes (derived from the encryption key). */
  requestHashKey: Buffer;
  /** Serves accounts with real providers, through the egress-guarded agent. */
  runtime: UnifiedRuntime;
  /** Serves sandbox accounts: may reach only the loopback fakes of running sandboxes. */
  sandboxRuntime: UnifiedRuntime;
  logger: Logger;
  version: string;
}
