import cliProgress from 'cli-progress';

/** What the CLI reads of a step from `GET /offboardings/{id}`. */
export interface StepView {
  id: string;
  integrated_account_id: string;
  integration: string;
  status: string;
  user_id: string | null;
  reason: string | null;
  error: { code: string; message: string } | null;
  plan: { actions: Array<{ action: string }> } | null;
  actions: Array<{ action: string; outcome: string }> | null;
}

export interface RunView {
  id: string;
  status: string;
  dry_run: boolean;
  steps: StepView[];
}

const openStatuses = ['queued', 'sent'];

export interface ProgressDisplay {
  update(run: RunView): void;
  stop(): void;
}

function detailOf(step: StepView): string {
  if (step.error) return `${step.error.code}: ${step.error.message}`;
  if (step.actions?.length)
    return step.actions.map((action) => `${action.action} ${action.outcome}`).join(', ');
  if (step.plan?.actions.length && step.status === 'planned') {
    return `would ${step.plan.actions.map((action) => action.action).join(', ')}`;
  }
  return step.reason ?? '';
}

/** One bar per account and an overall bar, redrawn in place: for a terminal. */
function terminalDisplay(output: NodeJS.WriteStream): ProgressDisplay {
  const bars = new cliProgress.MultiBar(
    {
      stream: output,
      format: '{label} [{bar}] {status} {detail}',
      barsize: 12,
      hideCursor: true,
      clearOnComplete: false,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const stepBars = new Map<string, cliProgress.SingleBar>();
  let overall: cliProgress.SingleBar | undefined;
  return {
    update(run) {
      const finished = run.steps.filter((step) => !openStatuses.includes(step.status)).length;
      overall ??= bars.create(run.steps.length, 0, {
        label: 'all accounts'.padEnd(40),
        status: '',
        detail: '',
      });
      overall.update(finished, { status: run.status, detail: `${finished}/${run.steps.length}` });
      for (const step of run.steps) {
        const label = `${step.integration} ${step.integrated_account_id}`.slice(0, 40).padEnd(40);
        const bar = stepBars.get(step.id) ?? bars.create(2, 0, { label, status: '', detail: '' });
        stepBars.set(step.id, bar);
        const progress = step.status === 'queued' ? 0 : step.status === 'sent' ? 1 : 2;
        bar.update(progress, { label, status: step.status.padEnd(12), detail: detailOf(step).slice(0, 60) });
      }
    },
    stop: () => bars.stop(),
  };
}

/** A line whenever a step changes: for logs and pipes. */
function lineDisplay(output: NodeJS.WritableStream): ProgressDisplay {
  const seen = new Map<string, string>();
  return {
    update(run) {
      for (const step of run.steps) {
        if (seen.get(step.id) === step.status) continue;
        seen.set(step.id, step.status);
        const detail = detailOf(step);
        output.write(
          `${step.integration} ${step.integrated_account_id} ${step.status}${detail ? ` - ${detail}` : ''}\n`,
        );
      }
    },
    stop() {},
  };
}

export function createProgressDisplay(output: NodeJS.WriteStream): ProgressDisplay {
  return output.isTTY ? terminalDisplay(output) : lineDisplay(output);
}

/** The final table: one row per account. */
export function renderTable(run: RunView): string {
  const header = ['ACCOUNT', 'INTEGRATION', 'STATUS', 'USER', 'DETAIL'];
  const rows = run.steps.map((step) => [
    step.integrated_account_id,
    step.integration,
    step.status,
    step.user_id ?? '-',
    detailOf(step),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (column === 4 ? 0 : (row[column] ?? '').length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line), '', `offboarding ${run.id}: ${run.status}`].join('\n');
}
