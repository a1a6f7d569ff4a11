import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { providerPoolOptions } from '@unidir/connector-utils';
import { DisallowedHostError } from '@unidir/core';
import { Agent, buildConnector } from 'undici';
import {
  type AllowedProviderHost,
  findAllowedProviderHost,
  normalizeHostname,
} from '../config/allowed-provider-hosts.js';
import { classifyAddress, isIpLiteral, isLocalhostName } from './ip-address.js';

export type LookupFunction = (
  hostname: string,
  options: { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface EgressAgentOptions {
  /** Operator-allowed host:port pairs: these may resolve to private or loopback addresses. */
  allowedHosts: () => readonly AllowedProviderHost[];
  /** Only these destinations are reachable at all (sandbox agents); others are refused. */
  onlyAllowedHosts?: boolean;
  /** DNS resolution, replaceable so tests never send a packet. */
  lookup?: LookupFunction;
  /** The socket connector, replaceable in tests; default undici's. */
  connector?: buildConnector.connector;
  connectTimeoutMs?: number;
}

/** The checked address to connect to, or the reason no connection may be made. */
export async function resolveProviderDestination(
  hostname: string,
  port: number,
  options: Pick<EgressAgentOptions, 'allowedHosts' | 'onlyAllowedHosts' | 'lookup'>,
): Promise<string> {
  // The WHATWG parser canonicalises decimal, octal and hex IPv4 forms (2130706433, 0177.0.0.1, 0x7f.1).
  const canonical = normalizeHostname(
    new URL(`http://${hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname}`)
      .hostname,
  );
  const operatorAllowed = findAllowedProviderHost(options.allowedHosts(), canonical, port) !== undefined;
  const refuse = (reason: string) =>
    new DisallowedHostError({
      message: `Provider calls to ${canonical}:${port} are not allowed (${reason}).`,
      host: `${canonical}:${port}`,
      details: { reason },
    });
  if (options.onlyAllowedHosts && !operatorAllowed) throw refuse('not an allowed destination');
  if (isIpLiteral(canonical)) {
    const reason = classifyAddress(canonical);
    if (reason !== undefined && !operatorAllowed) throw refuse(reason);
    return canonical;
  }
  if (isLocalhostName(canonical) && !operatorAllowed) throw refuse('loopback');
  const lookup = options.lookup ?? (dnsLookup as unknown as LookupFunction);
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    lookup(canonical, { all: true }, (error, answer) => (error ? reject(error) : resolve(answer))),
  );
  const [first] = addresses;
  if (first === undefined) throw refuse('no address');
  if (!operatorAllowed) {
    // Every answer is checked: a name with one public and one private record must not reach the private one.
    for (const { address } of addresses) {
      const reason = classifyAddress(address);
      if (reason !== undefined) throw refuse(`resolves to a ${reason} address`);
    }
  }
  return first.address;
}

/**
 * An undici Agent that resolves each provider host itself, refuses loopback, private, link-local,
 * metadata and unspecified addresses unless the operator allowed the host:port, and connects to the
 * address it checked, so a DNS answer that changes between check and connect cannot redirect it.
 * Redirects are never followed (undici's Agent has no redirect interceptor).
 */
export function createEgressAgent(options: EgressAgentOptions): Agent {
  const connector = options.connector ?? buildConnector({ timeout: options.connectTimeoutMs ?? 10_000 });
  return new Agent({
    ...providerPoolOptions,
    connect(connectOptions, callback) {
      const port = Number(connectOptions.port) || (connectOptions.protocol === 'https:' ? 443 : 80);
      resolveProviderDestination(connectOptions.hostname, port, options).then(
        (address) => {
          const servername = isIpLiteral(connectOptions.hostname)
            ? undefined
            : normalizeHostname(connectOptions.hostname);
          connector(
            { ...connectOptions, hostname: address, ...(servername ? { servername } : {}) },
            callback,
          );
        },
        (error: Error) => callback(error, null),
      );
    },
  });
}
