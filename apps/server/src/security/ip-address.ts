import { isIPv4, isIPv6 } from 'node:net';

/** Why an address may not be reached from a provider call; undefined means it is a public address. */
export type BlockedAddressReason =
  | 'loopback'
  | 'unspecified'
  | 'private'
  | 'link_local'
  | 'metadata'
  | 'multicast'
  | 'reserved';

type Ipv4Range = readonly [base: number, prefixLength: number, reason: BlockedAddressReason];

const ipv4 = (text: string): number =>
  text.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);

const blockedIpv4Ranges: readonly Ipv4Range[] = [
  [ipv4('169.254.169.254'), 32, 'metadata'],
  [ipv4('0.0.0.0'), 8, 'unspecified'],
  [ipv4('127.0.0.0'), 8, 'loopback'],
  [ipv4('10.0.0.0'), 8, 'private'],
  [ipv4('172.16.0.0'), 12, 'private'],
  [ipv4('192.168.0.0'), 16, 'private'],
  [ipv4('100.64.0.0'), 10, 'private'],
  [ipv4('169.254.0.0'), 16, 'link_local'],
  [ipv4('192.0.0.0'), 24, 'reserved'],
  [ipv4('198.18.0.0'), 15, 'reserved'],
  [ipv4('224.0.0.0'), 4, 'multicast'],
  [ipv4('240.0.0.0'), 4, 'reserved'],
];

function classifyIpv4(address: string): BlockedAddressReason | undefined {
  const value = ipv4(address);
  for (const [base, prefixLength, reason] of blockedIpv4Ranges) {
    const size = 2 ** (32 - prefixLength);
    if (value >= base && value < base + size) return reason;
  }
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail included). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const value = ipv4(dotted);
    text = `${text.slice(0, -dotted.length)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array<string>(Math.max(missing, 0)).fill('0'), ...tailGroups].map((group) =>
    Number.parseInt(group, 16),
  );
}

function embeddedIpv4(groups: readonly number[]): string {
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function classifyIpv6(address: string): BlockedAddressReason | undefined {
  const groups = ipv6Groups(address);
  const [first = 0] = groups;
  const allZeroUntil = (end: number) => groups.slice(0, end).every((group) => group === 0);
  if (allZeroUntil(8)) return 'unspecified';
  if (allZeroUntil(7) && groups[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses reach the IPv4 address inside.
  if (allZeroUntil(5) && (groups[5] === 0xffff || groups[5] === 0)) return classifyIpv4(embeddedIpv4(groups));
  // IPv4-translated (::ffff:0:a.b.c.d, RFC 2765) also reaches the IPv4 address inside.
  if (allZeroUntil(4) && groups[4] === 0xffff && groups[5] === 0) return classifyIpv4(embeddedIpv4(groups));
  // Local-use NAT64 (64:ff9b:1::/48, RFC 8215) translates into the operator's own network.
  if (first === 0x64 && groups[1] === 0xff9b && groups[2] === 1) return 'private';
  // Teredo (2001::/32) tunnels to an IPv4 host; no provider API lives behind one.
  if (first === 0x2001 && groups[1] === 0) return 'reserved';
  // NAT64 (64:ff9b::/96) translates to the embedded IPv4 address.
  if (first === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0))
    return classifyIpv4(embeddedIpv4(groups));
  if ((first & 0xfe00) === 0xfc00) return 'private';
  if ((first & 0xffc0) === 0xfe80) return 'link_local';
  // Site-local (fec0::/10): deprecated, but still routed inside some networks.
  if ((first & 0xffc0) === 0xfec0) return 'private';
  if ((first & 0xff00) === 0xff00) return 'multicast';
  if (first === 0x2002) {
    const high = groups[1] ?? 0;
    const low = groups[2] ?? 0;
    return classifyIpv4([high >> 8, high & 0xff, low >> 8, low & 0xff].join('.'));
  }
  return undefined;
}

/** Classifies an IP literal (IPv6 with or without brackets); throws for anything that is not one. */
export function classifyAddress(address: string): BlockedAddressReason | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIPv4(bare)) return classifyIpv4(bare);
  if (isIPv6(bare)) return classifyIpv6(bare);
  throw new TypeError(`Not an IP address: ${address}`);
}

export function isIpLiteral(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return isIPv4(bare) || isIPv6(bare);
}

/** `localhost`, `foo.localhost` and `localhost.` resolve to loopback by definition (RFC 6761). */
export function isLocalhostName(hostname: string): boolean {
  const normalized = hostname.toLowerCase().replace(/\.$/, '');
  return normalized === 'localhost' || normalized.endsWith('.localhost');
}
