import { migrations } from './migrations.js';
import type { SqlDriver, SqlValue } from './sql-driver.js';
import type {
  AccountChanges,
  AccountRow,
  AccountStatus,
  ApiTokenScope,
  AuditRecord,
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyScope,
  Store,
} from './store.js';
import { createStoreChanges } from './store-changes.js';

interface AccountColumns {
  id: string;
  tenant_id: string;
  integration: string;
  label: string | null;
  sandbox: number;
  sandbox_users: number | null;
  status: string;
  status_reason: string | null;
  credentials_encrypted: string | null;
  settings: string;
  version: number;
  created_at: string;
  updated_at: string;
}

function toAccount(row: AccountColumns): AccountRow {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    integration: row.integration,
    label: row.label,
    sandbox: Number(row.sandbox) === 1,
    sandboxUsers: row.sandbox_users === null ? null : Number(row.sandbox_users),
    status: row.status as AccountStatus,
    statusReason: row.status_reason,
    credentialsEncrypted: row.credentials_encrypted,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const accountColumnOf: Record<keyof AccountChanges, string> = {
  label: 'label',
  status: 'status',
  statusReason: 'status_reason',
  credentialsEncrypted: 'credentials_encrypted',
  settings: 'settings',
  version: 'version',
  updatedAt: 'updated_at',
};

/** The Store over SQL: one implementation for SQLite and PostgreSQL, so both behave the same. */
export function createSqlStore(driver: SqlDriver): Store {
  const scopeParameters = (scope: IdempotencyScope): SqlValue[] => [
    scope.tenantId,
    scope.accountId,
    scope.key,
  ];
  const scopeWhere = 'tenant_id = ? AND account_id = ? AND idempotency_key = ?';
  const changes = createStoreChanges(driver.watchChanges);
  const accountChanged = (id: string) => changes.publish({ table: 'integrated_accounts', id });

  async function readIdempotencyRecord(scope: IdempotencyScope): Promise<IdempotencyRecord | undefined> {
    const [row] = await driver.all<{
      request_hash: string;
      state: string;
      response: string | null;
      created_at: number;
    }>(
      `SELECT request_hash, state, response, created_at FROM idempotency_keys WHERE ${scopeWhere}`,
      scopeParameters(scope),
    );
    if (!row) return undefined;
    const record: IdempotencyRecord = {
      requestHash: row.request_hash,
      state: row.state as IdempotencyRecord['state'],
      createdAt: Number(row.created_at),
    };
    if (row.response)
      record.response = JSON.parse(row.response) as NonNullable<IdempotencyRecord['response']>;
    return record;
  }

  const store: Store = {
    kind: driver.kind,
    driver,
    changes,
    migrate: () => driver.migrate(migrations),
    async ping() {
      await driver.all('SELECT 1 AS ok');
    },
    async close() {
      await changes.stop();
      await driver.close();
    },

    async createApiToken(token) {
      await driver.run('INSERT INTO tenants (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING', [
        token.tenantId,
        token.createdAt,
      ]);
      await driver.run(
        // Any conflict: processes starting together insert the same bootstrap token (same id, same hash).
        `INSERT INTO api_tokens (id, tenant_id, name, token_hash, created_at, scope, expires_at, prefix)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [
          token.id,
          token.tenantId,
          token.name,
          token.tokenHash,
          token.createdAt,
          token.scope ?? 'admin',
          token.expiresAt ?? null,
          token.prefix ?? null,
        ],
      );
    },
    async findApiToken(tokenHash) {
      const [row] = await driver.all<{
        id: string;
        tenant_id: string;
        token_hash: string;
        scope: string;
        expires_at: string | null;
        revoked_at: string | null;
      }>(
        'SELECT id, tenant_id, token_hash, scope, expires_at, revoked_at FROM api_tokens WHERE token_hash = ?',
        [tokenHash],
      );
      return row
        ? {
            id: row.id,
            tenantId: row.tenant_id,
            tokenHash: row.token_hash,
            scope: row.scope as ApiTokenScope,
            expiresAt: row.expires_at,
            revokedAt: row.revoked_at,
          }
        : undefined;
    },
    async listApiTokens(tenantId) {
      const rows = await driver.all<{
        id: string;
        name: string | null;
        prefix: string | null;
        scope: string;
        created_at: string;
        expires_at: string | null;
        last_used_at: string | null;
      }>(
        `SELECT id, name, prefix, scope, created_at, expires_at, last_used_at FROM api_tokens
         WHERE tenant_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id`,
        [tenantId],
      );
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        scope: row.scope as ApiTokenScope,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        lastUsedAt: row.last_used_at,
      }));
    },
    async revokeApiToken(tenantId, id, at) {
      const { changes: changed } = await driver.run(
        'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL',
        [at, id, tenantId],
      );
      changes.publish({ table: 'api_tokens', id });
      return changed > 0;
    },
    async revokeBootstrapTokens(keepTokenHash, at) {
      const { changes: revoked } = await driver.run(
        "UPDATE api_tokens SET revoked_at = ? WHERE id LIKE 'bootstrap-%' AND revoked_at IS NULL AND token_hash <> ?",
        [at, keepTokenHash ?? ''],
      );
      // Which tokens is not known here: every cached one is looked up again.
      if (revoked > 0) changes.publish({ table: 'any' });
      return revoked;
    },
    async recordApiTokenUse(id, at) {
      await driver.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [at, id]);
    },

    async insertAccount(account) {
      await driver.run('INSERT INTO tenants (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING', [
        account.tenantId,
        account.createdAt,
      ]);
      await driver.run(
        `INSERT INTO integrated_accounts (id, tenant_id, integration, label, sandbox, sandbox_users, status, status_reason,
          credentials_encrypted, settings, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          account.id,
          account.tenantId,
          account.integration,
          account.label,
          account.sandbox ? 1 : 0,
          account.sandboxUsers,
          account.status,
          account.statusReason,
          account.credentialsEncrypted,
          JSON.stringify(account.settings),
          account.version,
          account.createdAt,
          account.updatedAt,
        ],
      );
    },
    async findAccount(tenantId, id) {
      const [row] = await driver.all<AccountColumns>(
        'SELECT * FROM integrated_accounts WHERE id = ? AND tenant_id = ?',
        [id, tenantId],
      );
      return row ? toAccount(row) : undefined;
    },
    async listAccounts(tenantId, page) {
      const rows = page.after
        ? await driver.all<AccountColumns>(
            `SELECT * FROM integrated_accounts WHERE tenant_id = ? AND (created_at > ? OR (created_at = ? AND id > ?))
             ORDER BY created_at, id LIMIT ?`,
            [tenantId, page.after.createdAt, page.after.createdAt, page.after.id, page.limit],
          )
        : await driver.all<AccountColumns>(
            'SELECT * FROM integrated_accounts WHERE tenant_id = ? ORDER BY created_at, id LIMIT ?',
            [tenantId, page.limit],
          );
      return rows.map(toAccount);
    },
    async updateAccount(tenantId, id, changes) {
      const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as Array<
        [keyof AccountChanges, unknown]
      >;
      if (entries.length > 0) {
        const assignments = entries.map(([name]) => `${accountColumnOf[name]} = ?`).join(', ');
        const values = entries.map(([name, value]) =>
          name === 'settings' ? JSON.stringify(value) : (value as SqlValue),
        );
        await driver.run(`UPDATE integrated_accounts SET ${assignments} WHERE id = ? AND tenant_id = ?`, [
          ...values,
          id,
          tenantId,
        ]);
        accountChanged(id);
      }
      return store.findAccount(tenantId, id);
    },
    async deleteAccount(tenantId, id) {
      await driver.run(
        'DELETE FROM token_cache WHERE account_id IN (SELECT id FROM integrated_accounts WHERE id = ? AND tenant_id = ?)',
        [id, tenantId],
      );
      const { changes: deleted } = await driver.run(
        'DELETE FROM integrated_accounts WHERE id = ? AND tenant_id = ?',
        [id, tenantId],
      );
      accountChanged(id);
      return deleted > 0;
    },

    async countSandboxAccounts(tenantId) {
      const [row] = await driver.all<{ count: number | string }>(
        'SELECT COUNT(*) AS count FROM integrated_accounts WHERE tenant_id = ? AND sandbox = 1',
        [tenantId],
      );
      return Number(row?.count ?? 0);
    },

    async loadToken(accountId, cacheKey) {
      const [row] = await driver.all<{ token_encrypted: string; expires_at: number }>(
        'SELECT token_encrypted, expires_at FROM token_cache WHERE account_id = ? AND cache_key = ?',
        [accountId, cacheKey],
      );
      return row ? { encrypted: row.token_encrypted, expiresAt: Number(row.expires_at) } : undefined;
    },
    async saveToken(accountId, cacheKey, encrypted, expiresAt) {
      await driver.run(
        `INSERT INTO token_cache (account_id, cache_key, token_encrypted, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, cache_key) DO UPDATE SET token_encrypted = excluded.token_encrypted, expires_at = excluded.expires_at`,
        [accountId, cacheKey, encrypted, expiresAt],
      );
    },

    async deleteTokens(accountId) {
      await driver.run('DELETE FROM token_cache WHERE account_id = ?', [accountId]);
    },
    async deleteTokensNotEncryptedWith(keyId) {
      // Envelopes are written as {"v":1,"kid":"...",...}: the key id is found without decrypting.
      const { changes } = await driver.run('DELETE FROM token_cache WHERE token_encrypted NOT LIKE ?', [
        `%"kid":"${keyId}"%`,
      ]);
      return changes;
    },
    async listEncryptedCredentials(page) {
      const rows = await driver.all<{ tenant_id: string; id: string; credentials_encrypted: string }>(
        `SELECT tenant_id, id, credentials_encrypted FROM integrated_accounts
         WHERE credentials_encrypted IS NOT NULL AND id > ? ORDER BY id LIMIT ?`,
        [page.afterId ?? '', page.limit],
      );
      return rows.map((row) => ({
        tenantId: row.tenant_id,
        id: row.id,
        credentialsEncrypted: row.credentials_encrypted,
      }));
    },
    async replaceEncryptedCredentials(tenantId, id, expected, replacement) {
      const { changes: replaced } = await driver.run(
        'UPDATE integrated_accounts SET credentials_encrypted = ? WHERE id = ? AND tenant_id = ? AND credentials_encrypted = ?',
        [replacement, id, tenantId, expected],
      );
      accountChanged(id);
      return replaced > 0;
    },

    withLock: (key, task) => driver.withLock(key, task),

    async claimIdempotencyKey(scope, requestHash, timing): Promise<IdempotencyClaim> {
      await driver.run('DELETE FROM idempotency_keys WHERE expires_at < ?', [timing.now]);
      const { changes } = await driver.run(
        `INSERT INTO idempotency_keys (tenant_id, account_id, idempotency_key, request_hash, state, response, created_at, expires_at)
         VALUES (?, ?, ?, ?, 'in_flight', NULL, ?, ?) ON CONFLICT (tenant_id, account_id, idempotency_key) DO NOTHING`,
        [...scopeParameters(scope), requestHash, timing.now, timing.expiresAt],
      );
      if (changes > 0) return { claimed: true, earlierAttemptMayHaveActed: false };
      // The same request again after an unknown outcome, or after a process died mid-call (its claim is older
      // than any call can run): taken over, and the provider may already have acted on the earlier attempt.
      const resumed = await driver.run(
        `UPDATE idempotency_keys SET state = 'in_flight', created_at = ?, expires_at = ?
         WHERE ${scopeWhere} AND request_hash = ?
           AND (state = 'outcome_unknown' OR (state = 'in_flight' AND created_at < ?))`,
        [timing.now, timing.expiresAt, ...scopeParameters(scope), requestHash, timing.staleInFlightBefore],
      );
      if (resumed.changes > 0) return { claimed: true, earlierAttemptMayHaveActed: true };
      const record = await readIdempotencyRecord(scope);
      // Deleted between the insert and the read (expired): claim again.
      if (!record) return store.claimIdempotencyKey(scope, requestHash, timing);
      return { claimed: false, record };
    },
    async completeIdempotencyKey(scope, response) {
      await driver.run(`UPDATE idempotency_keys SET state = 'completed', response = ? WHERE ${scopeWhere}`, [
        JSON.stringify(response),
        ...scopeParameters(scope),
      ]);
    },
    async releaseIdempotencyKey(scope, earlierAttemptMayHaveActed) {
      if (earlierAttemptMayHaveActed) return store.recordUnknownOutcome(scope);
      await driver.run(
        `DELETE FROM idempotency_keys WHERE ${scopeWhere} AND state = 'in_flight'`,
        scopeParameters(scope),
      );
    },
    async recordUnknownOutcome(scope) {
      await driver.run(
        `UPDATE idempotency_keys SET state = 'outcome_unknown' WHERE ${scopeWhere} AND state = 'in_flight'`,
        scopeParameters(scope),
      );
    },

    async appendAudit(entry) {
      await driver.run(
        `INSERT INTO audit_log (tenant_id, account_id, operation, target_id, options, outcome, status_code, error_code,
          provider_request_ids, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          entry.tenantId,
          entry.accountId,
          entry.operation,
          entry.targetId,
          JSON.stringify(entry.options),
          entry.outcome,
          entry.statusCode,
          entry.errorCode,
          JSON.stringify(entry.providerRequestIds),
          entry.requestId,
          entry.createdAt,
        ],
      );
    },
    async listAudit(tenantId, page) {
      const conditions = ['tenant_id = ?'];
      const parameters: SqlValue[] = [tenantId];
      if (page.beforeSequence !== undefined) {
        conditions.push('sequence < ?');
        parameters.push(page.beforeSequence);
      }
      if (page.accountId !== undefined) {
        conditions.push('account_id = ?');
        parameters.push(page.accountId);
      }
      const rows = await driver.all<Record<string, string | number | null>>(
        `SELECT * FROM audit_log WHERE ${conditions.join(' AND ')} ORDER BY sequence DESC LIMIT ?`,
        [...parameters, page.limit],
      );
      return rows.map(
        (row): AuditRecord => ({
          sequence: Number(row.sequence),
          tenantId: String(row.tenant_id),
          accountId: row.account_id === null ? null : String(row.account_id),
          operation: String(row.operation),
          targetId: row.target_id === null ? null : String(row.target_id),
          options: JSON.parse(String(row.options)) as Record<string, unknown>,
          outcome: String(row.outcome),
          statusCode: Number(row.status_code),
          errorCode: row.error_code === null ? null : String(row.error_code),
          providerRequestIds: JSON.parse(String(row.provider_request_ids)) as string[],
          requestId: String(row.request_id),
          createdAt: String(row.created_at),
        }),
      );
    },
  };
  return store;
}
