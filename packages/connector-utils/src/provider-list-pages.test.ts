import { DisallowedHostError } from '@unidir/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderHttpClient } from './provider-http-client.js';
import {
  iterateLinkHeaderPages,
  iterateNextLinkPages,
  iterateOffsetPages,
  iteratePageTokenPages,
} from './provider-list-pages.js';
import { type LoopbackServer, sendJson, startLoopbackServer } from './test-support/loopback-server.js';
import { createCallContext } from './test-support/operation-context.js';

const total = 25;
const pageSize = 10;
let server: LoopbackServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** One fake that pages `total` users four ways, like Graph, Google, Okta and an offset API. */
async function startPagingFake() {
  server = await startLoopbackServer((request, response) => {
    const { pathname, searchParams } = request.url;
    const base = `http://${request.headers.host}`;
    const slice = (start: number) =>
      Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => ({ n: start + i }));
    if (pathname === '/graph/users') {
      const start = Number(searchParams.get('$skiptoken') ?? 0);
      const next =
        start + pageSize < total ? `${base}/graph/users?$skiptoken=${start + pageSize}` : undefined;
      return sendJson(response, 200, { value: slice(start), '@odata.nextLink': next });
    }
    if (pathname === '/google/users') {
      const start = Number(searchParams.get('pageToken') ?? 0);
      const next = start + pageSize < total ? String(start + pageSize) : undefined;
      return sendJson(response, 200, { users: slice(start), nextPageToken: next });
    }
    if (pathname === '/okta/users') {
      const start = Number(searchParams.get('after') ?? 0);
      const link = [`<${base}/okta/users?after=${start}>; rel="self"`];
      if (start + pageSize < total) link.push(`<${base}/okta/users?after=${start + pageSize}>; rel="next"`);
      return sendJson(response, 200, slice(start), { link: link.join(', ') });
    }
    const start = Number(searchParams.get('offset'));
    return sendJson(response, 200, { items: slice(start) });
  });
  return createProviderHttpClient({ baseUrl: server.url, allowInsecure: true });
}

const expected = Array.from({ length: total }, (_, n) => ({ n }));

describe('provider list pagination', () => {
  it('walks next links, page tokens, Link headers and offsets to the end', async () => {
    const client = await startPagingFake();
    const context = createCallContext();
    expect(await collect(iterateNextLinkPages(client, context, { path: ['graph', 'users'] }))).toEqual(
      expected,
    );
    expect(
      await collect(
        iteratePageTokenPages(client, context, { path: ['google', 'users'] }, { items: 'users' }),
      ),
    ).toEqual(expected);
    expect(await collect(iterateLinkHeaderPages(client, context, { path: ['okta', 'users'] }))).toEqual(
      expected,
    );
    expect(
      await collect(
        iterateOffsetPages(client, context, { path: ['offset', 'users'] }, { pageSize, items: 'items' }),
      ),
    ).toEqual(expected);
    expect(context.providerCalls).toHaveLength(4 * Math.ceil(total / pageSize));
  });

  it('refuses a next link that leads to another origin', async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, {
        value: [{ n: 0 }],
        '@odata.nextLink': 'http://169.254.169.254/latest/meta-data',
      }),
    );
    const client = createProviderHttpClient({ baseUrl: server.url, allowInsecure: true });
    await expect(
      collect(iterateNextLinkPages(client, createCallContext(), { path: ['users'] })),
    ).rejects.toBeInstanceOf(DisallowedHostError);
    expect(server.requests).toHaveLength(1);
  });
});
