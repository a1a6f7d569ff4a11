#!/usr/bin/env node
import { UnidirError } from '@unidir/core';
import { loadServerConfig } from './config/server-config.js';
import { createServer } from './server.js';

/** Starts the server from the environment; SIGTERM/SIGINT stop it gracefully. */
async function main(): Promise<void> {
  const server = await createServer({ config: loadServerConfig(process.env) });
  const address = await server.listen();
  server.logger.info({ address, storage: server.store.kind }, 'unidir is listening');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'stopping: finishing in-flight requests');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Configuration problems are the operator's to fix: say what, without a stack trace.
  const message = UnidirError.isInstance(error)
    ? error.message
    : error instanceof Error
      ? (error.stack ?? error.message)
      : String(error);
  process.stderr.write(`unidir failed to start: ${message}\n`);
  process.exit(1);
});
