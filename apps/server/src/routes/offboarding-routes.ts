import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { executeMutation } from '../http/mutation-executor.js';
import { parseCreateOffboarding } from '../offboarding/offboarding-request.js';
import { OffboardingService } from '../offboarding/offboarding-service.js';
import { OffboardingStore } from '../offboarding/offboarding-store.js';
import { stepCounts, viewRunSummary, viewStep } from '../offboarding/offboarding-views.js';
import { OffboardingWorker } from '../offboarding/offboarding-worker.js';
import type { ServerContext } from '../server-context.js';
import {
  assertKnownQueryParameters,
  decodePageCursor,
  encodePageCursor,
  readLimit,
  readSingleQueryValue,
} from './page-cursor.js';

const runPosition = z.object({ created_at: z.string(), id: z.string() });

/** Seconds a claimed step stays with a process that stopped renewing it (it died): the resume delay. */
function leaseMsFromEnvironment(): number {
  const seconds = Number(process.env.UNIDIR_OFFBOARDING_LEASE_SECONDS ?? 30);
  return Number.isFinite(seconds) && seconds >= 1 ? seconds * 1000 : 30_000;
}

const eventPollMs = 300;

interface IdParameters {
  id: string;
}

/**
 * `/offboardings`: remove a person from every connected account in one durable run. This process's worker
 * starts with the server and stops (letting steps in flight finish) when it closes.
 */
export function registerOffboardingRoutes(app: FastifyInstance, context: ServerContext): void {
  const store = new OffboardingStore(context.store.driver);
  const owner = randomUUID();
  const leaseMs = leaseMsFromEnvironment();
  const worker = new OffboardingWorker({
    context,
    store,
    owner,
    leaseMs,
    concurrency: 16,
    perIntegration: 8,
    perAccount: 2,
    pollMs: 1000,
  });
  const service = new OffboardingService({
    context,
    store,
    owner,
    dryRunConcurrency: 8,
    onQueued: () => worker.wake(),
  });
  let closing = false;
  app.addHook('onReady', async () => worker.start());
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onClose', async () => worker.stop());

  app.post('/offboardings', async (request, reply) => {
    const input = parseCreateOffboarding(request.body);
    return executeMutation(
      request,
      reply,
      context,
      {
        accountId: '',
        operation: 'offboardings.create',
        targetId: null,
        options: {
          dry_run: input.dry_run === true,
          integrated_account_ids: input.integrated_account_ids ?? 'all active',
          ...(input.action ? { action: input.action } : {}),
        },
        requestIdentity: { method: 'POST', path: '/offboardings', body: request.body },
      },
      async () => {
        const created = await service.create(
          { tenantId: request.tenantId, apiTokenId: request.apiTokenId, requestId: request.id },
          input,
        );
        return { ...created, outcome: input.dry_run ? 'dry_run' : 'succeeded' };
      },
    );
  });

  app.get('/offboardings', async (request: FastifyRequest<{ Querystring: Record<string, string> }>) => {
    assertKnownQueryParameters(request.query, ['limit', 'next_cursor']);
    const limit = readLimit(readSingleQueryValue(request.query, 'limit'));
    const before = decodePageCursor(readSingleQueryValue(request.query, 'next_cursor'), runPosition);
    const runs = await store.listRuns(request.tenantId, {
      limit: limit + 1,
      ...(before ? { before: { createdAt: before.created_at, id: before.id } } : {}),
    });
    const page = runs.slice(0, limit);
    const counts = await store.stepCounts(page.map((run) => run.id));
    const last = page.at(-1);
    return {
      result: page.map((run) => viewRunSummary(run, counts.get(run.id) ?? {})),
      next_cursor:
        runs.length > limit && last ? encodePageCursor({ created_at: last.createdAt, id: last.id }) : null,
      prev_cursor: null,
      result_count: page.length,
    };
  });

  app.get('/offboardings/:id', async (request: FastifyRequest<{ Params: IdParameters }>) =>
    service.view(request.tenantId, request.params.id),
  );

  for (const [name, change] of [
    ['cancel', (tenantId: string, id: string) => service.cancel(tenantId, id)],
    ['retry', (tenantId: string, id: string) => service.retry(tenantId, id)],
  ] as const) {
    app.post(`/offboardings/:id/${name}`, async (request: FastifyRequest<{ Params: IdParameters }>, reply) =>
      executeMutation(
        request,
        reply,
        context,
        {
          accountId: '',
          operation: `offboardings.${name}`,
          targetId: request.params.id,
          options: {},
          requestIdentity: { method: 'POST', path: request.url },
        },
        async () => ({ statusCode: 200, body: await change(request.tenantId, request.params.id) }),
      ),
    );
  }

  // Server-Sent Events: every step as it changes, the run's summary as it changes, then `end`.
  app.get('/offboardings/:id/events', async (request: FastifyRequest<{ Params: IdParameters }>, reply) => {
    const run = await service.get(request.tenantId, request.params.id);
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-request-id': request.id,
    });
    let open = true;
    // The response's close, not the request's: a GET's request closes as soon as it has been read.
    stream.on('close', () => {
      open = false;
    });
    const send = (event: string, data: unknown) =>
      // Step errors are scrubbed of their account's secrets when they are stored.
      stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const seen = new Map<string, string>();
    let lastRun = '';
    try {
      while (open && !closing) {
        const current = await service.get(request.tenantId, run.id);
        const steps = await service.steps(run.id);
        for (const step of steps) {
          const version = `${step.status}|${step.updatedAt}`;
          if (seen.get(step.id) === version) continue;
          seen.set(step.id, version);
          send('step', viewStep(step));
        }
        const summary = viewRunSummary(current, stepCounts(steps));
        const version = JSON.stringify(summary);
        if (version !== lastRun) {
          lastRun = version;
          send('run', summary);
        }
        if (!['running', 'cancelling'].includes(current.status)) {
          send('end', { id: current.id, status: current.status });
          break;
        }
        await sleep(eventPollMs);
      }
    } catch (error) {
      // The headers are sent: the error can only be logged, and the stream ended.
      request.log.error({ err: error }, 'offboarding events failed');
    } finally {
      stream.end();
    }
  });
}
