import { ProviderTimeoutError } from '@unidir/core';

export interface CallBudget {
  /** Aborted when the budget runs out or any of the caller's signals aborts. */
  signal: AbortSignal;
  /** Epoch milliseconds at which the budget runs out. */
  deadline: number;
  /**
   * Runs the task and settles no later than the signal: a connector that ignores its signal still
   * cannot hold the caller past the deadline.
   */
  run<Result>(task: () => Promise<Result>): Promise<Result>;
}

/**
 * One unified call's time budget. Listeners are added to the caller's signals only for the call's
 * duration, so a long-lived signal does not collect one listener per call.
 */
export async function withCallBudget<T>(
  timeBudgetMs: number,
  callerSignals: ReadonlyArray<AbortSignal | undefined>,
  use: (budget: CallBudget) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(
      new ProviderTimeoutError({
        message: `The call did not finish within its time budget of ${timeBudgetMs} ms.`,
      }),
    );
  }, timeBudgetMs);
  const removals: Array<() => void> = [];
  for (const callerSignal of callerSignals) {
    if (!callerSignal) continue;
    if (callerSignal.aborted) {
      controller.abort(callerSignal.reason);
      break;
    }
    const forward = () => controller.abort(callerSignal.reason);
    callerSignal.addEventListener('abort', forward, { once: true });
    removals.push(() => callerSignal.removeEventListener('abort', forward));
  }
  const { signal } = controller;
  const budget: CallBudget = {
    signal,
    deadline: Date.now() + timeBudgetMs,
    run: <Result>(task: () => Promise<Result>) =>
      new Promise<Result>((resolve, reject) => {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        new Promise<Result>((settle) => settle(task()))
          .then(resolve, reject)
          .finally(() => signal.removeEventListener('abort', onAbort));
      }),
  };
  try {
    return await use(budget);
  } finally {
    clearTimeout(timer);
    for (const remove of removals) remove();
  }
}
