import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError } from '@unidir/core';
import type { ServerContext } from '../server-context.js';
import type { AccountRow } from '../storage/store.js';
import { deleteOptionsFor } from './delete-plan.js';
import { KeyedLimiter } from './keyed-limiter.js';
import { type CreateOffboardingInput, entryFor, maximumAccountsPerRun } from './offboarding-request.js';
import type { NewStep, OffboardingStore } from './offboarding-store.js';
import type { RunRow, StepRow } from './offboarding-types.js';
import { viewRun } from './offboarding-views.js';
import { finishRunIfDone } from './offboarding-worker.js';
import { runStep } from './step-runner.js';

export interface OffboardingServiceOptions {
  context: ServerContext;
  store: OffboardingStore;
  owner: string;
  /** Dry runs are planned in the request, this many accounts at a time. */
  dryRunConcurrency: number;
  /** A real run was queued: the local worker should look now. */
  onQueued: () => void;
}

/** Longer than planning any dry run takes (each account's calls are time-bounded), unrenewed. */
const dryRunLeaseMs = 10 * 60_000;

export class OffboardingService {
  constructor(private readonly options: OffboardingServiceOptions) {}

  /** Queues a run (202), or for a dry run resolves and plans every account before answering (200). */
  async create(
    request: { tenantId: string; apiTokenId: string; requestId: string },
    input: CreateOffboardingInput,
  ): Promise<{ statusCode: number; body: unknown }> {
    const accounts = await this.accountsOf(request.tenantId, input);
    const now = new Date().toISOString();
    const run: RunRow = {
      id: `off_${randomUUID()}`,
      tenantId: request.tenantId,
      status: 'running',
      person: input.person,
      action: input.action ?? null,
      options: input.options ?? {},
      dryRun: input.dry_run === true,
      reason: input.reason ?? null,
      requestedBy: request.apiTokenId,
      requestId: request.requestId,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    const steps = accounts.map((account) => this.newStep(input, account));
    // A dry run's steps are this request's to plan; the lease only hands them to a worker if it dies.
    const dryRunLease = run.dryRun
      ? { owner: this.options.owner, expiresAt: Date.now() + dryRunLeaseMs }
      : null;
    await this.options.store.insertRun(run, steps, dryRunLease);
    if (run.dryRun) {
      await this.planNow(run);
      return { statusCode: 200, body: await this.view(request.tenantId, run.id) };
    }
    if (steps.every((step) => step.status !== 'queued')) await finishRunIfDone(this.options.store, run.id);
    this.options.onQueued();
    return { statusCode: 202, body: await this.view(request.tenantId, run.id) };
  }

  async get(tenantId: string, id: string): Promise<RunRow> {
    const run = await this.options.store.findRun(tenantId, id);
    if (!run)
      throw new NotFoundError({ message: `There is no offboarding ${id}.`, resource: 'offboardings', id });
    return run;
  }

  async view(tenantId: string, id: string) {
    const run = await this.get(tenantId, id);
    return viewRun(run, await this.options.store.listSteps(run.id));
  }

  async steps(runId: string): Promise<StepRow[]> {
    return this.options.store.listSteps(runId);
  }

  /** Steps not yet started are skipped; a step already sent ends on its own. */
  async cancel(tenantId: string, id: string) {
    const run = await this.get(tenantId, id);
    if (run.status === 'running') {
      const now = new Date().toISOString();
      await this.options.store.setRunStatus(run.id, 'cancelling', ['running'], now);
      await this.options.store.cancelQueuedSteps(run.id, now);
      await finishRunIfDone(this.options.store, run.id);
    }
    return this.view(tenantId, id);
  }

  /** Runs the failed steps again, and only those. */
  async retry(tenantId: string, id: string) {
    const run = await this.get(tenantId, id);
    if (run.dryRun || !['partially_failed', 'failed'].includes(run.status)) {
      throw new ValidationError({
        code: 'offboarding_not_retryable',
        message: `Only a finished run with failed steps can be retried; this one is ${run.dryRun ? 'a dry run' : run.status}.`,
      });
    }
    const now = new Date().toISOString();
    if ((await this.options.store.requeueFailedSteps(run.id, now)) > 0) {
      await this.options.store.setRunStatus(run.id, 'running', ['partially_failed', 'failed'], now);
      this.options.onQueued();
    }
    return this.view(tenantId, id);
  }

  private newStep(input: CreateOffboardingInput, account: AccountRow): NewStep {
    const action =
      (typeof input.action === 'string' ? input.action : entryFor(input.action, account)) ?? null;
    const callerOptions = entryFor(input.options, account) ?? {};
    const userId = 'accounts' in input.person ? (input.person.accounts[account.id] ?? null) : null;
    const common = {
      id: `step_${randomUUID()}`,
      accountId: account.id,
      integration: account.integration,
      userId,
      requestedAction: action,
      deleteOptions: deleteOptionsFor(action, callerOptions),
    };
    if ('accounts' in input.person && userId === null) {
      return {
        ...common,
        status: 'needs_input',
        reason: 'person.accounts names no user in this account; nothing was changed here.',
      };
    }
    return { ...common, status: 'queued', reason: null };
  }

  private async planNow(run: RunRow): Promise<void> {
    const limiter = new KeyedLimiter(this.options.dryRunConcurrency);
    const steps = (await this.options.store.listSteps(run.id)).filter((step) => step.status === 'queued');
    const services = { context: this.options.context, store: this.options.store, owner: this.options.owner };
    await Promise.all(steps.map((step) => limiter.run('dry-run', () => runStep(services, run, step))));
    await finishRunIfDone(this.options.store, run.id);
  }

  private async accountsOf(tenantId: string, input: CreateOffboardingInput): Promise<AccountRow[]> {
    const named =
      input.integrated_account_ids ??
      ('accounts' in input.person ? Object.keys(input.person.accounts) : undefined);
    if (named) {
      const unique = [...new Set(named)];
      if (unique.length > maximumAccountsPerRun) throw tooManyAccounts();
      // Every named account must exist before anything is queued: a typo must not shrink the run silently.
      return Promise.all(unique.map((accountId) => this.options.context.accounts.get(tenantId, accountId)));
    }
    const accounts: AccountRow[] = [];
    let after: { createdAt: string; id: string } | undefined;
    for (;;) {
      const page = await this.options.context.store.listAccounts(tenantId, {
        limit: 200,
        ...(after ? { after } : {}),
      });
      accounts.push(...page.filter((account) => account.status === 'active'));
      const last = page.at(-1);
      if (page.length < 200 || !last) break;
      after = { createdAt: last.createdAt, id: last.id };
    }
    if (accounts.length === 0) {
      throw new ValidationError({
        code: 'no_accounts',
        message: 'The tenant has no active integrated account to offboard from.',
      });
    }
    if (accounts.length > maximumAccountsPerRun) throw tooManyAccounts();
    return accounts;
  }
}

function tooManyAccounts(): ValidationError {
  return new ValidationError({
    code: 'too_many_accounts',
    message: `An offboarding covers at most ${maximumAccountsPerRun} accounts; name them in integrated_account_ids, in several runs.`,
  });
}
