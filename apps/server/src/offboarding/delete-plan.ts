import { UnidirError, wellKnownActions } from '@unidir/core';
import { type AccountCall, providerRequestIdsOf } from './account-calls.js';
import type { ActionView, StepPlan } from './offboarding-types.js';

/**
 * The delete options an action name stands for, under the caller's own options. Every other action is the
 * connector's delete as its options make it: the dry run says what that does, and must include the action.
 */
const optionsOfAction: Readonly<Record<string, Record<string, string>>> = {
  [wellKnownActions.permanentDelete]: { permanent: 'true' },
};

export function deleteOptionsFor(
  action: string | null,
  callerOptions: Record<string, unknown>,
): Record<string, unknown> {
  return { ...(action ? optionsOfAction[action] : undefined), ...callerOptions };
}

function actionsOf(body: Record<string, unknown>): ActionView[] {
  return Array.isArray(body.actions) ? (body.actions as ActionView[]) : [];
}

export type PlanResult =
  | { kind: 'planned'; plan: StepPlan }
  | { kind: 'needs_input'; plan: StepPlan; reason: string };

/** The connector's dry run of the delete: the exact provider calls it would make and the actions they are. */
export async function planDelete(
  call: AccountCall,
  userId: string,
  options: Record<string, unknown>,
  requestedAction: string | null,
): Promise<PlanResult> {
  const { body } = await call({ method: 'delete', id: userId, query: { ...options, dry_run: 'true' } });
  const plan: StepPlan = {
    provider_calls: Array.isArray(body.provider_calls)
      ? (body.provider_calls as StepPlan['provider_calls'])
      : [],
    actions: actionsOf(body),
  };
  if (requestedAction && !plan.actions.some((action) => action.action === requestedAction)) {
    const planned = plan.actions.map((action) => action.action).join(', ') || 'nothing';
    return {
      kind: 'needs_input',
      plan,
      reason: `The delete with these options would do ${planned}, not ${requestedAction}; nothing was changed. Give the options that make it ${requestedAction} (options: {"<integration or account id>": {...}}) or another action.`,
    };
  }
  return { kind: 'planned', plan };
}

export interface ActResult {
  status: 'done' | 'already_done';
  actions: ActionView[];
  providerRequestIds: string[];
}

export async function performDelete(
  call: AccountCall,
  userId: string,
  options: Record<string, unknown>,
): Promise<ActResult> {
  const { body, providerCalls } = await call({ method: 'delete', id: userId, query: options });
  if (body.dry_run === true) throw new Error('a delete meant to act answered as a dry run');
  const actions = actionsOf(body);
  const alreadyDone = actions.length > 0 && actions.every((action) => action.outcome === 'already_done');
  return {
    status: alreadyDone ? 'already_done' : 'done',
    actions,
    providerRequestIds: providerRequestIdsOf(providerCalls),
  };
}

const removals: readonly string[] = [wellKnownActions.softDelete, wellKnownActions.permanentDelete];
const disablements: readonly string[] = [wellKnownActions.deactivate, wellKnownActions.suspend];

/**
 * After a lost answer, reads the user to learn whether the planned actions took effect: `applied` (gone,
 * or no longer active for a deactivation), `not_applied` (still there and active: the call was never
 * processed, so sending it now sends it once), or `unknown` when a read cannot tell (then nothing is sent).
 */
export async function checkApplied(
  call: AccountCall,
  userId: string,
  plan: StepPlan,
): Promise<'applied' | 'not_applied' | 'unknown'> {
  const kinds = plan.actions.map((action) => action.action);
  const readable =
    kinds.length > 0 && kinds.every((kind) => removals.includes(kind) || disablements.includes(kind));
  if (!readable) return 'unknown';
  try {
    const { body } = await call({ method: 'get', id: userId, query: {} });
    const disabled = body.status !== undefined && body.status !== 'active';
    return kinds.every((kind) => disablements.includes(kind)) && disabled ? 'applied' : 'not_applied';
  } catch (error) {
    if (UnidirError.isInstance(error) && error.httpStatus === 404) return 'applied';
    throw error;
  }
}
