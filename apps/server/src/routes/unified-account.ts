import { ProviderAuthFailedError, ValidationError } from '@unidir/core';
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../server-context.js';
import type { AccountRow } from '../storage/store.js';

/**
 * The account a unified or proxy call names with `integrated_account_id` (taken out of the query), refused
 * when it must be connected again; and the runtime that may reach its provider.
 */
export async function accountForCall(
  request: FastifyRequest,
  context: ServerContext,
  query: Record<string, unknown>,
): Promise<{ account: AccountRow; runtime: ServerContext['runtime'] }> {
  const accountId = query.integrated_account_id;
  if (typeof accountId !== 'string' || accountId.length === 0) {
    throw new ValidationError({
      code: 'integrated_account_id_required',
      message: 'Name the integrated account: ?integrated_account_id=<id>.',
    });
  }
  delete query.integrated_account_id;
  const account = await context.accounts.get(request.tenantId, accountId);
  if (account.status === 'needs_reauth') {
    throw new ProviderAuthFailedError({
      needsReauth: true,
      message: `The integrated account must be connected again (${account.statusReason ?? 'its grant was revoked'}): PATCH /integrated-accounts/${account.id} with new credentials.`,
    });
  }
  return { account, runtime: account.sandbox ? context.sandboxRuntime : context.runtime };
}

/** `dry_run` as the runtime reads it, for the audit outcome. */
export function isDryRun(query: Record<string, unknown>): boolean {
  return query.dry_run === true || query.dry_run === 'true' || query.dry_run === '1';
}
