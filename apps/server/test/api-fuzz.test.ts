import { type AzureAdFake, startAzureAdFake } from '@unidir/connector-azure-ad/testing';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresLeg, createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

/** A small seeded generator (mulberry32): the same seed sends the same requests on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const requestsPerLeg = 2500;

interface Fuzzer {
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

function fuzzer(random: () => number): Fuzzer {
  return {
    pick: (items) => items[Math.floor(random() * items.length)] as (typeof items)[number],
    chance: (probability) => random() < probability,
  };
}

const awkwardValues = [
  '',
  'x',
  '%00',
  'a%00b',
  '%E0%A4%A',
  '%ff%fe',
  '..%2F..%2Fetc',
  '%27%20OR%201%3D1--',
  '-1',
  '0',
  '1e309',
  '999999999999999999999',
  'null',
  '%7B%22before%22%3A1%7D',
  'eyJiZWZvcmUiOjFlMzAwfQ',
  'eyJjcmVhdGVkQXQiOnt9LCJpZCI6W119',
  '__proto__',
  'constructor',
  'a'.repeat(300),
  '%F0%9F%98%80',
  'true',
  'stream',
  'raw',
];
const queryNames = [
  'integrated_account_id',
  'limit',
  'next_cursor',
  'truto_response_format',
  'response_format',
  'truto_exclude_fields[]',
  'truto_ignore_remote_data',
  'remote_query[$filter]',
  'remote_query[Authorization]',
  'remote_query[ authorization]',
  'dry_run',
  'remove_from',
  'remove_from_id',
  'emails[0][email]',
  'a[b][c][d][e][f]',
  '__proto__[x]',
  'permanent',
];
const resources = ['users', 'groups', 'roles', 'me', 'licenses', 'nothing', '%00', 'users%2Fx'];

function fuzzRequest(f: Fuzzer, accountId: string) {
  const id = f.pick([accountId, 'missing', '%00', 'a'.repeat(256), f.pick(awkwardValues)]);
  const path = f.pick([
    '/integrated-accounts',
    `/integrated-accounts/${id}`,
    `/unified/user-directory/${f.pick(resources)}`,
    `/unified/user-directory/${f.pick(resources)}/${id}`,
    '/audit-log',
    '/integrations',
    '/health',
    '/openapi.json',
    `/${f.pick(awkwardValues)}`,
    `/unified/user-directory/users/${id}/${f.pick(awkwardValues)}`,
  ]);
  const parameters: string[] = [];
  if (f.chance(0.7))
    parameters.push(`integrated_account_id=${f.chance(0.8) ? accountId : f.pick(awkwardValues)}`);
  const extra = Math.floor(f.chance(0.5) ? 4 : 1);
  for (let index = 0; index < extra; index++) {
    parameters.push(`${f.pick(queryNames)}=${f.pick(awkwardValues)}`);
  }
  const method = f.pick(['GET', 'GET', 'GET', 'POST', 'PATCH', 'DELETE', 'PUT']);
  const headers: Record<string, string> = {};
  if (f.chance(0.3)) headers['idempotency-key'] = f.pick(['key-1', 'key-2', 'x'.repeat(300), '']);
  let body: string | undefined;
  if (method !== 'GET' && f.chance(0.8)) {
    headers['content-type'] = f.pick([
      'application/json',
      'application/json',
      'text/plain',
      'application/xml',
    ]);
    body = f.pick([
      '{}',
      '{"label":"fuzzed"}',
      '{"label":"a\\u0000b"}',
      '{"integration":"azure-ad","credentials":{"tenant_id":"x","client_id":"y","client_secret":"{\\"statusCode\\":"}}',
      '{"integration":"azure-ad","sandbox":true,"sandbox_users":5}',
      '{"settings":{"token_url":"http://169.254.169.254/"}}',
      '{"__proto__":{"polluted":true}}',
      '{"name":"x","emails":[{"email":"a@b.c"}]}',
      '[1,2,3]',
      'null',
      '{"a":',
      '\u0000',
      JSON.stringify({ deep: JSON.parse('['.repeat(50) + ']'.repeat(50)) }),
    ]);
  }
  return { method, path, query: parameters.join('&'), headers, body };
}

function defineFuzz(name: string, createLeg: () => Promise<StorageLeg>): void {
  describe(`API fuzz on ${name}`, () => {
    let leg: StorageLeg;
    let fake: AzureAdFake;
    let api: TestServer;
    let token: string;
    let accountId: string;
    beforeAll(async () => {
      leg = await createLeg();
      fake = await startAzureAdFake({ users: 15 });
      api = await startTestServer({
        ...leg.config,
        logLevel: 'info',
        allowedProviderHosts: [
          { hostname: '127.0.0.1', port: Number(new URL(fake.server.url).port), allowHttp: true },
        ],
      });
      token = await api.createToken('acme');
      const created = await api.call('POST', '/integrated-accounts', {
        token,
        body: { integration: 'azure-ad', credentials: fake.credentials, settings: fake.settings },
      });
      accountId = created.body.id;
    });
    afterAll(async () => {
      await api?.close();
      await fake?.close();
      await leg?.dispose();
    });

    it(`answers ${requestsPerLeg} seeded random requests without a 5xx or a byte of invalid JSON`, async () => {
      const f = fuzzer(seededRandom(20261130));
      const failures: string[] = [];
      for (let index = 0; index < requestsPerLeg; index++) {
        const fuzzed = fuzzRequest(f, accountId);
        const headers = {
          ...fuzzed.headers,
          ...(f.chance(0.95) ? { authorization: `Bearer ${token}` } : {}),
        };
        const url = `${api.url}${fuzzed.path}${fuzzed.query ? `?${fuzzed.query}` : ''}`;
        const response = await request(url, {
          method: fuzzed.method as 'GET',
          headers,
          ...(fuzzed.body === undefined ? {} : { body: fuzzed.body }),
        });
        const text = await response.body.text();
        const type = String(response.headers['content-type'] ?? '');
        const describe = `${fuzzed.method} ${fuzzed.path}?${fuzzed.query} -> ${response.statusCode}`;
        if (response.statusCode >= 500) failures.push(`${describe}: ${text.slice(0, 300)}`);
        const documents = type.includes('ndjson') ? text.split('\n').filter((line) => line !== '') : [text];
        if (type.includes('json') || response.statusCode >= 400) {
          for (const document of documents) {
            try {
              JSON.parse(document);
            } catch {
              failures.push(`${describe}: not JSON: ${document.slice(0, 200)}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
      const unparsable = api.logs.filter((line) => {
        try {
          JSON.parse(line);
          return false;
        } catch {
          return true;
        }
      });
      expect(unparsable).toEqual([]);
    }, 240_000);
  });
}

defineFuzz('SQLite', createSqliteLeg);
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  defineFuzz('PostgreSQL', () => createPostgresLeg(databaseUrl));
} else {
  describe('API fuzz on PostgreSQL', () => {
    it.skip('needs DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (skipped: DATABASE_URL is unset)', () => {});
  });
}
