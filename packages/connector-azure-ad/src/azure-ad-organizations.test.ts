import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './azure-ad-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.fake.close();
  harness = undefined;
});

async function start(...options: Parameters<typeof startHarness>) {
  harness = await startHarness(...options);
  const { connector } = harness;
  return { ...harness, organizations: connector.organizations!, me: connector.me! };
}

describe('organizations', () => {
  it('lists the tenant as the one organization and gets it by id', async () => {
    const { organizations, context, journal, fake } = await start({ users: 3 });
    const page = await organizations.list!({}, context());
    expect(journal()).toEqual(['GET /v1.0/organization']);
    expect(page.records.map((record) => record.unified)).toMatchObject([
      { id: fake.tenantId, name: fake.tenant.displayName, created_at: '2020-12-01T08:00:00Z' },
    ]);
    const got = await organizations.get!({ id: fake.tenantId }, context());
    expect(got.unified.id).toBe(fake.tenantId);
    await expect(organizations.get!({ id: 'another-tenant' }, context())).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('me', () => {
  it('is the application, in its tenant, for app credentials', async () => {
    const { me, context, journal, fake } = await start({ users: 3 });
    const page = await me.list!({}, context());
    expect(page.records.map((record) => record.unified)).toMatchObject([
      {
        id: fake.tenant.servicePrincipalId,
        name: fake.tenant.applicationName,
        username: fake.credentials.client_id,
        identity_type: 'application',
        organization_id: fake.tenantId,
        organization_name: fake.tenant.displayName,
      },
    ]);
    expect(journal()).toEqual([
      'GET /v1.0/organization',
      `GET /v1.0/servicePrincipals(appId='${fake.credentials.client_id}')`,
    ]);
  });

  it('is the signed-in user for delegated credentials', async () => {
    const { me, context, journal, fake } = await start({ users: 3, auth: 'delegated' });
    const [signedIn] = fake.directory.listUsers({ offset: 0, limit: 1 }).users;
    const page = await me.list!({}, context());
    expect(page.records.map((record) => record.unified)).toMatchObject([
      {
        id: signedIn!.id,
        name: signedIn!.displayName,
        username: signedIn!.email,
        identity_type: 'user',
        organization_id: fake.tenantId,
      },
    ]);
    expect(journal()).toEqual(['GET /v1.0/organization', 'GET /v1.0/me']);
  });

  it('the fake refuses /me to an application token, as Graph does', async () => {
    const { fake, client, context } = await start({ users: 3 });
    const error = await client.http
      .request({ method: 'GET', path: ['me'] }, context())
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ httpStatus: 400 });
    expect(fake.server.journal.forRoute('me.get')[0]?.status).toBe(400);
  });
});
