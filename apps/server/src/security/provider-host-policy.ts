import { DisallowedHostError, ValidationError } from '@unidir/core';
import {
  type AllowedProviderHost,
  findAllowedProviderHost,
  normalizeHostname,
} from '../config/allowed-provider-hosts.js';

/** A connector's provider host entry matches exactly, or any subdomain when written `*.example.com`. */
function matchesProviderHost(pattern: string, hostname: string): boolean {
  const normalizedPattern = normalizeHostname(pattern);
  if (normalizedPattern.startsWith('*.')) return hostname.endsWith(normalizedPattern.slice(1));
  return normalizedPattern === hostname;
}

/**
 * Checks one provider URL from an account's settings: https to one of the connector's own hosts, or a
 * host:port the operator allowed (plain http only where the operator wrote `http://`).
 */
export function assertAllowedProviderUrl(
  setting: string,
  value: unknown,
  providerHosts: readonly string[],
  allowedHosts: readonly AllowedProviderHost[],
): void {
  if (typeof value !== 'string') {
    throw new ValidationError({ message: `settings.${setting} must be a URL string.`, details: { setting } });
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError({ message: `settings.${setting} is not a valid URL.`, details: { setting } });
  }
  const hostname = normalizeHostname(url.hostname);
  const port = Number(url.port) || (url.protocol === 'http:' ? 80 : 443);
  const refuse = (reason: string) =>
    new DisallowedHostError({
      message: `settings.${setting} names ${hostname}:${port}, which this server does not allow: ${reason}. The operator can allow it in UNIDIR_ALLOWED_PROVIDER_HOSTS.`,
      host: `${hostname}:${port}`,
      details: { setting },
    });
  if (url.username || url.password) throw refuse('URLs may not carry user names or passwords');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw refuse(`the ${url.protocol} scheme is not allowed`);
  const operatorEntry = findAllowedProviderHost(allowedHosts, hostname, port);
  if (operatorEntry) {
    if (url.protocol === 'http:' && !operatorEntry.allowHttp)
      throw refuse('plain http is not allowed for this host');
    return;
  }
  if (url.protocol !== 'https:') throw refuse('only https is allowed');
  if (port !== 443 || !providerHosts.some((pattern) => matchesProviderHost(pattern, hostname))) {
    throw refuse('not one of the provider hosts of this integration');
  }
}

/** Every setting that names a URL (`base_url`, `token_url`, ...) goes through the host policy. */
export function assertAllowedProviderSettings(
  settings: Record<string, unknown>,
  providerHosts: readonly string[],
  allowedHosts: readonly AllowedProviderHost[],
): void {
  for (const [setting, value] of Object.entries(settings)) {
    if (setting.endsWith('_url') && value !== undefined) {
      assertAllowedProviderUrl(setting, value, providerHosts, allowedHosts);
    }
  }
}
