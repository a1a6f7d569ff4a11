import { createServer, loadServerConfig } from '@unidir/server';
import { serveBenchProcess } from './process-protocol.js';

/**
 * The unidir server as a user runs it, configured from the environment the bench sets (fresh data folder,
 * bootstrap token, the fakes' hosts allowed), in a process of its own so its RSS is its own.
 */
const server = await createServer({ config: loadServerConfig(process.env) });
const url = await server.listen();
serveBenchProcess({ info: { url }, close: () => server.close() });
