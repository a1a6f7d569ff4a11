import { redactSecretsDeep } from '@unidir/connector-utils';
import { createInMemoryDirectory, inMemoryConnector } from '@unidir/core/example';
import { describe, expect, it } from 'vitest';
import { ConnectorRegistry } from './connector-registry.js';
import { silentLogger } from './test-support/recording-connector.js';
import { createUnifiedRuntime } from './unified-runtime.js';

const secret = 'CANARY-client-secret-4711';

/** A provider that echoes a credential into a record (a display name, a remote field) must not leak it. */
describe('records that carry an account secret', () => {
  const directory = createInMemoryDirectory(2);
  const user = directory.users.get('user-000001');
  directory.users.set('user-000001', { ...user!, name: `Echo ${secret}` });
  const runtime = createUnifiedRuntime({
    registry: new ConnectorRegistry([inMemoryConnector]),
    logger: silentLogger,
    redactSecrets: (_account, value) => redactSecretsDeep(value, [secret]),
  });
  const account = { id: 'memory-1', integration: 'in-memory', credentials: { directory }, settings: {} };

  it.each(['unified', 'raw', 'normalized'])('are scrubbed in the %s format, list and get', async (format) => {
    for (const request of [
      { method: 'list' as const, query: { truto_response_format: format } },
      { method: 'get' as const, id: 'user-000001', query: { truto_response_format: format } },
    ]) {
      const response = await runtime.execute({ account, resource: 'users', ...request });
      const text = JSON.stringify(response.kind === 'json' ? response.body : null);
      expect(text).toContain('Echo');
      expect(text).not.toContain(secret);
    }
  });

  it('are scrubbed in the stream format', async () => {
    const response = await runtime.execute({
      account,
      resource: 'users',
      method: 'list',
      query: { truto_response_format: 'stream' },
    });
    let text = '';
    if (response.kind === 'stream') for await (const line of response.body) text += line;
    expect(text).toContain('Echo');
    expect(text).not.toContain(secret);
  });
});
