import type { LookupAddress } from 'node:dns';
import { type buildConnector, request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { AllowedProviderHost } from '../config/allowed-provider-hosts.js';
import { createEgressAgent, type LookupFunction, resolveProviderDestination } from './egress-agent.js';

/** A resolver that answers from a table and records every question: no packet leaves the process. */
function fakeLookup(answers: Record<string, string[] | (() => string[])>) {
  const questions: string[] = [];
  const lookup: LookupFunction = (hostname, _options, callback) => {
    questions.push(hostname);
    const answer = answers[hostname];
    const addresses = typeof answer === 'function' ? answer() : answer;
    if (!addresses)
      return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(
      null,
      addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
  return { lookup, questions };
}

const noAllowedHosts = () => [] as AllowedProviderHost[];

describe('resolveProviderDestination', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.0.0.2', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['[::]', 'unspecified'],
    ['[::1]', 'loopback'],
    ['::1', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['169.254.169.254', 'metadata'],
    ['169.254.1.1', 'link_local'],
    ['[fe80::1]', 'link_local'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['[fd00::1]', 'private'],
    ['2130706433', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['localhost', 'loopback'],
    ['localhost.', 'loopback'],
    ['foo.localhost', 'loopback'],
  ])('refuses %s (%s) without resolving it', async (host, reason) => {
    const { lookup, questions } = fakeLookup({});
    await expect(
      resolveProviderDestination(host, 443, { allowedHosts: noAllowedHosts, lookup }),
    ).rejects.toMatchObject({
      code: 'disallowed_provider_host',
      details: { reason },
    });
    expect(questions).toEqual([]);
  });

  it.each([
    ['internal.example', ['10.1.2.3']],
    ['metadata.example', ['169.254.169.254']],
    ['mapped.example', ['::ffff:192.168.0.1']],
    ['mixed.example', ['203.0.113.10', '127.0.0.1']],
  ])('refuses %s, whose DNS answer is not public', async (host, addresses) => {
    const { lookup } = fakeLookup({ [host]: addresses });
    await expect(
      resolveProviderDestination(host, 443, { allowedHosts: noAllowedHosts, lookup }),
    ).rejects.toMatchObject({
      code: 'disallowed_provider_host',
    });
  });

  it('returns the public address it checked', async () => {
    const { lookup } = fakeLookup({ 'graph.microsoft.com': ['20.190.151.68'] });
    await expect(
      resolveProviderDestination('graph.microsoft.com', 443, { allowedHosts: noAllowedHosts, lookup }),
    ).resolves.toBe('20.190.151.68');
  });

  it('lets the operator allow one loopback host:port, and only that port', async () => {
    const allowedHosts = () => [{ hostname: '127.0.0.1', port: 8443, allowHttp: true }];
    await expect(resolveProviderDestination('127.0.0.1', 8443, { allowedHosts })).resolves.toBe('127.0.0.1');
    await expect(resolveProviderDestination('127.0.0.1', 8444, { allowedHosts })).rejects.toMatchObject({
      code: 'disallowed_provider_host',
    });
  });

  it('refuses everything else when limited to allowed destinations (sandbox accounts)', async () => {
    const { lookup, questions } = fakeLookup({ 'graph.microsoft.com': ['20.190.151.68'] });
    const allowedHosts = () => [{ hostname: '127.0.0.1', port: 9000, allowHttp: true }];
    await expect(
      resolveProviderDestination('graph.microsoft.com', 443, {
        allowedHosts,
        onlyAllowedHosts: true,
        lookup,
      }),
    ).rejects.toMatchObject({ code: 'disallowed_provider_host' });
    expect(questions).toEqual([]);
  });
});

/** Records where a socket would go and fails instead: nothing is sent anywhere. */
function recordingConnector(connected: string[], failure: string): buildConnector.connector {
  return (options, callback) => {
    connected.push(options.hostname);
    callback(new Error(failure), null);
  };
}

describe('createEgressAgent', () => {
  it('connects to the address it checked, even when the DNS answer changes afterwards (rebinding)', async () => {
    let answers = 0;
    const { lookup } = fakeLookup({
      'rebind.example': () => (answers++ === 0 ? ['203.0.113.7'] : ['127.0.0.1']),
    });
    const connected: string[] = [];
    const agent = createEgressAgent({
      allowedHosts: noAllowedHosts,
      lookup,
      connector: recordingConnector(connected, 'test connector: no network'),
    });
    await expect(request('https://rebind.example/v1.0/users', { dispatcher: agent })).rejects.toThrow(
      'no network',
    );
    expect(connected).toEqual(['203.0.113.7']);
    await agent.close();
  });

  it('never opens a socket to a refused address', async () => {
    const { lookup } = fakeLookup({ 'evil.example': ['169.254.169.254'] });
    const connected: string[] = [];
    const agent = createEgressAgent({
      allowedHosts: noAllowedHosts,
      lookup,
      connector: recordingConnector(connected, 'unexpected connect'),
    });
    for (const url of [
      'http://evil.example/latest/meta-data',
      'http://[::ffff:127.0.0.1]:8080/',
      'http://0x7f.1/',
    ]) {
      await expect(request(url, { dispatcher: agent })).rejects.toMatchObject({
        code: 'disallowed_provider_host',
      });
    }
    expect(connected).toEqual([]);
    await agent.close();
  });
});
