import { defineConnectorV1, InvalidCursorError, type StartConnectorSandbox } from '@unidir/core';
import { z } from 'zod';

/**
 * A connector over a directory generated on demand (user i is computed, never stored), for measuring the
 * server's own memory while streaming: a page costs only its own records, and pages come as fast as asked.
 */
export function createGeneratedDirectoryConnector(onPage: () => void = () => {}) {
  return defineConnectorV1({
    specificationVersion: 'v1',
    id: 'generated',
    displayName: 'Generated directory',
    credentialsSchema: z.object({ users: z.number().int().nonnegative() }),
    settingsSchema: z.object({}),
    providerHosts: [],
    manifest: {
      users: {
        list: { parameters: {}, fields: { id: {}, name: {}, emails: {} } },
        get: { parameters: {}, fields: { id: {} } },
      },
    },
    createClient: (account) => account.credentials,
    users: {
      async list(parameters, { client }) {
        onPage();
        const offset = parameters.cursor ? Number(parameters.cursor) : 0;
        if (!Number.isInteger(offset) || offset < 0)
          throw new InvalidCursorError({ message: 'Not a generated cursor.' });
        const end = Math.min(offset + (parameters.limit ?? 100), client.users);
        const records = [];
        for (let index = offset; index < end; index++) {
          const user = {
            id: `user-${index}`,
            name: `Generated User ${index}`,
            emails: [{ email: `user${index}@generated.test`, is_primary: true }],
          };
          records.push({ unified: user, raw: user });
        }
        return { records, nextCursor: end < client.users ? String(end) : null };
      },
      /** A bug in a connector: a plain Error, whose message must reach the log and not the caller. */
      async get(parameters) {
        throw new Error(`connector bug while reading ${parameters.id}`);
      },
    },
  });
}

export const startGeneratedSandbox: StartConnectorSandbox = async (options) => ({
  credentials: { users: options?.users ?? 200 },
  settings: {},
  close: async () => {},
});
