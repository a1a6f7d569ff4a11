import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const serverDirectory = fileURLToPath(new URL('../..', import.meta.url));

/** Node running a TypeScript entry point of this package, with workspace packages resolved to source. */
export function tsNodeArguments(entry: string, ...rest: string[]): string[] {
  return ['--conditions=@unidir/source', '--import', 'tsx', entry, ...rest];
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: string[];
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `src/main.ts` in its own process and waits for its "listening" log line. */
export async function startServerProcess(environment: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, tsNodeArguments('src/main.ts'), {
    cwd: serverDirectory,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        if (line.includes('unidir is listening')) resolve((JSON.parse(line) as { address: string }).address);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('exit', (code) =>
      reject(new Error(`server exited with ${code} before listening:\n${output.join('\n')}`)),
    );
  });
  return {
    url,
    child,
    output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
