import { UnidirError } from '@unidir/core';
import type { ServerContext } from '../server-context.js';
import { accountCaller, providerRequestIdsOf, stepErrorOf } from './account-calls.js';
import { checkApplied, type PlanResult, performDelete, planDelete } from './delete-plan.js';
import type { OffboardingStore, StepUpdate } from './offboarding-store.js';
import type { RunRow, StepRow } from './offboarding-types.js';
import { resolvePerson } from './person-resolver.js';

/** Retryable failures (throttled, timed out, provider down) are tried again this many times, backing off. */
const maximumRetries = 5;
const retryBaseDelayMs = 2_000;

export interface StepRunnerServices {
  context: ServerContext;
  store: OffboardingStore;
  /** This process's lease owner id. */
  owner: string;
}

const now = () => new Date().toISOString();

/**
 * Does one step while holding its lease: resolve the person, plan the delete (the connector's dry run),
 * then, unless the run is a dry run, mark the step `sent` and make the call. A step found `sent` (its
 * answer was lost) is re-checked by reading the user first. Every ending lands in the audit log.
 */
export async function runStep(services: StepRunnerServices, run: RunRow, step: StepRow): Promise<void> {
  const { context, store, owner } = services;
  let userId = step.userId;
  const finish = async (update: StepUpdate) => {
    const written = await store.updateStep(step.id, owner, update, now());
    if (written) await audit(services, run, { ...step, userId }, update, now());
  };

  const account = await context.store.findAccount(run.tenantId, step.accountId);
  if (!account) return finish({ status: 'skipped', reason: 'The integrated account was deleted.' });
  if (account.status === 'needs_reauth') {
    return finish({
      status: 'skipped',
      reason: `The integrated account must be connected again (${account.statusReason ?? 'its grant was revoked'}); nothing was changed here.`,
    });
  }
  const connector = context.registry.get(account.integration);
  if (!connector) {
    return finish({ status: 'skipped', reason: `No connector "${account.integration}" is loaded here.` });
  }
  const call = accountCaller(context, account);
  try {
    if (step.status === 'sent') {
      if (!step.userId || !step.plan) {
        return finish({ status: 'failed', error: lostStepError('it has no recorded plan') });
      }
      const state = await checkApplied(call, step.userId, step.plan);
      if (state === 'applied') {
        return finish({
          status: 'already_done',
          reason: 'The answer was lost; reading the user showed the change had been made.',
          result: { actions: step.plan.actions.map((action) => ({ ...action, outcome: 'already_done' })) },
        });
      }
      if (state === 'unknown') {
        return finish({
          status: 'failed',
          error: lostStepError('a read cannot tell whether it took effect'),
        });
      }
      // The read shows the call was never processed: sending it now sends it once.
      return await act(services, call, step, step.userId, step.plan, 'sent', finish);
    }

    if (userId === null) {
      const emails = 'emails' in run.person ? run.person.emails : [];
      const resolution = await resolvePerson(call, connector.manifest, account.integration, emails);
      if (resolution.kind === 'ambiguous') {
        return finish({ status: 'ambiguous', reason: resolution.reason, candidates: resolution.candidates });
      }
      if (resolution.kind !== 'resolved')
        return finish({ status: resolution.kind, reason: resolution.reason });
      userId = resolution.user.id;
      await store.updateStep(step.id, owner, { userId, candidates: [resolution.user] }, now());
    }
    const planned: PlanResult = await planDelete(call, userId, step.deleteOptions, step.requestedAction);
    if (planned.kind === 'needs_input') {
      return finish({ status: 'needs_input', reason: planned.reason, plan: planned.plan, userId });
    }
    if (run.dryRun) return finish({ status: 'planned', plan: planned.plan, userId });
    if (!(await store.updateStep(step.id, owner, { plan: planned.plan }, now()))) return;
    return await act(services, call, step, userId, planned.plan, 'queued', finish);
  } catch (error) {
    const stepError = stepErrorOf(error, (text) =>
      context.secrets.redact(text, { tenantId: run.tenantId, accountId: step.accountId }),
    );
    if (UnidirError.isInstance(error) && error.isRetryable && step.retries < maximumRetries) {
      // A step that was sent stays `sent`: when it is taken again, a read decides before anything is re-sent.
      const delayMs = Math.min(retryBaseDelayMs * 2 ** step.retries, 60_000);
      await store.releaseForRetry(step.id, owner, stepError, delayMs, Date.now());
      return;
    }
    return finish({
      status: 'failed',
      error: stepError,
      providerRequestIds: providerRequestIdsOf([], error),
    });
  }
}

async function act(
  services: StepRunnerServices,
  call: ReturnType<typeof accountCaller>,
  step: StepRow,
  userId: string,
  plan: NonNullable<StepRow['plan']>,
  from: 'queued' | 'sent',
  finish: (update: StepUpdate) => Promise<void>,
): Promise<void> {
  // Durable before the call: a restart finds the step `sent` and reads before it sends anything again.
  if (!(await services.store.markSent(step.id, services.owner, from, now()))) return;
  if (plan.actions.length === 0)
    return finish({ status: 'already_done', reason: 'The plan had nothing to do.' });
  let result: Awaited<ReturnType<typeof performDelete>>;
  try {
    result = await performDelete(call, userId, step.deleteOptions);
  } catch (error) {
    // The user was found moments ago; a 404 now means someone (another run, an admin) got there first.
    if (!UnidirError.isInstance(error) || error.code !== 'not_found') throw error;
    if ((await checkApplied(call, userId, plan)) !== 'applied') throw error;
    return finish({
      status: 'already_done',
      reason: 'The provider no longer had the user when the call was sent: the change had already been made.',
      result: { actions: plan.actions.map((action) => ({ ...action, outcome: 'already_done' })) },
      error: null,
    });
  }
  return finish({
    status: result.status,
    result: { actions: result.actions },
    providerRequestIds: result.providerRequestIds,
    error: null,
  });
}

function lostStepError(why: string) {
  return {
    code: 'outcome_unknown',
    message: `The step was sent but its answer was lost, and ${why}; nothing was sent again. Check the account, then POST /offboardings/{id}/retry to send it.`,
    status_code: 409,
  };
}

async function audit(
  services: StepRunnerServices,
  run: RunRow,
  step: StepRow,
  update: StepUpdate,
  createdAt: string,
): Promise<void> {
  try {
    await services.context.store.appendAudit({
      tenantId: run.tenantId,
      accountId: step.accountId,
      operation: 'offboardings.step',
      targetId: step.userId,
      options: {
        offboarding_id: run.id,
        step_id: step.id,
        status: update.status,
        dry_run: run.dryRun,
        ...(step.requestedAction ? { action: step.requestedAction } : {}),
        ...(update.reason ? { reason: update.reason } : {}),
        ...(update.result ? { actions: update.result.actions } : {}),
      },
      outcome: update.status === 'failed' ? 'failed' : run.dryRun ? 'dry_run' : 'succeeded',
      statusCode: update.error?.status_code ?? 200,
      errorCode: update.error?.code ?? null,
      providerRequestIds: update.providerRequestIds ?? [],
      requestId: run.requestId,
      createdAt,
    });
  } catch (error) {
    services.context.logger.error({ err: error, offboarding_id: run.id }, 'writing the audit log failed');
  }
}
