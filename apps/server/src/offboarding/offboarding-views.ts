import type { RunRow, StepRow } from './offboarding-types.js';

export function viewStep(step: StepRow) {
  return {
    id: step.id,
    integrated_account_id: step.accountId,
    integration: step.integration,
    status: step.status,
    user_id: step.userId,
    found: step.candidates,
    action: step.requestedAction,
    options: step.deleteOptions,
    plan: step.plan,
    actions: step.result?.actions ?? null,
    reason: step.reason,
    error: step.error,
    provider_request_ids: step.providerRequestIds,
    attempts: step.attempts,
    retries: step.retries,
    sent_at: step.sentAt,
    updated_at: step.updatedAt,
    finished_at: step.finishedAt,
  };
}

export function stepCounts(steps: readonly StepRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const step of steps) counts[step.status] = (counts[step.status] ?? 0) + 1;
  return counts;
}

/** The record a company keeps: who asked, when, for whom, and per account what was found and done. */
export function viewRunSummary(run: RunRow, counts: Record<string, number>) {
  return {
    id: run.id,
    status: run.status,
    dry_run: run.dryRun,
    person: run.person,
    action: run.action,
    options: run.options,
    reason: run.reason,
    requested_by: { api_token_id: run.requestedBy },
    request_id: run.requestId,
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    finished_at: run.finishedAt,
    step_counts: counts,
  };
}

export function viewRun(run: RunRow, steps: readonly StepRow[]) {
  return { ...viewRunSummary(run, stepCounts(steps)), steps: steps.map(viewStep) };
}
