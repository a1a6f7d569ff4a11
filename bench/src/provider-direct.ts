import { googleWorkspaceScopes } from '@unidir/connector-google-workspace';
import { createClientCredentialsTokenProvider, createJwtBearerTokenProvider } from '@unidir/connector-utils';
import { Pool } from 'undici';
import type { FakeProcess } from './bench-environment.js';

/** The Graph permission scope client credentials ask for (the fake checks it like Entra does). */
const graphScope = 'https://graph.microsoft.com/.default';

function stringField(record: Record<string, unknown>, name: string): string {
  const value = record[name];
  if (typeof value !== 'string') {
    throw new Error(`the fake's credentials/settings have no string ${name}`);
  }
  return value;
}

/**
 * The Authorization header a client calling the fake directly sends: a token from the fake's own token
 * endpoint, obtained with the same credentials the unidir account holds (the physical-limit path must
 * authenticate like every other path).
 */
export async function providerAuthorization(fake: FakeProcess): Promise<Record<string, string>> {
  const { credentials, settings } = fake.info;
  const tokenUrl = stringField(settings, 'token_url');
  const tokenProvider =
    fake.connector === 'azure-ad'
      ? createClientCredentialsTokenProvider({
          tokenUrl,
          clientId: stringField(credentials, 'client_id'),
          clientSecret: stringField(credentials, 'client_secret'),
          scope: graphScope,
          cacheKey: `bench:${tokenUrl}`,
          allowInsecure: true,
        })
      : createJwtBearerTokenProvider({
          tokenUrl,
          clientEmail: stringField(credentials, 'client_email'),
          privateKey: stringField(credentials, 'private_key'),
          ...(typeof credentials.subject === 'string' ? { subject: credentials.subject } : {}),
          scopes: googleWorkspaceScopes,
          cacheKey: `bench:${tokenUrl}`,
          allowInsecure: true,
        });
  return { authorization: `Bearer ${await tokenProvider.getToken()}` };
}

/** The users of one parsed provider list page. */
export function usersOfPage(connector: FakeProcess['connector'], page: unknown): unknown[] {
  const body = page as { value?: unknown[]; users?: unknown[] };
  // Google leaves `users` out of an empty page.
  return (connector === 'azure-ad' ? body.value : body.users) ?? [];
}

function nextPagePath(
  connector: FakeProcess['connector'],
  page: unknown,
  currentPath: string,
): string | undefined {
  if (connector === 'azure-ad') {
    const nextLink = (page as { '@odata.nextLink'?: string })['@odata.nextLink'];
    return nextLink === undefined ? undefined : `${new URL(nextLink).pathname}${new URL(nextLink).search}`;
  }
  const pageToken = (page as { nextPageToken?: string }).nextPageToken;
  if (pageToken === undefined) {
    return undefined;
  }
  const url = new URL(currentPath, 'http://fake');
  url.searchParams.set('pageToken', pageToken);
  return `${url.pathname}${url.search}`;
}

/**
 * Pages through a fake directly on one keep-alive connection, following the provider's own scheme
 * (Graph `@odata.nextLink`, Google `nextPageToken`) and parsing every page, as any client must.
 */
async function* providerPages(fake: FakeProcess, firstPagePath: string): AsyncGenerator<unknown> {
  const headers = await providerAuthorization(fake);
  const pool = new Pool(fake.info.url, { connections: 1 });
  try {
    let path: string | undefined = firstPagePath;
    while (path !== undefined) {
      const response = await pool.request({ method: 'GET', path, headers });
      const text = await response.body.text();
      if (response.statusCode !== 200) {
        throw new Error(`GET ${path} answered ${response.statusCode}: ${text.slice(0, 500)}`);
      }
      const page: unknown = JSON.parse(text);
      yield page;
      path = nextPagePath(fake.connector, page, path);
    }
  } finally {
    await pool.close();
  }
}

/** The physical limit of M3: the bench reads the whole directory from the fake itself. */
export async function pageDirectly(
  fake: FakeProcess,
  firstPagePath: string,
): Promise<{ users: number; seconds: number }> {
  const start = process.hrtime.bigint();
  let users = 0;
  for await (const page of providerPages(fake, firstPagePath)) {
    users += usersOfPage(fake.connector, page).length;
  }
  return { users, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** The first `count` pages of the fake's directory, parsed. */
export async function fetchProviderPages(
  fake: FakeProcess,
  firstPagePath: string,
  count: number,
): Promise<unknown[]> {
  const pages: unknown[] = [];
  for await (const page of providerPages(fake, firstPagePath)) {
    pages.push(page);
    if (pages.length === count) {
      break;
    }
  }
  return pages;
}
