/** Waiting to be resolved, planned and (unless a dry run) acted on. */
export type OpenStepStatus = 'queued' | 'sent';
/**
 * `sent`: marked durably just before the provider call; a step found `sent` after a restart is re-checked
 * by reading the user, never re-sent blindly. `planned` ends the steps of a dry run.
 */
export type FinalStepStatus =
  | 'planned'
  | 'done'
  | 'already_done'
  | 'failed'
  | 'skipped'
  | 'not_found'
  | 'ambiguous'
  | 'needs_input';
export type StepStatus = OpenStepStatus | FinalStepStatus;

export const openStepStatuses: readonly OpenStepStatus[] = ['queued', 'sent'];
/** The outcomes that mean the person's access is gone from that account. */
export const completedStepStatuses: readonly StepStatus[] = ['done', 'already_done'];

/** `creating`: its steps are being written; a run left so by a crash is never worked on. */
export type RunStatus =
  | 'creating'
  | 'running'
  | 'cancelling'
  | 'planned'
  | 'succeeded'
  | 'partially_failed'
  | 'failed'
  | 'cancelled';

export type Person = { emails: string[] } | { accounts: Record<string, string> };

/** A user found (or offered as a candidate) while resolving the person in an account. */
export interface FoundUser {
  id: string;
  name?: string | null;
  emails: string[];
}

export interface ProviderCallView {
  method: string;
  url: string;
  outcome: string;
  status?: number;
  provider_request_id?: string;
}

export interface ActionView {
  action: string;
  target: string;
  outcome: string;
}

export interface StepPlan {
  provider_calls: ProviderCallView[];
  actions: ActionView[];
}

export interface StepError {
  code: string;
  message: string;
  status_code: number;
  details?: Record<string, unknown>;
}

export interface RunRow {
  id: string;
  tenantId: string;
  status: RunStatus;
  person: Person;
  action: string | Record<string, string> | null;
  options: Record<string, Record<string, unknown>>;
  dryRun: boolean;
  reason: string | null;
  requestedBy: string;
  requestId: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface StepRow {
  id: string;
  runId: string;
  tenantId: string;
  position: number;
  accountId: string;
  integration: string;
  status: StepStatus;
  userId: string | null;
  candidates: FoundUser[] | null;
  requestedAction: string | null;
  deleteOptions: Record<string, unknown>;
  plan: StepPlan | null;
  result: { actions: ActionView[] } | null;
  error: StepError | null;
  reason: string | null;
  providerRequestIds: string[];
  /** Provider calls sent for this step (a delete is sent once unless a read proved the first was lost). */
  attempts: number;
  /** Times a retryable failure (throttling, timeout, provider down) put the step back in the queue. */
  retries: number;
  sentAt: string | null;
  updatedAt: string;
  finishedAt: string | null;
}
