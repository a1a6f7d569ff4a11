import { setTimeout as sleep } from 'node:timers/promises';
import { liveHeapBytes } from '@unidir/testkit';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSandboxPolicy } from '../src/config/sandbox-policy.js';
import {
  createGeneratedDirectoryConnector,
  startGeneratedSandbox,
} from './support/generated-directory-connector.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const directoryUsers = 200_000;
const pageSize = 1000;
const megabyte = 1024 * 1024;
const liveHeapSampleEvery = 25_000;

/**
 * The 200,000-user sandbox generates its users on demand and answers pages as fast as the server asks,
 * so any buffering in the server (not in a slow provider) shows in memory and in pages pulled while the
 * client is not reading.
 */
describe('streaming a 200,000-user sandbox directory', () => {
  let leg: StorageLeg;
  let api: TestServer;
  let token: string;
  let pagesPulled = 0;

  const connector = createGeneratedDirectoryConnector(() => pagesPulled++);

  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer(
      // The operator raised the sandbox size cap for this measurement.
      { ...leg.config, logLevel: 'info', sandbox: { ...defaultSandboxPolicy, maxUsers: directoryUsers } },
      {
        connectors: [connector],
        sandboxes: { generated: startGeneratedSandbox },
      },
    );
    token = await api.createToken('default');
  });
  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  it('keeps the heap flat and stops pulling pages while the client does not read', async () => {
    const created = await api.call('POST', '/integrated-accounts', {
      token,
      body: { integration: 'generated', sandbox: true, sandbox_users: directoryUsers },
    });
    expect(created.status).toBe(201);
    const response = await request(
      `${api.url}/unified/user-directory/users?integrated_account_id=${created.body.id}&truto_response_format=stream&limit=${pageSize}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');

    const ids = new Set<string>();
    let partial = '';
    let baselineHeap = 0;
    let peakHeap = 0;
    let nextHeapSample = 0;
    let peakRss = 0;
    let baselineRss = 0;
    let pagesPulledWhilePaused: number | undefined;
    let pagesPulledBeforePause = 0;
    for await (const chunk of response.body) {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) ids.add((JSON.parse(line) as { id: string }).id);
      if (baselineHeap === 0 && ids.size >= 10_000) {
        baselineHeap = liveHeapBytes();
        baselineRss = process.memoryUsage().rss;
        nextHeapSample = ids.size + liveHeapSampleEvery;
      }
      if (nextHeapSample !== 0 && ids.size >= nextHeapSample) {
        peakHeap = Math.max(peakHeap, liveHeapBytes());
        nextHeapSample += liveHeapSampleEvery;
      }
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (pagesPulledWhilePaused === undefined && ids.size >= 20_000) {
        pagesPulledBeforePause = pagesPulled;
        await sleep(1000);
        pagesPulledWhilePaused = pagesPulled - pagesPulledBeforePause;
      }
    }
    expect(partial).toBe('');
    expect(ids.size).toBe(directoryUsers);
    expect(pagesPulled).toBeGreaterThanOrEqual(directoryUsers / pageSize);
    // The server runs ahead of a client 20 pages in by no more than the socket buffers hold (without
    // back-pressure it would have pulled all 200), and pulls (almost) nothing while the client pauses,
    // although the remaining pages take well under a second to produce.
    expect(pagesPulledBeforePause).toBeLessThan(120);
    expect(pagesPulledWhilePaused).toBeLessThan(20);
    // The ids set grows by ~15 MB; a buffered 200,000-user answer would keep far more than this bound alive.
    peakHeap = Math.max(peakHeap, liveHeapBytes());
    expect(peakHeap - baselineHeap).toBeLessThan(48 * megabyte);
    expect(peakRss - baselineRss).toBeLessThan(192 * megabyte);
    console.info(
      `stream of ${directoryUsers} users: heap +${((peakHeap - baselineHeap) / megabyte).toFixed(1)} MB, rss +${((peakRss - baselineRss) / megabyte).toFixed(1)} MB, ${pagesPulledBeforePause} pages pulled when the client had read 20, ${pagesPulledWhilePaused} more during a 1 s pause`,
    );
  }, 60_000);
});
