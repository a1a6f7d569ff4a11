import type { AnyUserDirectoryConnectorV1, ConnectorLogger } from '@unidir/core';
import { createInMemoryDirectory, inMemoryConnector } from '@unidir/core/example';
import { describe, expect, it } from 'vitest';
import { ConnectorRegistry } from './connector-registry.js';
import type { OutputValidation } from './output-validation.js';
import { defineUsersOnlyConnector } from './test-support/users-only-connector.js';
import { createUnifiedRuntime } from './unified-runtime.js';

/** The example connector with a bug: its get returns `emails` as a string. */
const malformed: AnyUserDirectoryConnectorV1 = {
  ...inMemoryConnector,
  id: 'in-memory-malformed',
  users: {
    ...inMemoryConnector.users,
    // A JavaScript connector is not held to the types: the host must catch this at run time.
    get: (async (parameters: { id: string }) => ({
      unified: { id: parameters.id, emails: 'ada@example.test' },
      raw: {},
    })) as never,
  },
};

function setUp(outputValidation: OutputValidation) {
  const warnings: string[] = [];
  const logger: ConnectorLogger = {
    debug() {},
    info() {},
    warn: (_fields, message) => void warnings.push(message ?? ''),
    error() {},
  };
  const runtime = createUnifiedRuntime({
    registry: new ConnectorRegistry([malformed]),
    logger,
    outputValidation,
  });
  const account = {
    id: 'memory-1',
    integration: malformed.id,
    credentials: { directory: createInMemoryDirectory(2) },
    settings: {},
  };
  const get = () =>
    runtime.execute({ account, resource: 'users', method: 'get', id: 'user-000001', query: {} });
  return { runtime, warnings, get };
}

describe('validation of what connectors return', () => {
  it('fails the call, naming the field, when enforcing (development and tests)', async () => {
    const { get } = setUp('enforce');
    await expect(get()).rejects.toMatchObject({
      code: 'connector_contract_violation',
      httpStatus: 500,
      message: expect.stringMatching(
        /in-memory-malformed connector returned a users record \(user-000001\).*emails/,
      ),
    });
  });

  it('serves the record but logs and counts it with log (production default)', async () => {
    const { runtime, warnings, get } = setUp('log');
    const response = await get();
    expect(response.kind === 'json' && response.body).toMatchObject({ id: 'user-000001' });
    expect(runtime.invalidRecordCount()).toBe(1);
    expect(warnings).toEqual([expect.stringMatching(/breaks core's schema: emails/)]);
  });

  it('passes well-formed records untouched', async () => {
    const runtime = createUnifiedRuntime({
      registry: new ConnectorRegistry([inMemoryConnector]),
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      outputValidation: 'enforce',
    });
    const account = {
      id: 'memory-1',
      integration: 'in-memory',
      credentials: { directory: createInMemoryDirectory(3) },
      settings: {},
    };
    const list = await runtime.execute({ account, resource: 'users', method: 'list', query: {} });
    expect(list.kind === 'json' && list.body).toMatchObject({ result_count: 3 });
    expect(runtime.invalidRecordCount()).toBe(0);
  });

  describe('in the stream format', () => {
    /** A first page of valid users, then a page whose second user has `emails` as a string. */
    const pagedMalformed = defineUsersOnlyConnector({
      id: 'paged-malformed',
      displayName: 'Paged malformed',
      client: {},
      fields: ['id', 'emails'],
      users: {
        list: (async (parameters: { cursor?: string }) =>
          parameters.cursor === undefined
            ? { records: [{ unified: { id: 'u1' }, raw: {} }], nextCursor: 'page-2' }
            : {
                records: [
                  { unified: { id: 'u2' }, raw: {} },
                  { unified: { id: 'u3', emails: 'u3@example.test' }, raw: { id: 'u3' } },
                ],
                nextCursor: null,
              }) as never,
      },
    });

    async function streamWith(outputValidation: OutputValidation) {
      const runtime = createUnifiedRuntime({
        registry: new ConnectorRegistry([pagedMalformed]),
        logger: { debug() {}, info() {}, warn() {}, error() {} },
        outputValidation,
      });
      const response = await runtime.execute({
        account: { id: 'paged-1', integration: pagedMalformed.id, credentials: {}, settings: {} },
        resource: 'users',
        method: 'list',
        query: { truto_response_format: 'stream' },
      });
      let text = '';
      if (response.kind === 'stream') for await (const piece of response.body) text += piece;
      const lines = text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { id?: string; error?: { code: string } });
      return { lines, runtime };
    }

    it('never writes an invalid record when enforcing: the stream ends with the error line', async () => {
      const { lines } = await streamWith('enforce');
      expect(lines.map((line) => line.id ?? line.error?.code)).toEqual([
        'u1',
        'connector_contract_violation',
      ]);
    });

    it('writes every record and counts the invalid one with log', async () => {
      const { lines, runtime } = await streamWith('log');
      expect(lines.map((line) => line.id)).toEqual(['u1', 'u2', 'u3']);
      expect(runtime.invalidRecordCount()).toBe(1);
    });
  });
});
