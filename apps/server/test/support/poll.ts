const pollEveryMs = 50;
const pollTries = 100;
/** The longest pollUntil waits. */
export const longestPollMs = pollEveryMs * pollTries;

/** Waits for `condition` to hold, checking every 50 ms for at most `longestPollMs`; throws if it never does. */
export async function pollUntil(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < pollTries; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, pollEveryMs));
  }
  throw new Error(`${what}: never happened`);
}
