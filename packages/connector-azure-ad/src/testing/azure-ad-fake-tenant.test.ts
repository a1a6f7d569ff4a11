import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type AzureAdFake, type AzureAdFakeOptions, startAzureAdFake } from './azure-ad-fake.js';

interface Answer {
  status: number;
  body: Record<string, unknown> & {
    value?: Array<Record<string, unknown>>;
    '@odata.nextLink'?: string;
    error?: { code: string; message: string };
  };
}

let fake: AzureAdFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A fake and a caller holding an app token, as the connector would. */
async function startGraph(options: AzureAdFakeOptions = {}) {
  const current = await startAzureAdFake({ users: 30, clientSecret: 'tenant-test-secret', ...options });
  fake = current;
  const tokenResponse = await request(current.settings.token_url!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: current.credentials.client_id,
      client_secret: 'tenant-test-secret',
      scope: 'https://graph.microsoft.com/.default',
    }).toString(),
  });
  const { access_token: token } = (await tokenResponse.body.json()) as { access_token: string };
  const graph = async (path: string, init: { method?: string; body?: unknown } = {}): Promise<Answer> => {
    const response = await request(path.startsWith('http') ? path : `${current.server.url}/v1.0${path}`, {
      method: (init.method ?? 'GET') as 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: text ? JSON.parse(text) : {} };
  };
  return { fake: current, graph };
}

async function allPages(graph: Awaited<ReturnType<typeof startGraph>>['graph'], path: string) {
  const items: Array<Record<string, unknown>> = [];
  let next: string | undefined = path;
  while (next) {
    const page: Answer = await graph(next);
    expect(page.status).toBe(200);
    items.push(...page.body.value!);
    next = page.body['@odata.nextLink'];
  }
  return items;
}

describe('the fake tenant: groups written through Graph', () => {
  it('lists every current group once across pages after deletes and creates', async () => {
    const { fake: current, graph } = await startGraph({ users: 400 });
    const seeded = current.directory.listGroups({ offset: 0, limit: 100 }).groups;
    for (const index of [0, 3, 4]) {
      expect((await graph(`/groups/${seeded[index]!.id}`, { method: 'DELETE' })).status).toBe(204);
    }
    const created = await graph('/groups', {
      method: 'POST',
      body: { displayName: 'Created', mailNickname: 'created', mailEnabled: false, securityEnabled: true },
    });
    expect(created.status).toBe(201);
    const ids = (await allPages(graph, '/groups?$top=3&$select=id')).map((group) => group.id);
    const expected = [
      ...seeded.filter((_, index) => ![0, 3, 4].includes(index)).map((group) => group.id),
      created.body.id,
    ];
    expect(ids).toEqual(expected);
  });

  it("keeps a created group's members apart and shows it in their memberOf", async () => {
    const { fake: current, graph } = await startGraph();
    const [user] = current.directory.listUsers({ offset: 5, limit: 1 }).users;
    const created = await graph('/groups', {
      method: 'POST',
      body: { displayName: 'Pilots', mailNickname: 'pilots', mailEnabled: false, securityEnabled: true },
    });
    const groupId = created.body.id as string;
    const reference = { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${user!.id}` };
    expect((await graph(`/groups/${groupId}/members/$ref`, { method: 'POST', body: reference })).status).toBe(
      204,
    );
    const again = await graph(`/groups/${groupId}/members/$ref`, { method: 'POST', body: reference });
    expect(again.status).toBe(400);
    const memberOf = await graph(`/users/${user!.id}/memberOf`);
    expect(memberOf.body.value!.map((item) => item.id)).toContain(groupId);
    const members = await graph(`/groups/${groupId}/members`);
    expect(members.body.value!.map((item) => item.id)).toEqual([user!.id]);
  });

  it.each([
    [{ displayName: 'x', mailEnabled: false, securityEnabled: true }, "'mailNickname'"],
    [
      { displayName: 'x', mailNickname: 'has space', mailEnabled: false, securityEnabled: true },
      "'mailNickname'",
    ],
    [
      { displayName: 'x', mailNickname: 'dl', mailEnabled: true, securityEnabled: false },
      'distribution groups',
    ],
    [
      { displayName: 'x', mailNickname: 'x', mailEnabled: false, securityEnabled: true, mail: 'x@y' },
      'read-only',
    ],
  ])('refuses a create Graph refuses: %j', async (body, message) => {
    const { graph } = await startGraph();
    const answer = await graph('/groups', { method: 'POST', body });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toContain(message);
  });
});

describe('the fake tenant: directory reads', () => {
  it('seats of the subscribed SKUs agree with the users holding them', async () => {
    const { graph } = await startGraph({ users: 50 });
    const skus = await graph('/subscribedSkus');
    const users = await allPages(graph, '/users?$select=id,assignedLicenses&$top=7');
    for (const sku of skus.body.value!) {
      const holders = users.filter((user) =>
        (user.assignedLicenses as Array<{ skuId: string }>).some((license) => license.skuId === sku.skuId),
      );
      expect(sku.consumedUnits).toBe(holders.length);
      expect((sku.prepaidUnits as { enabled: number }).enabled).toBeGreaterThanOrEqual(holders.length);
    }
  });

  it('pages role assignments by itself and refuses $top and unknown filters', async () => {
    const { graph } = await startGraph({ users: 20_000 });
    const assignments = await allPages(graph, '/roleManagement/directory/roleAssignments');
    expect(assignments.length).toBe(Math.ceil(20_000 / 97) + 2);
    expect((await graph('/roleManagement/directory/roleAssignments?$top=5')).status).toBe(400);
    const badFilter = await graph("/roleManagement/directory/roleAssignments?$filter=appScopeId eq 'x'");
    expect(badFilter.status).toBe(400);
  });

  it('answers the audit log only to a tenant with P1/P2, and filters it', async () => {
    const { graph, fake: current } = await startGraph({ premiumLicensed: false });
    const refused = await graph('/auditLogs/directoryAudits');
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    await current.close();

    const licensed = await startGraph();
    const [, second] = licensed.fake.directory.listUsers({ offset: 0, limit: 2 }).users;
    const since = second!.createdAt.replace(/\.\d+Z$/, 'Z');
    const events = await allPages(
      licensed.graph,
      `/auditLogs/directoryAudits?$top=4&$filter=activityDateTime ge ${since}`,
    );
    expect(events).toHaveLength(29);
    const unsupported = await licensed.graph(
      '/auditLogs/directoryAudits?$filter=activityDateTime gt 2020-01-01T00:00:00Z',
    );
    expect(unsupported.status).toBe(400);
  });

  it('names the application by its app id and refuses another', async () => {
    const { graph, fake: current } = await startGraph();
    const found = await graph(`/servicePrincipals(appId='${current.credentials.client_id}')`);
    expect(found.body).toMatchObject({
      appId: current.credentials.client_id,
      id: current.tenant.servicePrincipalId,
    });
    const missing = await graph("/servicePrincipals(appId='00000000-0000-4000-8000-000000000000')");
    expect(missing.status).toBe(404);
    expect((await graph('/nothingHere')).status).toBe(400);
  });
});
