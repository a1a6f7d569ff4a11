import { describe, expect, it } from 'vitest';
import { createProviderHttpClient } from './provider-http-client.js';
import { iterateNextLinkPages } from './provider-list-pages.js';
import { sendJson, startLoopbackServer } from './test-support/loopback-server.js';
import { createCallContext } from './test-support/operation-context.js';

const totalUsers = 1_000_000;
const pageSize = 1000;

function userAt(index: number) {
  return {
    id: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
    index,
    displayName: `User ${index}`,
    mail: `user.${index}@example.com`,
  };
}

describe('listing a 1,000,000-user directory', () => {
  it('reaches the end through the pagination helpers with flat memory, no duplicates and no gaps', async () => {
    // Pages are generated on request: the fake holds no directory, so any growth would be ours.
    const server = await startLoopbackServer((request, response) => {
      const start = Number(request.url.searchParams.get('$skiptoken') ?? 0);
      const end = Math.min(start + pageSize, totalUsers);
      const value = Array.from({ length: end - start }, (_, offset) => userAt(start + offset));
      const nextLink =
        end < totalUsers ? `http://${request.headers.host}/v1.0/users?$skiptoken=${end}` : undefined;
      sendJson(response, 200, { value, '@odata.nextLink': nextLink });
    });
    try {
      const client = createProviderHttpClient({ baseUrl: `${server.url}/v1.0`, allowInsecure: true });
      const context = createCallContext({ deadline: Date.now() + 120_000 });
      let count = 0;
      let inOrder = true;
      let checksum = 0;
      let heapAtTenPercent = 0;
      for await (const user of iterateNextLinkPages<ReturnType<typeof userAt>>(client, context, {
        path: ['users'],
        query: { $top: pageSize },
      })) {
        // Each index must be exactly the next one: together with the count this rules out duplicates and gaps.
        if (user.index !== count) inOrder = false;
        checksum = (checksum + user.index * 31 + user.mail.length) % 2_147_483_647;
        count += 1;
        if (count === totalUsers / 10) heapAtTenPercent = process.memoryUsage().heapUsed;
      }
      const heapAtEnd = process.memoryUsage().heapUsed;
      let expectedChecksum = 0;
      for (let index = 0; index < totalUsers; index += 1) {
        expectedChecksum =
          (expectedChecksum + index * 31 + `user.${index}@example.com`.length) % 2_147_483_647;
      }
      expect(count).toBe(totalUsers);
      expect(inOrder).toBe(true);
      expect(checksum).toBe(expectedChecksum);
      expect(server.requests).toHaveLength(totalUsers / pageSize);
      expect(heapAtEnd - heapAtTenPercent).toBeLessThan(40 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });
});
