import { offboardingTables } from '../offboarding/offboarding-schema.js';
import { changeChannel } from './postgres-change-watcher.js';
import type { Migration } from './sql-driver.js';

const sharedTables = [
  `CREATE TABLE IF NOT EXISTS tenants (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS api_tokens (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    name TEXT,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS integrated_accounts (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    integration TEXT NOT NULL,
    label TEXT,
    sandbox INTEGER NOT NULL DEFAULT 0,
    sandbox_users INTEGER,
    status TEXT NOT NULL DEFAULT 'active',
    status_reason TEXT,
    credentials_encrypted TEXT,
    settings TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS integrated_accounts_tenant ON integrated_accounts (tenant_id, created_at, id)',
  `CREATE TABLE IF NOT EXISTS token_cache (
    account_id TEXT NOT NULL REFERENCES integrated_accounts(id) ON DELETE CASCADE,
    cache_key TEXT NOT NULL,
    token_encrypted TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, cache_key)
  )`,
  `CREATE TABLE IF NOT EXISTS idempotency_keys (
    tenant_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    response TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, account_id, idempotency_key)
  )`,
  'CREATE INDEX IF NOT EXISTS idempotency_keys_expiry ON idempotency_keys (expires_at)',
  `CREATE TABLE IF NOT EXISTS locks (
    lock_key TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    expires_at BIGINT NOT NULL
  )`,
];

const auditColumns = `tenant_id TEXT NOT NULL,
    account_id TEXT,
    operation TEXT NOT NULL,
    target_id TEXT,
    options TEXT NOT NULL,
    outcome TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    error_code TEXT,
    provider_request_ids TEXT NOT NULL,
    request_id TEXT NOT NULL,
    created_at TEXT NOT NULL`;

/** Existing tokens keep every right they had (`admin`). */
const apiTokenLifecycleColumns = [
  "ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'admin'",
  'ALTER TABLE api_tokens ADD COLUMN expires_at TEXT',
  'ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT',
  'ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT',
  'ALTER TABLE api_tokens ADD COLUMN prefix TEXT',
];

/**
 * Every committed change to a cached row notifies the other server processes (on PostgreSQL), whoever made
 * it: a server, the CLI, an operator's SQL. `last_used_at` writes are not changes a cache cares about.
 */
const changeNotifications = [
  `CREATE OR REPLACE FUNCTION unidir_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('${changeChannel}', TG_TABLE_NAME || ':' || CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
    RETURN NULL;
  END
  $$`,
  `CREATE TRIGGER integrated_accounts_changed AFTER UPDATE OR DELETE ON integrated_accounts
    FOR EACH ROW EXECUTE FUNCTION unidir_notify_change()`,
  `CREATE TRIGGER api_tokens_changed AFTER UPDATE OF tenant_id, token_hash, scope, expires_at, revoked_at OR DELETE
    ON api_tokens FOR EACH ROW EXECUTE FUNCTION unidir_notify_change()`,
];

/** Versioned and append-only: a released migration is never edited, a change is a new version. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sqlite: [
      ...sharedTables,
      `CREATE TABLE IF NOT EXISTS audit_log (sequence INTEGER PRIMARY KEY AUTOINCREMENT, ${auditColumns})`,
      'CREATE INDEX IF NOT EXISTS audit_log_tenant ON audit_log (tenant_id, sequence)',
    ],
    postgres: [
      ...sharedTables,
      `CREATE TABLE IF NOT EXISTS audit_log (sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ${auditColumns})`,
      'CREATE INDEX IF NOT EXISTS audit_log_tenant ON audit_log (tenant_id, sequence)',
    ],
  },
  {
    version: 2,
    name: 'api token scope, expiry, last use and revocation',
    sqlite: apiTokenLifecycleColumns,
    postgres: apiTokenLifecycleColumns,
  },
  {
    version: 3,
    name: 'offboarding runs and steps',
    sqlite: offboardingTables,
    postgres: offboardingTables,
  },
  {
    version: 4,
    name: 'change notifications for cached accounts and API tokens',
    // One process owns a SQLite file; it tells its own caches (see sqlite-change-watcher.ts).
    sqlite: [],
    postgres: changeNotifications,
  },
];
