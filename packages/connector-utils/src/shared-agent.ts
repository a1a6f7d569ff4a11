import { Agent } from 'undici';

let sharedAgent: Agent | undefined;

/** One keep-alive pool per origin for every client that was not given a dispatcher. */
export function getSharedAgent(): Agent {
  sharedAgent ??= new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 64 });
  return sharedAgent;
}
