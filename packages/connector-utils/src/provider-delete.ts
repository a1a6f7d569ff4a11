import type { DeleteAction } from '@unidir/core';
import type { ProviderRequest, ProviderResponse } from './provider-http-client.js';

/**
 * A DELETE of one provider object. Deleting is safe to repeat, and a 404 on a retry means an earlier attempt
 * already deleted it (R4), so a dropped connection after the provider acted still reports `already_done`.
 */
export function deleteRequest(
  path: readonly string[],
  description: string,
): ProviderRequest & { path: readonly string[] } {
  return { method: 'DELETE', path, idempotent: true, notFoundOnRetryMeansDone: true, description };
}

/** A delete action's outcome from the provider call's: a call that was sent did what it asked. */
export function deleteActionOutcome(outcome: ProviderResponse['outcome']): DeleteAction['outcome'] {
  return outcome === 'sent' ? 'done' : outcome;
}
