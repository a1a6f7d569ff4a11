import { Agent } from 'undici';

/**
 * The keep-alive pool kept per provider origin, for the shared Agent and for a host's own (the server's
 * egress Agent). Measured with `pnpm bench --only=M1,M2` (issue 19, 2 shared cores, load 7-21): 16
 * connections per origin, pipelining 4 and undici's defaults (no connection cap, pipelining 1) gave the
 * same unified/proxy throughput within the runs' spread at c=16 and c=64, so the choice rests on safety:
 * no pipelining (a provider that stalls one answer would hold up the requests queued behind it, and a
 * write must never be queued behind a read that may fail the connection), at most 64 sockets per provider
 * (no queueing up to the bench's c=64, a bound on what one provider is sent at once), and idle sockets kept
 * 10 s (reused across calls a few seconds apart; undici's default is 4 s) and never beyond 60 s.
 */
export const providerPoolOptions = {
  connections: 64,
  pipelining: 1,
  keepAliveTimeout: 10_000,
  keepAliveMaxTimeout: 60_000,
} as const satisfies Agent.Options;

let sharedAgent: Agent | undefined;

/** One keep-alive pool per origin for every client that was not given a dispatcher. */
export function getSharedAgent(): Agent {
  sharedAgent ??= new Agent(providerPoolOptions);
  return sharedAgent;
}
