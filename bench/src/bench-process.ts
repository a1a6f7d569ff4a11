import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ChildMessage, ParentMessage } from './processes/process-protocol.js';

const require = createRequire(import.meta.url);

/**
 * Children run their own entry file through tsx but load workspace packages from their build, as a user's
 * server does: tsx's transform wraps every function it creates in a naming helper, which the published
 * build has not (4% of the server's time when it ran from source). `pnpm bench` and `pnpm test` build them
 * first; running vitest in bench/ alone measures whatever build is there.
 */
const childExecArguments = ['--import', pathToFileURL(require.resolve('tsx')).href];

/**
 * `BENCH_PROFILE=unidir-server-process` (comma-separated process names) writes a V8 CPU profile of those
 * children into `BENCH_PROFILE_DIR` (default: the working directory) when they stop; open it in Chrome
 * DevTools or speedscope.
 */
function profilingArguments(entry: string): string[] {
  const profiled = (process.env.BENCH_PROFILE ?? '').split(',').map((name) => name.trim());
  if (!profiled.includes(entry)) {
    return [];
  }
  return ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR ?? process.cwd()}`];
}

const startTimeoutMs = 60_000;
const stopTimeoutMs = 10_000;
const keptOutputBytes = 8_192;

export interface BenchProcess<Info> {
  readonly name: string;
  readonly pid: number;
  /** What the child announced once ready (its URL, credentials, ...). */
  readonly info: Info;
  call<Result>(command: string, payload?: unknown): Promise<Result>;
  /** The child's resident set size in bytes. */
  residentSetSize(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The bench measures the server on its embedded default: a DATABASE_URL set for the test suite (CI sets
 * one) must not switch the server it starts to PostgreSQL.
 */
function inheritedEnvironment(): NodeJS.ProcessEnv {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  return inherited;
}

/** Starts `processes/<entry>.ts` in its own Node process and waits until it says it is ready. */
export async function startBenchProcess<Info>(
  entry: string,
  options: unknown,
  environment: Record<string, string> = {},
  nodeFlags: readonly string[] = [],
): Promise<BenchProcess<Info>> {
  const modulePath = fileURLToPath(new URL(`./processes/${entry}.ts`, import.meta.url));
  const child = fork(modulePath, [JSON.stringify(options)], {
    execArgv: [...childExecArguments, ...nodeFlags, ...profilingArguments(entry)],
    env: { ...inheritedEnvironment(), ...environment },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keepOutput = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-keptOutputBytes);
    if (process.env.BENCH_VERBOSE) {
      process.stderr.write(`[${entry}] ${chunk.toString('utf8')}`);
    }
  };
  child.stdout?.on('data', keepOutput);
  child.stderr?.on('data', keepOutput);

  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextCallId = 1;
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      for (const call of pending.values()) {
        call.reject(new Error(`${entry} exited (${signal ?? code}) during a call:\n${output}`));
      }
      pending.clear();
      resolve();
    });
  });

  const info = await new Promise<Info>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start within ${startTimeoutMs} ms:\n${output}`));
    }, startTimeoutMs);
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.info as Info);
      } else if (message.type === 'result') {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) {
          call?.reject(new Error(`${entry}: ${message.error}`));
        } else {
          call?.resolve(message.result);
        }
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });

  const call = <Result>(command: string, payload?: unknown) =>
    new Promise<Result>((resolve, reject) => {
      if (exited) {
        reject(new Error(`${entry} is not running:\n${output}`));
        return;
      }
      const id = nextCallId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const message: ParentMessage = { type: 'call', id, command, payload };
      child.send(message);
    });

  return {
    name: entry,
    pid: child.pid as number,
    info,
    call,
    residentSetSize: () => call<number>('memory'),
    stop: () => stopChild(child, call, exitedPromise, () => exited),
  };
}

async function stopChild(
  child: ChildProcess,
  call: (command: string) => Promise<unknown>,
  exitedPromise: Promise<void>,
  hasExited: () => boolean,
): Promise<void> {
  if (hasExited()) {
    return;
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  await call('stop').catch(() => child.kill('SIGKILL'));
  await exitedPromise;
  clearTimeout(timer);
}
