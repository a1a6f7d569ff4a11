import type { SqlDriver } from './sql-driver.js';
import type { StoreChanges } from './store-changes.js';

/** The state of an integrated account: `needs_reauth` after the provider revoked its grant. */
export type AccountStatus = 'active' | 'needs_reauth';

export interface AccountRow {
  id: string;
  tenantId: string;
  integration: string;
  label: string | null;
  sandbox: boolean;
  /** How many seeded users a sandbox account's fake holds. */
  sandboxUsers: number | null;
  status: AccountStatus;
  statusReason: string | null;
  /** An encryption envelope; null for sandbox accounts, whose credentials live with their fake. */
  credentialsEncrypted: string | null;
  settings: Record<string, unknown>;
  /** Bumped whenever credentials or settings change, so cached provider clients are rebuilt. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type AccountChanges = Partial<
  Pick<
    AccountRow,
    'label' | 'status' | 'statusReason' | 'credentialsEncrypted' | 'settings' | 'version' | 'updatedAt'
  >
>;

export type ApiTokenScope = 'read' | 'write' | 'admin';

export interface ApiTokenRow {
  id: string;
  tenantId: string;
  tokenHash: string;
  scope: ApiTokenScope;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** What listing shows of a token: never its hash. */
export interface ApiTokenSummary {
  id: string;
  name: string | null;
  prefix: string | null;
  scope: ApiTokenScope;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export interface NewApiToken {
  id: string;
  tenantId: string;
  tokenHash: string;
  name: string | null;
  createdAt: string;
  scope?: ApiTokenScope;
  expiresAt?: string | null;
  prefix?: string | null;
}

/** Idempotency keys are scoped to a tenant and an account (empty for calls not about one). */
export interface IdempotencyScope {
  tenantId: string;
  accountId: string;
  key: string;
}

export interface StoredResponse {
  statusCode: number;
  body: string;
  contentType: string;
  headers: Record<string, string>;
}

export interface IdempotencyRecord {
  requestHash: string;
  /** `outcome_unknown`: the call was sent and its answer lost; a retry runs it again knowing that. */
  state: 'in_flight' | 'completed' | 'outcome_unknown';
  response?: StoredResponse;
  createdAt: number;
}

export type IdempotencyClaim =
  /**
   * `earlierAttemptMayHaveActed`: this key's earlier attempt was sent and its outcome is unknown (its answer
   * was lost, or its process died mid-call), so the provider may already have done what is asked.
   */
  { claimed: true; earlierAttemptMayHaveActed: boolean } | { claimed: false; record: IdempotencyRecord };

export interface AuditEntry {
  tenantId: string;
  accountId: string | null;
  /** `users.delete`, `integrated_accounts.create`, ... */
  operation: string;
  targetId: string | null;
  options: Record<string, unknown>;
  /** `succeeded`, `failed`, `dry_run` or `replayed`. */
  outcome: string;
  statusCode: number;
  errorCode: string | null;
  providerRequestIds: string[];
  requestId: string;
  createdAt: string;
}

export interface AuditRecord extends AuditEntry {
  sequence: number;
}

/** Everything the server persists; one implementation per database, the same behaviour in each. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** For features that keep their own tables (offboarding) with the same connections. */
  readonly driver: SqlDriver;
  /** Changes to accounts and API tokens, by this process (told at once) and by any other (see the drivers). */
  readonly changes: StoreChanges;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;

  createApiToken(token: NewApiToken): Promise<void>;
  findApiToken(tokenHash: string): Promise<ApiTokenRow | undefined>;
  /** The tenant's tokens that are not revoked, newest first. */
  listApiTokens(tenantId: string): Promise<ApiTokenSummary[]>;
  revokeApiToken(tenantId: string, id: string, at: string): Promise<boolean>;
  /** Revokes the bootstrap tokens (ids `bootstrap-...`) except the one with `keepTokenHash`. */
  revokeBootstrapTokens(keepTokenHash: string | undefined, at: string): Promise<number>;
  recordApiTokenUse(id: string, at: string): Promise<void>;

  insertAccount(account: AccountRow): Promise<void>;
  /** Always scoped by tenant: another tenant's account is indistinguishable from a missing one. */
  findAccount(tenantId: string, id: string): Promise<AccountRow | undefined>;
  listAccounts(
    tenantId: string,
    page: { limit: number; after?: { createdAt: string; id: string } },
  ): Promise<AccountRow[]>;
  updateAccount(tenantId: string, id: string, changes: AccountChanges): Promise<AccountRow | undefined>;
  deleteAccount(tenantId: string, id: string): Promise<boolean>;
  countSandboxAccounts(tenantId: string): Promise<number>;

  loadToken(
    accountId: string,
    cacheKey: string,
  ): Promise<{ encrypted: string; expiresAt: number } | undefined>;
  saveToken(accountId: string, cacheKey: string, encrypted: string, expiresAt: number): Promise<void>;
  /** Forgets the account's cached tokens (its credentials changed: tokens of the old ones must not be used). */
  deleteTokens(accountId: string): Promise<void>;
  /** Forgets every cached token not encrypted with `keyId` (tokens are obtained again; used by key rotation). */
  deleteTokensNotEncryptedWith(keyId: string): Promise<number>;

  /** Every tenant's stored credentials, by account id, for the key check at start and key rotation. */
  listEncryptedCredentials(page: {
    limit: number;
    afterId?: string;
  }): Promise<Array<{ tenantId: string; id: string; credentialsEncrypted: string }>>;
  /** Replaces the credentials ciphertext only if it is still `expected` (another process may have changed it). */
  replaceEncryptedCredentials(
    tenantId: string,
    id: string,
    expected: string,
    replacement: string,
  ): Promise<boolean>;

  /** Runs `task` while holding a lock on `key` that every process sharing the database respects. */
  withLock<T>(key: string, task: () => Promise<T>): Promise<T>;

  claimIdempotencyKey(
    scope: IdempotencyScope,
    requestHash: string,
    timing: { now: number; expiresAt: number; staleInFlightBefore: number },
  ): Promise<IdempotencyClaim>;
  completeIdempotencyKey(scope: IdempotencyScope, response: StoredResponse): Promise<void>;
  /** Nothing was done (a throttle): the key is free again, as if never used, unless an earlier attempt's outcome is unknown. */
  releaseIdempotencyKey(scope: IdempotencyScope, earlierAttemptMayHaveActed: boolean): Promise<void>;
  /** The call was sent and nobody knows its outcome: a retry with the key runs it again, told so. */
  recordUnknownOutcome(scope: IdempotencyScope): Promise<void>;

  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(
    tenantId: string,
    page: { limit: number; beforeSequence?: number; accountId?: string },
  ): Promise<AuditRecord[]>;
}
