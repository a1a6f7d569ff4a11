import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../server-context.js';
import type { AuditRecord } from '../storage/store.js';
import {
  assertKnownQueryParameters,
  decodePageCursor,
  encodePageCursor,
  readLimit,
  readSingleQueryValue,
} from './page-cursor.js';

const auditPosition = z.object({ before: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });

function viewAuditRecord(record: AuditRecord) {
  return {
    id: String(record.sequence),
    created_at: record.createdAt,
    integrated_account_id: record.accountId,
    operation: record.operation,
    target_id: record.targetId,
    options: record.options,
    outcome: record.outcome,
    status_code: record.statusCode,
    error_code: record.errorCode,
    provider_request_ids: record.providerRequestIds,
    request_id: record.requestId,
  };
}

/** `GET /audit-log`: the tenant's mutating calls, newest first. */
export function registerAuditLogRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/audit-log', async (request: FastifyRequest) => {
    assertKnownQueryParameters(request.query, ['limit', 'next_cursor', 'integrated_account_id']);
    const limit = readLimit(readSingleQueryValue(request.query, 'limit'));
    const position = decodePageCursor(readSingleQueryValue(request.query, 'next_cursor'), auditPosition);
    const accountId = readSingleQueryValue(request.query, 'integrated_account_id');
    const records = await context.store.listAudit(request.tenantId, {
      limit: limit + 1,
      ...(position ? { beforeSequence: position.before } : {}),
      ...(accountId ? { accountId } : {}),
    });
    const page = records.slice(0, limit);
    const last = page.at(-1);
    return {
      result: page.map(viewAuditRecord),
      next_cursor: records.length > limit && last ? encodePageCursor({ before: last.sequence }) : null,
      prev_cursor: null,
      result_count: page.length,
    };
  });
}
