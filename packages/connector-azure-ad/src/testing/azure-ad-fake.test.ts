import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type AzureAdFake, type AzureAdFakeOptions, startAzureAdFake } from './azure-ad-fake.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown> & {
    value?: Array<Record<string, unknown>>;
    error?: { code: string; message: string };
  };
}

let fake: AzureAdFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const response = await request(url, {
    method: (init.method ?? 'GET') as 'GET',
    headers: init.headers,
    body: init.body,
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

function tokenRequest(current: AzureAdFake, form: Record<string, string>, tenant = current.tenantId) {
  return send(`${current.server.url}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

/** A fake and a Graph caller holding a valid token. */
async function startGraph(options: AzureAdFakeOptions = {}) {
  const current = await startAzureAdFake({ users: 30, clientSecret: 'fake-test-secret', ...options });
  fake = current;
  const token = await tokenRequest(current, {
    grant_type: 'client_credentials',
    client_id: current.credentials.client_id,
    client_secret: 'fake-test-secret',
    scope: 'https://graph.microsoft.com/.default',
  });
  const accessToken = token.body.access_token as string;
  const graph = (
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    send(path.startsWith('http') ? path : `${current.server.url}/v1.0${path}`, {
      method: init.method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  return { fake: current, graph, token };
}

const newUser = (fakeDomain: string, overrides: Record<string, unknown> = {}) => ({
  accountEnabled: true,
  displayName: 'Dorothy Vaughan',
  mailNickname: 'dvaughan',
  userPrincipalName: `dvaughan@${fakeDomain}`,
  passwordProfile: { password: 'Fortran-1961!', forceChangePasswordNextSignIn: true },
  ...overrides,
});

describe('the fake token endpoint (Entra v2.0)', () => {
  it('issues a Bearer token for client credentials with the app secret', async () => {
    const { token } = await startGraph();
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3599,
      access_token: expect.any(String),
    });
  });

  it('answers a wrong secret with 401 invalid_client and AADSTS7000215', async () => {
    const { fake: current } = await startGraph();
    const answer = await tokenRequest(current, {
      grant_type: 'client_credentials',
      client_id: current.credentials.client_id,
      client_secret: 'nope',
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    expect(answer.body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
  });

  it('refuses an unknown tenant, an unknown app and a scope without /.default', async () => {
    const { fake: current } = await startGraph();
    const form = {
      grant_type: 'client_credentials',
      client_id: current.credentials.client_id,
      client_secret: 'fake-test-secret',
      scope: 'https://graph.microsoft.com/.default',
    };
    expect((await tokenRequest(current, form, 'other-tenant')).body.error_codes).toEqual([90002]);
    expect((await tokenRequest(current, { ...form, client_id: 'unknown' })).body.error_codes).toEqual([
      700016,
    ]);
    const scope = await tokenRequest(current, { ...form, scope: 'User.Read' });
    expect(scope).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
  });

  it('rotates refresh tokens: each is good for one refresh', async () => {
    const { fake: current } = await startGraph({ auth: 'delegated' });
    const refreshToken = 'refresh_token' in current.credentials ? current.credentials.refresh_token : '';
    const form = {
      grant_type: 'refresh_token',
      client_id: current.credentials.client_id,
      client_secret: 'fake-test-secret',
    };
    const first = await tokenRequest(current, { ...form, refresh_token: refreshToken });
    expect(first.body.refresh_token).toEqual(expect.any(String));
    expect(first.body.refresh_token).not.toBe(refreshToken);
    const replayed = await tokenRequest(current, { ...form, refresh_token: refreshToken });
    expect(replayed).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(
      (await tokenRequest(current, { ...form, refresh_token: first.body.refresh_token as string })).status,
    ).toBe(200);
  });
});

describe('the fake Graph API', () => {
  it('requires a bearer token on every Graph route', async () => {
    const { fake: current } = await startGraph();
    for (const path of ['/users', '/groups', '/directory/deletedItems/microsoft.graph.user']) {
      const answer = await send(`${current.server.url}/v1.0${path}`);
      expect(answer.status).toBe(401);
      expect(answer.body.error).toMatchObject({
        code: 'InvalidAuthenticationToken',
        message: 'Access token is empty.',
      });
    }
    const forged = await send(`${current.server.url}/v1.0/users`, {
      headers: { authorization: 'Bearer forged' },
    });
    expect(forged.body.error?.code).toBe('InvalidAuthenticationToken');
  });

  it('returns the default projection without $select, and exactly the selection with it', async () => {
    const { graph } = await startGraph();
    const plain = await graph('/users?$top=1');
    expect(Object.keys(plain.body.value![0]!).sort()).toEqual(
      [
        'businessPhones',
        'displayName',
        'givenName',
        'id',
        'jobTitle',
        'mail',
        'mobilePhone',
        'officeLocation',
        'preferredLanguage',
        'surname',
        'userPrincipalName',
      ].sort(),
    );
    const selected = await graph('/users?$top=1&$select=DisplayName,accountEnabled');
    expect(Object.keys(selected.body.value![0]!)).toEqual(['displayName', 'accountEnabled', 'id']);
    expect(selected.body['@odata.context']).toMatch(/\$metadata#users\(displayName,accountEnabled\)$/);
    const unknown = await graph('/users?$select=shoeSize');
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'Request_BadRequest' } } });
    expect(unknown.body.error?.message).toBe(
      "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.",
    );
  });

  it('pages with @odata.nextLink carrying $skiptoken and the original options, until the last page', async () => {
    const { graph } = await startGraph();
    const ids: string[] = [];
    let link: string | undefined = '/users?$select=id&$top=7&$filter=accountEnabled eq true';
    let pages = 0;
    while (link) {
      const page = await graph(link);
      ids.push(...page.body.value!.map((user) => user.id as string));
      link = page.body['@odata.nextLink'] as string | undefined;
      if (link) expect(link).toMatch(/\$select=id&\$top=7&\$filter=accountEnabled%20eq%20true&\$skiptoken=/);
      pages++;
    }
    const enabled = [...fake!.directory.iterateUsers()]
      .filter((user) => !user.suspended)
      .map((user) => user.id);
    expect(ids).toEqual(enabled);
    expect(pages).toBe(Math.ceil(enabled.length / 7));
    expect((await graph('/users?$skiptoken=garbage')).body.error?.code).toBe('Directory_ExpiredPageToken');
  });

  it('bounds $top to 1..999', async () => {
    const { graph } = await startGraph();
    const answer = await graph('/users?$top=1000');
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toBe(
      "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    );
    expect((await graph('/users?$top=0')).status).toBe(400);
  });

  it('applies the advanced-query rules: ne, $search and $count need ConsistencyLevel: eventual', async () => {
    const { graph } = await startGraph();
    const ne = await graph("/users?$filter=userType ne 'Guest'");
    expect(ne).toMatchObject({ status: 400, body: { error: { code: 'Request_UnsupportedQuery' } } });
    const eventual = { ConsistencyLevel: 'eventual' };
    const advanced = await graph("/users?$filter=userType ne 'Guest'&$count=true", { headers: eventual });
    expect(advanced.status).toBe(200);
    expect(advanced.body['@odata.count']).toBe(30);
    // Graph ignores $count=true without the header instead of failing.
    expect((await graph('/users?$count=true')).body['@odata.count']).toBeUndefined();

    const search = await graph('/users?$search="displayName:ada"');
    expect(search.body.error?.message).toBe(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
    const found = await graph('/users?$search="displayName:ada"&$select=displayName', { headers: eventual });
    expect(found.body.value?.every((user) => /(^|\s)ada/i.test(user.displayName as string))).toBe(true);

    const expandAdvanced = await graph('/users?$count=true&$expand=memberOf', { headers: eventual });
    expect(expandAdvanced.body.error?.code).toBe('Request_UnsupportedQuery');
    expect((await graph("/users?$filter=faxNumber eq '1'")).body.error?.code).toBe(
      'Request_UnsupportedQuery',
    );
  });

  it('sorts with $orderby where Graph can: displayName by default, with a filter only in advanced queries', async () => {
    const { graph } = await startGraph();
    const sorted = await graph('/users?$select=displayName&$orderby=displayName desc&$top=999');
    const names = sorted.body.value!.map((user) => (user.displayName as string).toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
    expect(names).toHaveLength(30);
    const paged = await graph('/users?$select=displayName&$orderby=displayName&$top=10');
    const next = await graph(paged.body['@odata.nextLink'] as string);
    expect(
      [...paged.body.value!, ...next.body.value!].map((user) => (user.displayName as string).toLowerCase()),
    ).toEqual([...names].reverse().slice(0, 20));
    const filtered = '/users?$filter=accountEnabled eq true&$orderby=displayName';
    expect((await graph(filtered)).body.error?.message).toBe('Sorting not supported for current query.');
    expect(
      (await graph(`${filtered}&$count=true`, { headers: { ConsistencyLevel: 'eventual' } })).status,
    ).toBe(200);
    expect((await graph('/users?$orderby=jobTitle')).status).toBe(400);
  });

  it('expands memberOf with groups and directory roles, at most 20', async () => {
    const { graph, fake: current } = await startGraph({ groups: 25 });
    const [admin] = current.directory.listUsers({ offset: 0, limit: 1 }).users;
    for (const group of current.directory.listGroups({ offset: 0, limit: 25 }).groups)
      current.directory.addMember(group.id, admin!.id);
    const answer = await graph(`/users/${admin!.id}?$select=id&$expand=memberOf($select=id,displayName)`);
    const memberOf = answer.body.memberOf as Array<Record<string, unknown>>;
    expect(memberOf).toHaveLength(20);
    expect(Object.keys(memberOf[0]!)).toEqual(['@odata.type', 'id', 'displayName']);
    const all = await graph(`/users/${admin!.id}/memberOf?$top=999`);
    expect(all.body.value).toHaveLength(26);
    expect(
      all.body.value?.filter((item) => item['@odata.type'] === '#microsoft.graph.directoryRole'),
    ).toHaveLength(1);
  });

  it('expands each listed user with the memberships it has at the time of the request', async () => {
    const { graph, fake: current } = await startGraph({ groups: 4 });
    const list = '/users?$select=id&$top=3&$expand=memberOf($select=id,displayName)';
    const memberOf = async () =>
      (await graph(list)).body.value?.map((user) =>
        (user.memberOf as Array<Record<string, unknown>>).map((item) => item.displayName),
      );
    const groups = current.directory.listGroups({ offset: 0, limit: 4 }).groups;
    const names = groups.map((group) => group.name);
    // User 0 is in group 0 and, as a multiple of 7, group 1; it is also the seeded administrator.
    expect(await memberOf()).toEqual([[names[0], names[1], 'Global Administrator'], [names[1]], [names[2]]]);
    const [, second] = current.directory.listUsers({ offset: 0, limit: 2 }).users;
    current.directory.addMember(groups[3]!.id, second!.id);
    current.directory.removeMember(groups[1]!.id, second!.id);
    expect((await memberOf())?.[1]).toEqual([names[3]]);
    const withIds = await graph('/users?$select=id&$top=1&$expand=memberOf($select=id)');
    expect(withIds.body.value?.[0]?.memberOf).toEqual([
      { '@odata.type': '#microsoft.graph.group', id: groups[0]!.id },
      { '@odata.type': '#microsoft.graph.group', id: groups[1]!.id },
      { '@odata.type': '#microsoft.graph.directoryRole', id: '7e5f4a4c-5d3b-4b53-9d0b-0a6d8a6f1c01' },
    ]);
  });

  it('creates (201), updates (204) and validates user bodies as Graph does', async () => {
    const { graph, fake: current } = await startGraph();
    const domain = current.directory.domain;
    const created = await graph('/users', { method: 'POST', body: newUser(domain) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      displayName: 'Dorothy Vaughan',
      givenName: null,
      userPrincipalName: `dvaughan@${domain}`,
    });
    expect(created.body).not.toHaveProperty('passwordProfile');

    const duplicate = await graph('/users', { method: 'POST', body: newUser(domain) });
    expect(duplicate.body.error).toEqual(
      expect.objectContaining({
        code: 'Request_BadRequest',
        message: 'Another object with the same value for property userPrincipalName already exists.',
      }),
    );
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ mailNickname: undefined }, /Invalid value specified for property 'mailNickname'/],
      [{ userPrincipalName: 'x@elsewhere.test' }, /domain portion of the userPrincipalName/],
      [
        { userPrincipalName: `weak@${domain}`, passwordProfile: { password: 'password' } },
        /password complexity/,
      ],
      [
        { userPrincipalName: `odd@${domain}`, favouriteColour: 'red' },
        /Property 'favouriteColour' does not exist on type 'microsoft.graph.user'/,
      ],
    ];
    for (const [overrides, message] of cases) {
      const answer = await graph('/users', { method: 'POST', body: newUser(domain, overrides) });
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toMatch(message);
    }

    const id = created.body.id as string;
    const patched = await graph(`/users/${id}`, {
      method: 'PATCH',
      body: { jobTitle: 'Supervisor', accountEnabled: false },
    });
    expect(patched.status).toBe(204);
    const read = await graph(`/users/${id}?$select=jobTitle,accountEnabled`);
    expect(read.body).toMatchObject({ jobTitle: 'Supervisor', accountEnabled: false });
    expect((await graph(`/users/dvaughan@${domain}?$select=id`)).body.id).toBe(id);
  });

  it('keeps deleted users in deleted items until restored or purged', async () => {
    const { graph, fake: current } = await startGraph();
    const [user] = current.directory.listUsers({ offset: 4, limit: 1 }).users;
    expect((await graph(`/users/${user!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await graph(`/users/${user!.id}`)).body.error?.code).toBe('Request_ResourceNotFound');
    const deleted = await graph('/directory/deletedItems/microsoft.graph.user?$select=id,deletedDateTime');
    expect(deleted.body.value).toEqual([{ id: user!.id, deletedDateTime: expect.stringMatching(/Z$/) }]);

    const restored = await graph(`/directory/deletedItems/${user!.id}/restore`, { method: 'POST' });
    expect(restored).toMatchObject({
      status: 200,
      body: { id: user!.id, '@odata.type': '#microsoft.graph.user' },
    });
    expect((await graph(`/users/${user!.id}`)).status).toBe(200);

    expect((await graph(`/directory/deletedItems/${user!.id}`, { method: 'DELETE' })).status).toBe(404);
    await graph(`/users/${user!.id}`, { method: 'DELETE' });
    expect((await graph(`/directory/deletedItems/${user!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await graph(`/directory/deletedItems/${user!.id}`)).status).toBe(404);
    expect((await graph(`/users/${user!.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('adds a member (204), refuses a duplicate with 400, removes it (204), then 400; a never-member is 404', async () => {
    const { graph, fake: current } = await startGraph();
    const [user] = current.directory.listUsers({ offset: 1, limit: 1 }).users;
    const group = current.directory
      .listGroups({ offset: 0, limit: 3 })
      .groups.find((candidate) => !current.directory.groupIdsOfUser(user!.id).includes(candidate.id))!;
    const reference = { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${user!.id}` };
    expect(
      (await graph(`/groups/${group.id}/members/$ref`, { method: 'POST', body: reference })).status,
    ).toBe(204);
    const duplicate = await graph(`/groups/${group.id}/members/$ref`, { method: 'POST', body: reference });
    expect(duplicate.body.error?.message).toBe(
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
    const members = await graph(`/groups/${group.id}/members?$select=id`);
    expect(members.body.value).toContainEqual({ '@odata.type': '#microsoft.graph.user', id: user!.id });
    expect((await graph(`/groups/${group.id}/members/${user!.id}/%24ref`, { method: 'DELETE' })).status).toBe(
      204,
    );
    const again = await graph(`/groups/${group.id}/members/${user!.id}/$ref`, { method: 'DELETE' });
    expect(again.status).toBe(400);
    expect(again.body.error?.message).toBe(
      "One or more removed object references do not exist for the following modified properties: 'members'.",
    );
    const [stranger] = current.directory.listUsers({ offset: 2, limit: 1 }).users;
    const neverMember = await graph(`/groups/${group.id}/members/${stranger!.id}/$ref`, { method: 'DELETE' });
    expect(neverMember.status).toBe(404);
    expect(neverMember.body.error?.message).toContain(`Resource '${stranger!.id}'`);
  });

  it('answers an unknown segment as Graph does', async () => {
    const { graph } = await startGraph();
    const answer = await graph('/usrs');
    expect(answer).toMatchObject({
      status: 400,
      body: { error: { code: 'BadRequest', message: "Resource not found for the segment 'usrs'." } },
    });
  });
});
