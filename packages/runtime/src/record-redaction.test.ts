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

  it('are scrubbed in the stream format when the host names its secrets, read again for every page', async () => {
    const quoted = 'quoted"secret\\value';
    const refreshedToken = 'token-issued-during-the-stream';
    const echoing = createInMemoryDirectory(3);
    for (const [id, echo] of [
      ['user-000001', quoted],
      ['user-000002', refreshedToken],
    ] as const) {
      echoing.users.set(id, { ...echoing.users.get(id)!, name: `Echo ${echo}` });
    }
    const pagesAsked: number[] = [];
    const secretsRuntime = createUnifiedRuntime({
      registry: new ConnectorRegistry([inMemoryConnector]),
      logger: silentLogger,
      redactSecrets: (_account, value) => redactSecretsDeep(value, [quoted, refreshedToken]),
      accountSecrets: () => {
        pagesAsked.push(pagesAsked.length + 1);
        return pagesAsked.length === 1 ? [quoted] : [quoted, refreshedToken];
      },
    });
    const response = await secretsRuntime.execute({
      account: { ...account, credentials: { directory: echoing } },
      resource: 'users',
      method: 'list',
      query: { truto_response_format: 'stream', limit: '1' },
    });
    let text = '';
    if (response.kind === 'stream') for await (const piece of response.body) text += piece;
    const names = text
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { name: string }).name);
    expect(names).toHaveLength(3);
    expect(names.filter((name) => name === 'Echo [REDACTED]')).toHaveLength(2);
    expect(text).not.toContain('quoted');
    expect(text).not.toContain(refreshedToken);
    expect(pagesAsked.length).toBeGreaterThanOrEqual(3);
  });
});
