import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultOperatingLimits } from './operating-limits.js';
import { defaultSandboxPolicy } from './sandbox-policy.js';
import { defaultConnectorPackages, loadServerConfig } from './server-config.js';

describe('loadServerConfig', () => {
  it('has safe defaults', () => {
    expect(loadServerConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDirectory: './.unidir-data',
      connectorPackages: defaultConnectorPackages,
      allowedProviderHosts: [],
      logLevel: 'info',
      limits: defaultOperatingLimits,
      sandbox: defaultSandboxPolicy,
    });
  });

  it('reads every variable', () => {
    const key = randomBytes(32).toString('base64');
    const config = loadServerConfig({
      PORT: '9090',
      HOST: '0.0.0.0',
      UNIDIR_DATA_DIR: '/var/lib/unidir',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unidir',
      UNIDIR_ENCRYPTION_KEY: key,
      UNIDIR_BOOTSTRAP_TOKEN: 'unidir_bootstrap_token_for_tests_0001',
      UNIDIR_CONNECTORS: '@unidir/connector-azure-ad, @acme/unidir-connector-x',
      UNIDIR_ALLOWED_PROVIDER_HOSTS: 'graph.proxy.example:443,http://127.0.0.1:9000',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 9090,
      host: '0.0.0.0',
      dataDirectory: '/var/lib/unidir',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/unidir',
      bootstrapToken: 'unidir_bootstrap_token_for_tests_0001',
      connectorPackages: ['@unidir/connector-azure-ad', '@acme/unidir-connector-x'],
      allowedProviderHosts: [
        { hostname: 'graph.proxy.example', port: 443, allowHttp: false },
        { hostname: '127.0.0.1', port: 9000, allowHttp: true },
      ],
      logLevel: 'warn',
    });
    expect(config.encryptionKey?.toString('base64')).toBe(key);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/x' }],
    ['UNIDIR_ENCRYPTION_KEY', { UNIDIR_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['UNIDIR_ALLOWED_PROVIDER_HOSTS', { UNIDIR_ALLOWED_PROVIDER_HOSTS: 'no-port.example' }],
  ])('names %s when it is invalid', (variable, environment) => {
    expect(() => loadServerConfig(environment)).toThrow(
      expect.objectContaining({ code: 'invalid_configuration', message: expect.stringContaining(variable) }),
    );
  });
});
