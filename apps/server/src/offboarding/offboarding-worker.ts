import type { ServerContext } from '../server-context.js';
import { KeyedLimiter } from './keyed-limiter.js';
import type { OffboardingStore } from './offboarding-store.js';
import { completedStepStatuses, type RunRow, type RunStatus, type StepRow } from './offboarding-types.js';
import { runStep } from './step-runner.js';

export interface WorkerOptions {
  context: ServerContext;
  store: OffboardingStore;
  owner: string;
  /** How long a claimed step stays this process's without renewal; renewed every third of it. */
  leaseMs: number;
  /** Steps this process works on at once. */
  concurrency: number;
  /** Of those, at most this many per integration (providers' rate limits are per app or tenant)... */
  perIntegration: number;
  /** ...and per account. */
  perAccount: number;
  pollMs: number;
}

/**
 * Takes steps from the database queue (leased rows) and runs them. Several processes sharing a PostgreSQL
 * database each run one; a step's lease is renewed while it runs, and taken over when its holder died.
 */
export class OffboardingWorker {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly integrations: KeyedLimiter;
  private readonly accounts: KeyedLimiter;
  private pollTimer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly options: WorkerOptions) {
    this.integrations = new KeyedLimiter(options.perIntegration);
    this.accounts = new KeyedLimiter(options.perAccount);
  }

  start(): void {
    this.stopped = false;
    this.renewTimer = setInterval(() => void this.renew(), Math.max(50, this.options.leaseMs / 3));
    this.renewTimer.unref();
    this.wake();
  }

  /** Polls now instead of at the next interval (a run was just created here). */
  wake(): void {
    if (this.stopped) return;
    clearTimeout(this.pollTimer);
    this.polling ??= this.poll().finally(() => {
      this.polling = undefined;
      this.schedule();
    });
  }

  /** Stops taking steps and lets the ones in flight finish (their calls are time-bounded). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    await this.polling;
    await Promise.allSettled(this.inFlight.values());
    clearInterval(this.renewTimer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => this.wake(), this.options.pollMs);
    this.pollTimer.unref();
  }

  private async poll(): Promise<void> {
    const capacity = this.options.concurrency - this.inFlight.size;
    if (capacity <= 0) return;
    try {
      const steps = await this.options.store.claimSteps(
        this.options.owner,
        Date.now(),
        this.options.leaseMs,
        capacity,
      );
      const runs = new Map<string, RunRow | undefined>();
      for (const step of steps) {
        if (!runs.has(step.runId)) runs.set(step.runId, await this.options.store.findRunById(step.runId));
        const run = runs.get(step.runId);
        if (run) this.begin(run, step);
      }
    } catch (error) {
      this.options.context.logger.error({ err: error }, 'offboarding: claiming steps failed');
    }
  }

  private begin(run: RunRow, step: StepRow): void {
    const work = this.integrations
      .run(step.integration, () =>
        this.accounts.run(step.accountId, () =>
          runStep(
            { context: this.options.context, store: this.options.store, owner: this.options.owner },
            run,
            step,
          ),
        ),
      )
      .then(() => finishRunIfDone(this.options.store, run.id))
      .catch((error: unknown) =>
        this.options.context.logger.error(
          { err: error, offboarding_id: run.id },
          'offboarding: a step failed to run',
        ),
      )
      .finally(() => {
        this.inFlight.delete(step.id);
        this.wake();
      });
    this.inFlight.set(step.id, work);
  }

  private async renew(): Promise<void> {
    try {
      await this.options.store.renewLeases(
        this.options.owner,
        [...this.inFlight.keys()],
        Date.now() + this.options.leaseMs,
      );
    } catch (error) {
      this.options.context.logger.error({ err: error }, 'offboarding: renewing leases failed');
    }
  }
}

/** Once no step is open, the run ends with a status its steps decide. */
export async function finishRunIfDone(store: OffboardingStore, runId: string): Promise<void> {
  if ((await store.openStepCount(runId)) > 0) return;
  const run = await store.findRunById(runId);
  if (!run || !['running', 'cancelling'].includes(run.status)) return;
  const steps = await store.listSteps(runId);
  const completed = steps.filter((step) => completedStepStatuses.includes(step.status)).length;
  const status: RunStatus = run.dryRun
    ? 'planned'
    : run.status === 'cancelling'
      ? 'cancelled'
      : completed === steps.length
        ? 'succeeded'
        : completed === 0
          ? 'failed'
          : 'partially_failed';
  await store.setRunStatus(runId, status, ['running', 'cancelling'], new Date().toISOString());
}
