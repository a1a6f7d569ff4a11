import { ValidationError } from '@unidir/core';

/** A provider host the operator allows beyond each connector's own hosts. */
export interface AllowedProviderHost {
  /** Lower-case host name or IP literal (IPv6 without brackets). */
  hostname: string;
  port: number;
  /** Plain http is allowed only when the operator wrote `http://host:port`. */
  allowHttp: boolean;
}

/** Parses `host:port`, `[::1]:port` or `http://host:port` entries of UNIDIR_ALLOWED_PROVIDER_HOSTS. */
export function parseAllowedProviderHosts(entries: readonly string[]): AllowedProviderHost[] {
  return entries.map((entry) => {
    const allowHttp = entry.toLowerCase().startsWith('http://');
    const withoutScheme = entry.replace(/^https?:\/\//i, '');
    let url: URL;
    try {
      url = new URL(`https://${withoutScheme}`);
    } catch {
      url = new URL('https://invalid.invalid');
    }
    const explicitPort = /:(\d+)$/.exec(withoutScheme)?.[1];
    if (
      url.hostname === 'invalid.invalid' ||
      explicitPort === undefined ||
      url.pathname !== '/' ||
      url.username
    ) {
      throw new ValidationError({
        code: 'invalid_configuration',
        message: `UNIDIR_ALLOWED_PROVIDER_HOSTS: "${entry}" is not host:port (e.g. graph.contoso.example:443 or http://127.0.0.1:8443).`,
        details: { variable: 'UNIDIR_ALLOWED_PROVIDER_HOSTS' },
      });
    }
    return { hostname: normalizeHostname(url.hostname), port: Number(explicitPort), allowHttp };
  });
}

/** Lower case, no trailing dot, IPv6 without brackets: the form every host comparison uses. */
export function normalizeHostname(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

export function findAllowedProviderHost(
  allowed: readonly AllowedProviderHost[],
  hostname: string,
  port: number,
): AllowedProviderHost | undefined {
  const normalized = normalizeHostname(hostname);
  return allowed.find((entry) => entry.hostname === normalized && entry.port === port);
}
