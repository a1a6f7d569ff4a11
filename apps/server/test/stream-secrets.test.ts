import { defineConnectorV1, UnidirError } from '@unidir/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const apiKey = 'leaky-api-key-0b5e77d1';

/** A connector that forgets to scrub its key from the error of a later page. */
const leakyConnector = defineConnectorV1({
  specificationVersion: 'v1',
  id: 'leaky',
  displayName: 'Leaky',
  credentialsSchema: z.object({ api_key: z.string() }).strict(),
  settingsSchema: z.object({}),
  providerHosts: [],
  manifest: { users: { list: { parameters: {}, fields: { id: {} } } } },
  createClient: (account) => account.credentials,
  users: {
    async list(parameters, { client }) {
      if (parameters.cursor === undefined) {
        return { records: [{ unified: { id: 'user-1' }, raw: { id: 'user-1' } }], nextCursor: 'page-2' };
      }
      throw new UnidirError({
        message: `The provider refused key ${client.api_key}.`,
        code: 'provider_error',
        httpStatus: 502,
      });
    },
  },
});

describe('the stream format', () => {
  let leg: StorageLeg;
  let api: TestServer;
  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer(leg.config, { connectors: [leakyConnector] });
  });
  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  it("scrubs the account's secrets from its final error line, as JSON errors are", async () => {
    const token = await api.createToken('acme');
    const account = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'leaky', credentials: { api_key: apiKey } },
    });
    const stream = await api.call('GET', '/unified/user-directory/users', {
      token,
      query: { integrated_account_id: account.body.id, truto_response_format: 'stream' },
    });
    expect(stream.status).toBe(200);
    const lines = stream.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.at(-1)).toEqual({
      error: {
        statusCode: 502,
        code: 'provider_error',
        message: 'Leaky failed users.list: The provider refused key [REDACTED].',
      },
    });
    expect(stream.text).not.toContain(apiKey);
    expect(api.logs.join('')).not.toContain(apiKey);
  });
});
