import { createHmac } from 'node:crypto';
import type { ProviderCallRecord } from '@unidir/core';
import { UnidirError } from '@unidir/core';
import { canonicalJson } from '@unidir/runtime';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SecretRegistry } from '../security/secret-registry.js';
import type { Store, StoredResponse } from '../storage/store.js';
import { accountScopeOf } from './account-scope.js';
import { renderError } from './error-response.js';
import { AuditWriteError, IdempotencyError } from './http-errors.js';

/** Stored responses are replayed for 24 hours. */
export const idempotencyKeyLifetimeMs = 24 * 60 * 60 * 1000;
/** A claim older than this was left by a process that died mid-call (calls are bounded far below it). */
export const staleInFlightMs = 2 * 60 * 1000;

export interface MutationResult {
  statusCode: number;
  body: unknown;
  providerCalls?: readonly ProviderCallRecord[];
  /** `dry_run` when nothing was changed on purpose. */
  outcome?: 'succeeded' | 'dry_run';
  /** The target, when the request did not name it by id (a user deleted by email): the audit log keeps it. */
  targetId?: string;
}

export interface MutationDescription {
  /** Idempotency keys and audit entries are scoped to this account ('' for account creation). */
  accountId: string;
  operation: string;
  targetId: string | null;
  /** Secret-free options of the call, for the audit log. */
  options: Record<string, unknown>;
  /** What makes two requests "the same" for an idempotency key. */
  requestIdentity: unknown;
}

export interface MutationServices {
  store: Store;
  secrets: SecretRegistry;
  /** Keys the request hash stored with an idempotency key. */
  requestHashKey: Buffer;
  now?: () => number;
}

/** What an Idempotency-Key keeps of a call: its answer, nothing (free again), or that its outcome is unknown. */
type KeyDisposition = 'store' | 'release' | 'mark_unknown';

/** How the call runs: told when the same request's earlier attempt may already have taken effect. */
export interface MutationAttempt {
  earlierAttemptMayHaveActed: boolean;
  /** The call's provider calls, appended as they are made (pass it to the runtime): kept even if it fails. */
  providerCalls: ProviderCallRecord[];
}

interface AuditEntry {
  outcome: string;
  statusCode: number;
  errorCode: string | null;
  providerRequestIds: string[];
}

function readIdempotencyKey(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new IdempotencyError({
      code: 'invalid_idempotency_key',
      message: 'Idempotency-Key must be 1-255 printable ASCII characters without spaces.',
    });
  }
  return key;
}

function providerRequestIdsOf(calls: readonly ProviderCallRecord[] | undefined, error: unknown): string[] {
  const ids = (calls ?? [])
    .map((call) => call.providerRequestId)
    .filter((id): id is string => typeof id === 'string');
  const fromError = UnidirError.isInstance(error) ? error.details?.provider_request_id : undefined;
  if (typeof fromError === 'string' && !ids.includes(fromError)) ids.push(fromError);
  return ids;
}

const readOnlyMethods: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** A write the provider may have applied without our knowing: sent, and answered with nothing definite. */
function writeLeftUnanswered(calls: readonly ProviderCallRecord[]): boolean {
  return calls.some(
    (call) =>
      !readOnlyMethods.has(call.method) &&
      call.outcome === 'failed' &&
      (call.attempts ?? 0) > 0 &&
      (call.status === undefined || call.status >= 500),
  );
}

/**
 * What an Idempotency-Key keeps of a failed mutation. A refusal (4xx other than 429) is definite: stored, as a
 * retry fails the same way. The outcome is unknown only when a write was sent and never definitely answered
 * (a timeout, a cut-off answer, a 5xx), or when a retry after a lost answer finds nothing there (it cannot
 * tell whether the lost attempt removed it). Anything else (a throttle, a failure before any write, writes
 * that were all answered) leaves nothing in doubt: the key is released and a retry is a new request.
 */
function keyDispositionOf(error: unknown, statusCode: number, attempt: MutationAttempt): KeyDisposition {
  const unidirError = UnidirError.isInstance(error) ? error : undefined;
  if (attempt.earlierAttemptMayHaveActed && unidirError?.code === 'not_found') return 'mark_unknown';
  const retryable = statusCode === 429 || unidirError?.isRetryable === true;
  if (statusCode < 500 && !retryable) return 'store';
  return writeLeftUnanswered(attempt.providerCalls) ? 'mark_unknown' : 'release';
}

/**
 * Runs a mutating call with the guarantees callers rely on: an Idempotency-Key replays the stored answer
 * and repeats nothing, and every call (replays included) lands in the audit log.
 */
export async function executeMutation(
  request: FastifyRequest,
  reply: FastifyReply,
  services: MutationServices,
  description: MutationDescription,
  execute: (attempt: MutationAttempt) => Promise<MutationResult>,
): Promise<FastifyReply> {
  const now = services.now ?? Date.now;
  const key = readIdempotencyKey(request);
  const scope =
    key === undefined ? undefined : { tenantId: request.tenantId, accountId: description.accountId, key };
  let targetId = description.targetId;
  const audit = async (entry: AuditEntry) => {
    try {
      await services.store.appendAudit({
        tenantId: request.tenantId,
        accountId: description.accountId || null,
        operation: description.operation,
        targetId,
        options: description.options,
        requestId: request.id,
        createdAt: new Date(now()).toISOString(),
        ...entry,
      });
    } catch (error) {
      request.log.error({ err: error }, 'writing the audit log failed');
      throw new AuditWriteError();
    }
  };

  const attempt: MutationAttempt = { earlierAttemptMayHaveActed: false, providerCalls: [] };
  if (scope) {
    const requestHash = createHmac('sha256', services.requestHashKey)
      .update(canonicalJson(description.requestIdentity))
      .digest('hex');
    const claim = await services.store.claimIdempotencyKey(scope, requestHash, {
      now: now(),
      expiresAt: now() + idempotencyKeyLifetimeMs,
      staleInFlightBefore: now() - staleInFlightMs,
    });
    if (claim.claimed) attempt.earlierAttemptMayHaveActed = claim.earlierAttemptMayHaveActed;
    else {
      if (claim.record.requestHash !== requestHash) {
        throw new IdempotencyError({
          code: 'idempotency_key_mismatch',
          message: 'This Idempotency-Key was used for a different request; use a new key for a new request.',
        });
      }
      if (claim.record.state === 'in_flight' || !claim.record.response) {
        throw new IdempotencyError({
          code: 'idempotency_key_in_use',
          message: 'A request with this Idempotency-Key is still in progress; retry once it has finished.',
        });
      }
      const stored = claim.record.response;
      await audit({
        outcome: 'replayed',
        statusCode: stored.statusCode,
        errorCode: null,
        providerRequestIds: [],
      });
      return reply
        .code(stored.statusCode)
        .headers({ ...stored.headers, 'idempotent-replayed': 'true' })
        .type(stored.contentType)
        .send(stored.body);
    }
  }

  let response: StoredResponse;
  let entry: AuditEntry;
  let disposition: KeyDisposition = 'store';
  try {
    const result = await execute(attempt);
    targetId ??= result.targetId ?? null;
    response = {
      statusCode: result.statusCode,
      body: JSON.stringify(result.body ?? null),
      contentType: 'application/json; charset=utf-8',
      headers: {},
    };
    entry = {
      outcome: result.outcome ?? 'succeeded',
      statusCode: result.statusCode,
      errorCode: null,
      providerRequestIds: providerRequestIdsOf(result.providerCalls, undefined),
    };
  } catch (error) {
    const rendered = renderError(error, request.id);
    if (rendered.unexpected) request.log.error({ err: error }, 'unexpected error');
    disposition = keyDispositionOf(error, rendered.statusCode, attempt);
    response = {
      statusCode: rendered.statusCode,
      body: JSON.stringify(
        services.secrets.redact(rendered.body, accountScopeOf(request, description.accountId)),
      ),
      contentType: 'application/json; charset=utf-8',
      headers: rendered.headers,
    };
    entry = {
      outcome: disposition === 'mark_unknown' ? 'unknown' : 'failed',
      statusCode: rendered.statusCode,
      errorCode: rendered.body.code,
      providerRequestIds: providerRequestIdsOf(undefined, error),
    };
  }
  try {
    await audit(entry);
  } catch (error) {
    // The audit log is never silently incomplete: the caller learns the call is unrecorded.
    const rendered = renderError(error, request.id);
    // A call that failed changed nothing and may run again; one that succeeded did, but its caller hears of
    // an error, so a retry runs it knowing that.
    disposition = entry.outcome === 'failed' ? 'release' : 'mark_unknown';
    response = {
      statusCode: rendered.statusCode,
      body: JSON.stringify(rendered.body),
      contentType: 'application/json; charset=utf-8',
      headers: {},
    };
  }
  if (scope) {
    // Only a definite answer is stored. After an outcome nobody knows, a retry with the same key runs the call
    // again, told that the provider may already have acted (a delete then finds the user gone).
    if (disposition === 'store') await services.store.completeIdempotencyKey(scope, response);
    else if (disposition === 'release')
      await services.store.releaseIdempotencyKey(scope, attempt.earlierAttemptMayHaveActed);
    else await services.store.recordUnknownOutcome(scope);
  }
  return reply
    .code(response.statusCode)
    .headers(response.headers)
    .type(response.contentType)
    .send(response.body);
}
