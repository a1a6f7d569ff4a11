import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultOperatingLimits, type OperatingLimits } from '../src/config/operating-limits.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const open: Array<{ api: TestServer; leg: StorageLeg }> = [];
afterEach(async () => {
  for (const { api, leg } of open.splice(0)) {
    await api.close();
    await leg.dispose();
  }
});

async function serverWith(limits: Partial<OperatingLimits>): Promise<TestServer> {
  const leg = await createSqliteLeg();
  const api = await startTestServer({ ...leg.config, limits: { ...defaultOperatingLimits, ...limits } });
  open.push({ api, leg });
  return api;
}

/** Opens a raw connection, writes `text`, and resolves with what the server sent before closing it. */
function slowClient(url: string, text: string): { closed: Promise<string> } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString();
  });
  socket.write(text);
  return {
    closed: new Promise((resolve) => {
      socket.on('close', () => resolve(received));
      socket.on('error', () => {});
    }),
  };
}

describe('slow clients', () => {
  it('are answered 408 in our envelope when their headers do not arrive in time', async () => {
    const api = await serverWith({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const started = Date.now();
    const received = await slowClient(api.url, 'GET /health HTTP/1.1\r\nHost: unidir\r\n').closed;
    expect(Date.now() - started).toBeLessThan(4000);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(received).toContain('"code":"request_timeout"');
  });

  it('are cut off when their body does not arrive in time', async () => {
    const api = await serverWith({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const started = Date.now();
    await slowClient(
      api.url,
      'POST /integrated-accounts HTTP/1.1\r\nHost: unidir\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"a":',
    ).closed;
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('do not hold shutdown past its deadline', async () => {
    const api = await serverWith({ requestTimeoutMs: 60_000, shutdownTimeoutMs: 300 });
    const client = slowClient(
      api.url,
      'POST /integrated-accounts HTTP/1.1\r\nHost: unidir\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"a":',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await api.close();
    expect(Date.now() - started).toBeLessThan(3000);
    await client.closed;
  });
});
