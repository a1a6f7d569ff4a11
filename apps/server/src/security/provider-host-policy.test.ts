import { describe, expect, it } from 'vitest';
import { parseAllowedProviderHosts } from '../config/allowed-provider-hosts.js';
import { assertAllowedProviderSettings } from './provider-host-policy.js';

const graphHosts = ['graph.microsoft.com', 'login.microsoftonline.com'];
const operatorHosts = parseAllowedProviderHosts(['graph.proxy.example:8443', 'http://127.0.0.1:9000']);

describe('assertAllowedProviderSettings', () => {
  it.each([
    'https://graph.microsoft.com/v1.0',
    'https://GRAPH.microsoft.com./v1.0',
    'https://graph.proxy.example:8443/v1.0',
    'http://127.0.0.1:9000/v1.0',
    'https://127.0.0.1:9000/v1.0',
  ])('accepts %s', (url) => {
    expect(() => assertAllowedProviderSettings({ base_url: url }, graphHosts, operatorHosts)).not.toThrow();
  });

  it.each([
    'https://graph.microsoft.com.attacker.example/v1.0',
    'https://graph.microsoft.com:444/v1.0',
    'http://graph.microsoft.com/v1.0',
    'http://graph.proxy.example:8443/v1.0',
    'http://127.0.0.1:9001/v1.0',
    'ftp://graph.microsoft.com/',
    'https://a:b@graph.microsoft.com/',
    'http://[::1]:9000/',
  ])('refuses %s', (url) => {
    expect(() => assertAllowedProviderSettings({ token_url: url }, graphHosts, operatorHosts)).toThrow(
      expect.objectContaining({ code: 'disallowed_provider_host' }),
    );
  });

  it('refuses a URL setting that is not a URL', () => {
    expect(() => assertAllowedProviderSettings({ base_url: 'graph' }, graphHosts, [])).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('matches wildcard provider hosts on subdomains only', () => {
    expect(() =>
      assertAllowedProviderSettings({ base_url: 'https://acme.okta.com' }, ['*.okta.com'], []),
    ).not.toThrow();
    expect(() =>
      assertAllowedProviderSettings({ base_url: 'https://okta.com.evil.example' }, ['*.okta.com'], []),
    ).toThrow();
  });
});

describe('parseAllowedProviderHosts', () => {
  it('reads host:port, [ipv6]:port and http:// entries', () => {
    expect(parseAllowedProviderHosts(['Graph.Example:443', '[::1]:8080', 'http://127.0.0.1:9000'])).toEqual([
      { hostname: 'graph.example', port: 443, allowHttp: false },
      { hostname: '::1', port: 8080, allowHttp: false },
      { hostname: '127.0.0.1', port: 9000, allowHttp: true },
    ]);
  });

  it.each(['graph.example', 'https://graph.example/path:1', 'user@host:1'])('refuses %s', (entry) => {
    expect(() => parseAllowedProviderHosts([entry])).toThrow(
      expect.objectContaining({ code: 'invalid_configuration' }),
    );
  });
});
