import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { createProgressDisplay, type RunView, renderTable } from './offboard-display.js';

export const offboardUsage = `  unidir offboard <email>... [--dry-run] [--accounts <id,id>] [--action <name>] [--reason <text>]
                         [--url <base url>] [--token <api token>]
      removes the person from every connected account (or plans it, with --dry-run) on a running server;
      --url defaults to UNIDIR_URL or http://127.0.0.1:8080, --token to UNIDIR_TOKEN;
      exits 0 only when every account ended done or already_done (planned, for a dry run)`;

const pollIntervalMs = 500;

interface Io {
  environment: NodeJS.ProcessEnv;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WritableStream;
}

async function callApi(baseUrl: string, token: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await request(new URL(path, baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      // A retried command must not start a second run.
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.body.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (response.statusCode >= 400) {
    throw new Error(
      `${method} ${path} answered ${response.statusCode} ${parsed.code ?? ''}: ${parsed.message ?? text}`,
    );
  }
  return parsed as unknown as RunView;
}

/** `unidir offboard`: starts a run, shows it live, prints the table; the exit status says whether it all worked. */
export async function runOffboardCommand(argv: readonly string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean' },
      accounts: { type: 'string' },
      action: { type: 'string' },
      reason: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
    },
  });
  const token = values.token ?? io.environment.UNIDIR_TOKEN;
  if (positionals.length === 0 || !token) {
    io.stderr.write(
      `${positionals.length === 0 ? 'Name the person by email.' : 'Give --token or UNIDIR_TOKEN.'}\nUsage:\n${offboardUsage}\n`,
    );
    return 2;
  }
  const baseUrl = values.url ?? io.environment.UNIDIR_URL ?? 'http://127.0.0.1:8080';
  const accounts = values.accounts
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const dryRun = values['dry-run'] === true;
  let run = await callApi(baseUrl, token, 'POST', '/offboardings', {
    person: { emails: positionals },
    ...(accounts?.length ? { integrated_account_ids: accounts } : {}),
    ...(values.action ? { action: values.action } : {}),
    ...(values.reason ? { reason: values.reason } : {}),
    ...(dryRun ? { dry_run: true } : {}),
  });
  const display = createProgressDisplay(io.stdout);
  display.update(run);
  while (['running', 'cancelling'].includes(run.status)) {
    await sleep(pollIntervalMs);
    run = await callApi(baseUrl, token, 'GET', `/offboardings/${run.id}`);
    display.update(run);
  }
  display.stop();
  io.stdout.write(`\n${renderTable(run)}\n`);
  const succeeded = dryRun ? ['planned'] : ['done', 'already_done'];
  return run.steps.every((step) => succeeded.includes(step.status)) ? 0 : 1;
}
