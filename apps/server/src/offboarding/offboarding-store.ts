import type { SqlDriver, SqlValue } from '../storage/sql-driver.js';
import {
  type FoundUser,
  openStepStatuses,
  type RunRow,
  type RunStatus,
  type StepError,
  type StepPlan,
  type StepRow,
  type StepStatus,
} from './offboarding-types.js';

type Columns = Record<string, string | number | null>;

type Column = string | number | null | undefined;

function parsed<Value>(text: Column): Value | null {
  return text === null || text === undefined ? null : (JSON.parse(String(text)) as Value);
}

function text(value: Column): string | null {
  return value === null || value === undefined ? null : String(value);
}

function toRun(row: Columns): RunRow {
  return {
    id: String(row.id),
    tenantId: String(row.tenant_id),
    status: String(row.status) as RunStatus,
    person: parsed(row.person) as RunRow['person'],
    action: parsed(row.action),
    options: parsed(row.options) ?? {},
    dryRun: Number(row.dry_run) === 1,
    reason: text(row.reason),
    requestedBy: String(row.requested_by),
    requestId: String(row.request_id),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    finishedAt: text(row.finished_at),
  };
}

function toStep(row: Columns): StepRow {
  return {
    id: String(row.id),
    runId: String(row.run_id),
    tenantId: String(row.tenant_id),
    position: Number(row.position),
    accountId: String(row.account_id),
    integration: String(row.integration),
    status: String(row.status) as StepStatus,
    userId: text(row.user_id),
    candidates: parsed<FoundUser[]>(row.candidates),
    requestedAction: text(row.requested_action),
    deleteOptions: parsed(row.delete_options) ?? {},
    plan: parsed<StepPlan>(row.plan),
    result: parsed(row.result),
    error: parsed<StepError>(row.error),
    reason: text(row.reason),
    providerRequestIds: parsed<string[]>(row.provider_request_ids) ?? [],
    attempts: Number(row.attempts),
    retries: Number(row.retries),
    sentAt: text(row.sent_at),
    updatedAt: String(row.updated_at),
    finishedAt: text(row.finished_at),
  };
}

const openList = openStepStatuses.map((status) => `'${status}'`).join(', ');

/** What a step's work writes when it ends (or records on the way). */
export interface StepUpdate {
  status?: StepStatus;
  userId?: string;
  candidates?: FoundUser[];
  plan?: StepPlan;
  result?: { actions: StepPlan['actions'] };
  error?: StepError | null;
  reason?: string | null;
  providerRequestIds?: string[];
}

const stepColumnOf: Record<keyof StepUpdate, { column: string; json: boolean }> = {
  status: { column: 'status', json: false },
  userId: { column: 'user_id', json: false },
  candidates: { column: 'candidates', json: true },
  plan: { column: 'plan', json: true },
  result: { column: 'result', json: true },
  error: { column: 'error', json: true },
  reason: { column: 'reason', json: false },
  providerRequestIds: { column: 'provider_request_ids', json: true },
};

export interface NewStep {
  id: string;
  accountId: string;
  integration: string;
  userId: string | null;
  requestedAction: string | null;
  deleteOptions: Record<string, unknown>;
  status: StepStatus;
  reason: string | null;
}

/** The SQL of offboarding: runs, steps, and the step leases that make the work queue. */
export class OffboardingStore {
  constructor(private readonly driver: SqlDriver) {}

  async insertRun(
    run: RunRow,
    steps: readonly NewStep[],
    lease: { owner: string; expiresAt: number } | null,
  ) {
    await this.driver.run(
      `INSERT INTO offboarding_runs (id, tenant_id, status, person, action, options, dry_run, reason, requested_by,
        request_id, created_at, updated_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        run.id,
        run.tenantId,
        // Until every step is in: a run cut short by a crash here is never worked on, and says so.
        'creating',
        JSON.stringify(run.person),
        run.action === null ? null : JSON.stringify(run.action),
        JSON.stringify(run.options),
        run.dryRun ? 1 : 0,
        run.reason,
        run.requestedBy,
        run.requestId,
        run.createdAt,
        run.updatedAt,
        run.finishedAt,
      ],
    );
    // Many rows per statement: a 1000-account run is a few inserts, not a thousand round trips.
    const perStatement = 50;
    for (let start = 0; start < steps.length; start += perStatement) {
      const batch = steps.slice(start, start + perStatement);
      const values: SqlValue[] = [];
      for (const [offset, step] of batch.entries()) {
        const finished = !(openStepStatuses as readonly string[]).includes(step.status);
        values.push(
          step.id,
          run.id,
          run.tenantId,
          start + offset,
          step.accountId,
          step.integration,
          step.status,
          step.userId,
          step.requestedAction,
          JSON.stringify(step.deleteOptions),
          step.reason,
          '[]',
          finished ? null : (lease?.owner ?? null),
          finished ? 0 : (lease?.expiresAt ?? 0),
          run.createdAt,
          finished ? run.createdAt : null,
        );
      }
      await this.driver.run(
        `INSERT INTO offboarding_steps (id, run_id, tenant_id, position, account_id, integration, status, user_id,
          requested_action, delete_options, reason, provider_request_ids, lease_owner, lease_expires_at, updated_at,
          finished_at) VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        values,
      );
    }
    await this.driver.run('UPDATE offboarding_runs SET status = ? WHERE id = ?', [run.status, run.id]);
  }

  async findRun(tenantId: string, id: string): Promise<RunRow | undefined> {
    const [row] = await this.driver.all<Columns>(
      'SELECT * FROM offboarding_runs WHERE id = ? AND tenant_id = ?',
      [id, tenantId],
    );
    return row ? toRun(row) : undefined;
  }

  async listRuns(
    tenantId: string,
    page: { limit: number; before?: { createdAt: string; id: string } },
  ): Promise<RunRow[]> {
    const rows = page.before
      ? await this.driver.all<Columns>(
          `SELECT * FROM offboarding_runs WHERE tenant_id = ? AND (created_at < ? OR (created_at = ? AND id < ?))
           ORDER BY created_at DESC, id DESC LIMIT ?`,
          [tenantId, page.before.createdAt, page.before.createdAt, page.before.id, page.limit],
        )
      : await this.driver.all<Columns>(
          'SELECT * FROM offboarding_runs WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
          [tenantId, page.limit],
        );
    return rows.map(toRun);
  }

  async listSteps(runId: string): Promise<StepRow[]> {
    const rows = await this.driver.all<Columns>(
      'SELECT * FROM offboarding_steps WHERE run_id = ? ORDER BY position',
      [runId],
    );
    return rows.map(toStep);
  }

  async stepCounts(runIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
    const counts = new Map<string, Record<string, number>>();
    if (runIds.length === 0) return counts;
    const rows = await this.driver.all<Columns>(
      `SELECT run_id, status, COUNT(*) AS steps FROM offboarding_steps WHERE run_id IN (${runIds.map(() => '?').join(', ')})
       GROUP BY run_id, status`,
      runIds,
    );
    for (const row of rows) {
      const byStatus = counts.get(String(row.run_id)) ?? {};
      byStatus[String(row.status)] = Number(row.steps);
      counts.set(String(row.run_id), byStatus);
    }
    return counts;
  }

  /**
   * Leases up to `limit` open steps whose lease expired (or that never had one). On PostgreSQL the rows are
   * picked with FOR UPDATE SKIP LOCKED, so processes claiming at the same moment never take the same step;
   * SQLite runs one write at a time, which gives the same guarantee.
   */
  async claimSteps(owner: string, now: number, leaseMs: number, limit: number): Promise<StepRow[]> {
    // A read first: an idle server polls, and an UPDATE matching nothing would still take SQLite's write lock.
    const [claimable] = await this.driver.all(
      `SELECT 1 AS claimable FROM offboarding_steps WHERE status IN (${openList}) AND lease_expires_at < ? LIMIT 1`,
      [now],
    );
    if (!claimable) return [];
    const pick = `SELECT id FROM offboarding_steps WHERE status IN (${openList}) AND lease_expires_at < ?
      AND run_id NOT IN (SELECT id FROM offboarding_runs WHERE status = 'creating')
      ORDER BY lease_expires_at, run_id, position LIMIT ?`;
    // On PostgreSQL the pick is a CTE, evaluated once: as an `IN (subquery)` the planner may run it again
    // per row, and with SKIP LOCKED each run picks other rows, so far more than `limit` would be claimed.
    const rows =
      this.driver.kind === 'postgres'
        ? await this.driver.all<Columns>(
            `WITH picked AS (${pick} FOR UPDATE SKIP LOCKED)
             UPDATE offboarding_steps SET lease_owner = ?, lease_expires_at = ?
             FROM picked WHERE offboarding_steps.id = picked.id RETURNING offboarding_steps.*`,
            [now, limit, owner, now + leaseMs],
          )
        : await this.driver.all<Columns>(
            `UPDATE offboarding_steps SET lease_owner = ?, lease_expires_at = ? WHERE id IN (${pick}) RETURNING *`,
            [owner, now + leaseMs, now, limit],
          );
    return rows.map(toStep).sort((left, right) => left.position - right.position);
  }

  /** Extends the leases this process holds; returns how many it still held. */
  async renewLeases(owner: string, stepIds: readonly string[], expiresAt: number): Promise<number> {
    if (stepIds.length === 0) return 0;
    const { changes } = await this.driver.run(
      `UPDATE offboarding_steps SET lease_expires_at = ? WHERE lease_owner = ? AND id IN (${stepIds.map(() => '?').join(', ')})`,
      [expiresAt, owner, ...stepIds],
    );
    return changes;
  }

  /**
   * Records the step as `sent`, durably, before its provider call; false when the lease was lost or the
   * run was cancelled meanwhile (then nothing must be sent).
   */
  async markSent(stepId: string, owner: string, from: StepStatus, sentAt: string): Promise<boolean> {
    const { changes } = await this.driver.run(
      `UPDATE offboarding_steps SET status = 'sent', sent_at = ?, sent_by = ?, updated_at = ?, attempts = attempts + 1
       WHERE id = ? AND lease_owner = ? AND status = ?`,
      [sentAt, owner, sentAt, stepId, owner, from],
    );
    return changes > 0;
  }

  /** Writes what the lease holder learned; a final status also releases the lease. */
  async updateStep(stepId: string, owner: string, update: StepUpdate, now: string): Promise<boolean> {
    const entries = Object.entries(update).filter(([, value]) => value !== undefined) as Array<
      [keyof StepUpdate, unknown]
    >;
    const assignments = entries.map(([name]) => `${stepColumnOf[name].column} = ?`);
    const values = entries.map(([name, value]) =>
      stepColumnOf[name].json && value !== null ? JSON.stringify(value) : (value as SqlValue),
    );
    const final =
      update.status !== undefined && !(openStepStatuses as readonly string[]).includes(update.status);
    if (final) assignments.push('finished_at = ?', 'lease_owner = NULL', 'lease_expires_at = 0');
    const { changes } = await this.driver.run(
      `UPDATE offboarding_steps SET ${[...assignments, 'updated_at = ?'].join(', ')} WHERE id = ? AND lease_owner = ?`,
      [...values, ...(final ? [now] : []), now, stepId, owner],
    );
    return changes > 0;
  }

  /**
   * Gives the step back to the queue, in its status (`queued`, or `sent`: then it is re-checked by a read),
   * to be taken again after `delayMs`: a throttled or unreachable provider is tried again later.
   */
  async releaseForRetry(stepId: string, owner: string, error: StepError, delayMs: number, now: number) {
    const { changes } = await this.driver.run(
      `UPDATE offboarding_steps SET lease_owner = NULL, lease_expires_at = ?, retries = retries + 1, error = ?, updated_at = ?
       WHERE id = ? AND lease_owner = ?`,
      [now + delayMs, JSON.stringify(error), new Date(now).toISOString(), stepId, owner],
    );
    return changes > 0;
  }

  /** Steps not yet started are skipped; steps already sent finish on their own. */
  async cancelQueuedSteps(runId: string, now: string): Promise<void> {
    await this.driver.run(
      `UPDATE offboarding_steps SET status = 'skipped', reason = 'cancelled before it started', finished_at = ?,
        updated_at = ?, lease_owner = NULL, lease_expires_at = 0 WHERE run_id = ? AND status = 'queued'`,
      [now, now, runId],
    );
  }

  /** Failed steps go back to the queue; their resolved user stays, so they are not resolved again. */
  async requeueFailedSteps(runId: string, now: string): Promise<number> {
    const { changes } = await this.driver.run(
      `UPDATE offboarding_steps SET status = 'queued', error = NULL, reason = NULL, finished_at = NULL, updated_at = ?, retries = 0,
        lease_owner = NULL, lease_expires_at = 0 WHERE run_id = ? AND status = 'failed'`,
      [now, runId],
    );
    return changes;
  }

  async setRunStatus(runId: string, status: RunStatus, from: readonly RunStatus[], now: string) {
    const final = !['running', 'cancelling'].includes(status);
    const { changes } = await this.driver.run(
      `UPDATE offboarding_runs SET status = ?, updated_at = ?, finished_at = ? WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`,
      [status, now, final ? now : null, runId, ...from],
    );
    return changes > 0;
  }

  async openStepCount(runId: string): Promise<number> {
    const [row] = await this.driver.all<Columns>(
      `SELECT COUNT(*) AS open FROM offboarding_steps WHERE run_id = ? AND status IN (${openList})`,
      [runId],
    );
    return Number(row?.open ?? 0);
  }

  async findRunById(id: string): Promise<RunRow | undefined> {
    const [row] = await this.driver.all<Columns>('SELECT * FROM offboarding_runs WHERE id = ?', [id]);
    return row ? toRun(row) : undefined;
  }
}
