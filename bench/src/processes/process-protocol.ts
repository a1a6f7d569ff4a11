/**
 * The messages a bench child process and the bench exchange over the IPC channel of `fork`:
 * the child announces itself once ready, then answers numbered calls until told to stop.
 */
export type ChildMessage =
  | { type: 'ready'; info: unknown }
  | { type: 'result'; id: number; result?: unknown; error?: string };

export type ParentMessage = { type: 'call'; id: number; command: string; payload?: unknown };

export type CommandHandlers = Record<string, (payload: unknown) => unknown | Promise<unknown>>;

/** Reads the options the bench passed as the child's one JSON argument. */
export function readProcessOptions<Options>(): Options {
  const argument = process.argv[2];
  if (argument === undefined) {
    throw new Error('a bench process needs its options as a JSON argument');
  }
  return JSON.parse(argument) as Options;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

/**
 * Serves the bench from inside a child process. Every child answers `memory` (its resident set size,
 * sampled here because only the process itself sees its own memory portably), `memory-usage` (all of
 * `process.memoryUsage()`: heap, external and array buffers beside the RSS) and `stop`.
 */
export function serveBenchProcess(options: {
  info: unknown;
  commands?: CommandHandlers;
  close: () => Promise<void>;
}): void {
  const commands: CommandHandlers = {
    ...options.commands,
    memory: () => process.memoryUsage().rss,
    'memory-usage': () => process.memoryUsage(),
    stop: async () => {
      await options.close();
      setImmediate(() => process.exit(0));
    },
  };
  process.on('message', async (message: ParentMessage) => {
    if (message.type !== 'call') {
      return;
    }
    const handler = commands[message.command];
    try {
      if (handler === undefined) {
        throw new Error(`unknown command ${message.command}`);
      }
      send({ type: 'result', id: message.id, result: await handler(message.payload) });
    } catch (error) {
      send({ type: 'result', id: message.id, error: error instanceof Error ? error.stack : String(error) });
    }
  });
  // The bench going away (crash, Ctrl-C) must not leave servers behind.
  process.on('disconnect', () => {
    void options.close().finally(() => process.exit(0));
  });
  send({ type: 'ready', info: options.info });
}
