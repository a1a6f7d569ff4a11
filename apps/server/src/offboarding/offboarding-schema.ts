/**
 * Offboarding runs and their steps (one per account). The same statements serve SQLite and PostgreSQL.
 * A step's lease (`lease_owner`, `lease_expires_at`) is the work queue: a process works on a step only
 * while it holds an unexpired lease, so a step left by a dead process is taken over once its lease expires.
 */
export const offboardingTables: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS offboarding_runs (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    status TEXT NOT NULL,
    person TEXT NOT NULL,
    action TEXT,
    options TEXT NOT NULL,
    dry_run INTEGER NOT NULL,
    reason TEXT,
    requested_by TEXT NOT NULL,
    request_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT
  )`,
  'CREATE INDEX IF NOT EXISTS offboarding_runs_tenant ON offboarding_runs (tenant_id, created_at, id)',
  `CREATE TABLE IF NOT EXISTS offboarding_steps (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES offboarding_runs(id) ON DELETE CASCADE,
    tenant_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    account_id TEXT NOT NULL,
    integration TEXT NOT NULL,
    status TEXT NOT NULL,
    user_id TEXT,
    candidates TEXT,
    requested_action TEXT,
    delete_options TEXT NOT NULL,
    plan TEXT,
    result TEXT,
    error TEXT,
    reason TEXT,
    provider_request_ids TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    retries INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_expires_at BIGINT NOT NULL DEFAULT 0,
    sent_at TEXT,
    sent_by TEXT,
    updated_at TEXT NOT NULL,
    finished_at TEXT
  )`,
  'CREATE INDEX IF NOT EXISTS offboarding_steps_run ON offboarding_steps (run_id, position)',
  'CREATE INDEX IF NOT EXISTS offboarding_steps_queue ON offboarding_steps (status, lease_expires_at)',
];
