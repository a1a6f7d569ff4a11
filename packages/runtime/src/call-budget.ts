import { ProviderTimeoutError } from '@unidir/core';

export interface CallBudget {
  /** Aborted when the budget runs out, when any of the caller's signals aborts, or when the host aborts. */
  signal: AbortSignal;
  /** Epoch milliseconds at which the budget runs out. */
  deadline: number;
  /**
   * Runs the task and settles no later than the signal: a connector that ignores its signal still
   * cannot hold the caller past the deadline.
   */
  run<Result>(task: () => Promise<Result>): Promise<Result>;
}

/** What may end a call before its budget runs out. */
export interface CallAborters {
  signals?: ReadonlyArray<AbortSignal | undefined>;
  /** Given the call's abort once, before the call starts (see UnifiedRequest.bindAbort). */
  bindAbort?: (abort: () => void) => void;
}

/**
 * One unified call's time budget: the call's only AbortController and timer (provider attempts use the
 * budget's signal, not signals of their own). Listeners are added to the caller's signals only for the
 * call's duration, so a long-lived signal does not collect one listener per call.
 */
export async function withCallBudget<T>(
  timeBudgetMs: number,
  aborters: CallAborters,
  use: (budget: CallBudget) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const { signal } = controller;
  const runRejections: Array<(reason: unknown) => void> = [];
  let finished = false;
  const abort = (reason?: unknown) => {
    if (finished || signal.aborted) return;
    controller.abort(reason);
    for (const reject of runRejections) reject(signal.reason);
  };
  const timer = setTimeout(() => {
    abort(
      new ProviderTimeoutError({
        message: `The call did not finish within its time budget of ${timeBudgetMs} ms.`,
      }),
    );
  }, timeBudgetMs);
  const removals: Array<() => void> = [];
  for (const callerSignal of aborters.signals ?? []) {
    if (!callerSignal) continue;
    if (callerSignal.aborted) {
      abort(callerSignal.reason);
      break;
    }
    const forward = () => abort(callerSignal.reason);
    callerSignal.addEventListener('abort', forward, { once: true });
    removals.push(() => callerSignal.removeEventListener('abort', forward));
  }
  aborters.bindAbort?.(() => abort());
  const budget: CallBudget = {
    signal,
    deadline: Date.now() + timeBudgetMs,
    run: <Result>(task: () => Promise<Result>) =>
      new Promise<Result>((resolve, reject) => {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        // Rejected by abort() directly: no listener on the signal per call.
        runRejections.push(reject);
        new Promise<Result>((settle) => settle(task())).then(resolve, reject);
      }),
  };
  try {
    return await use(budget);
  } finally {
    finished = true;
    clearTimeout(timer);
    for (const remove of removals) remove();
  }
}

/** A signal the host's abort ends, for work that outlives one budget (a stream's pages). */
export function signalOfBoundAbort(bindAbort: CallAborters['bindAbort']): AbortSignal | undefined {
  if (bindAbort === undefined) return undefined;
  const controller = new AbortController();
  bindAbort(() => controller.abort());
  return controller.signal;
}
