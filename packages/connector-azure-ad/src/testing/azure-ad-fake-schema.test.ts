import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphUserSelect } from '../azure-ad-mapping.js';
import { type AzureAdFake, startAzureAdFake } from './azure-ad-fake.js';
import { validateGraphPayload } from './azure-ad-schema-validator.js';

/** Fake responses checked against the Graph v1.0 spec subset's schemas (src/testing/__fixtures__/graph-schemas.json). */
describe('Graph fake responses match the spec subset', () => {
  let fake: AzureAdFake;
  let token: string;

  async function call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const response = await request(`${fake.server.url}/v1.0${path}`, {
      method: method as 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: text ? JSON.parse(text) : undefined };
  }

  beforeAll(async () => {
    fake = await startAzureAdFake({ users: 40 });
    const response = await request(fake.settings.token_url!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: fake.credentials.client_id,
        client_secret: 'client_secret' in fake.credentials ? (fake.credentials.client_secret ?? '') : '',
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
    });
    token = ((await response.body.json()) as { access_token: string }).access_token;
  });
  afterAll(() => fake.close());

  const fullSelect = `$select=${[...graphUserSelect, 'signInActivity', 'mailNickname', 'city'].join(',')}`;
  const cases: Array<[string, string, string, number, string]> = [
    ['user list, default projection', 'GET', '/users?$top=5', 200, 'microsoft.graph.userCollectionResponse'],
    [
      'user list, every mapped property and memberOf',
      'GET',
      `/users?${fullSelect}&$expand=memberOf($select=id,displayName)&$top=999`,
      200,
      'microsoft.graph.userCollectionResponse',
    ],
    ['user get', 'GET', `/users/{user}?${fullSelect}&$expand=memberOf`, 200, 'microsoft.graph.user'],
    ['group list', 'GET', '/groups', 200, 'microsoft.graph.groupCollectionResponse'],
    ['group get', 'GET', '/groups/{group}', 200, 'microsoft.graph.group'],
    [
      'group members',
      'GET',
      '/groups/{group}/members',
      200,
      'microsoft.graph.directoryObjectCollectionResponse',
    ],
    ['memberOf', 'GET', '/users/{user}/memberOf', 200, 'microsoft.graph.directoryObjectCollectionResponse'],
    [
      'memberOf with role template ids',
      'GET',
      '/users/{admin}/memberOf?$select=id,displayName,roleTemplateId',
      200,
      'microsoft.graph.directoryObjectCollectionResponse',
    ],
    [
      'user list expanding memberOf with role template ids',
      'GET',
      `/users?$select=id,assignedLicenses&$expand=memberOf($select=id,displayName,roleTemplateId)`,
      200,
      'microsoft.graph.userCollectionResponse',
    ],
    ['subscribed SKUs', 'GET', '/subscribedSkus', 200, 'microsoft.graph.subscribedSkuCollectionResponse'],
    ['unknown SKU', 'GET', '/subscribedSkus/nope', 404, 'microsoft.graph.ODataErrors.ODataError'],
    [
      'unknown user',
      'GET',
      '/users/00000000-0000-4000-8000-000000000000',
      404,
      'microsoft.graph.ODataErrors.ODataError',
    ],
    ['bad $top', 'GET', '/users?$top=1000', 400, 'microsoft.graph.ODataErrors.ODataError'],
  ];

  it.each(cases)('%s', async (_name, method, template, status, schema) => {
    const [user] = fake.directory.listUsers({ offset: 0, limit: 1 }).users;
    const [group] = fake.directory.listGroups({ offset: 0, limit: 1 }).groups;
    const [admin] = fake.directory.listUsers({ offset: 0, limit: 1 }).users;
    const path = template
      .replace('{user}', user!.id)
      .replace('{group}', group!.id)
      .replace('{admin}', admin!.id);
    const response = await call(method, path);
    expect(response.status).toBe(status);
    expect(validateGraphPayload(response.body, schema)).toEqual([]);
  });

  it('create (201) and the deleted-items list', async () => {
    const created = await call('POST', '/users', {
      accountEnabled: true,
      displayName: 'Mary Jackson',
      mailNickname: 'mjackson',
      userPrincipalName: `mjackson@${fake.directory.domain}`,
      passwordProfile: { password: 'Wind-Tunnel-1958', forceChangePasswordNextSignIn: true },
    });
    expect(created.status).toBe(201);
    expect(validateGraphPayload(created.body, 'microsoft.graph.user')).toEqual([]);
    const id = (created.body as { id: string }).id;
    expect((await call('DELETE', `/users/${id}`)).status).toBe(204);
    const deleted = await call(
      'GET',
      '/directory/deletedItems/microsoft.graph.user?$select=id,displayName,deletedDateTime',
    );
    expect(validateGraphPayload(deleted.body, 'microsoft.graph.userCollectionResponse')).toEqual([]);
  });

  it('group create (201), update (204) and delete (204)', async () => {
    const created = await call('POST', '/groups', {
      displayName: 'Apollo',
      mailNickname: 'apollo',
      mailEnabled: true,
      securityEnabled: false,
      groupTypes: ['Unified'],
    });
    expect(created.status).toBe(201);
    expect(validateGraphPayload(created.body, 'microsoft.graph.group')).toEqual([]);
    const id = (created.body as { id: string }).id;
    expect((await call('PATCH', `/groups/${id}`, { description: 'Moon' })).status).toBe(204);
    const read = await call('GET', `/groups/${id}`);
    expect(validateGraphPayload(read.body, 'microsoft.graph.group')).toEqual([]);
    expect(read.body).toMatchObject({ description: 'Moon', mail: `apollo@${fake.directory.domain}` });
    expect((await call('DELETE', `/groups/${id}`)).status).toBe(204);
    const gone = await call('GET', `/groups/${id}`);
    expect(gone.status).toBe(404);
    expect(validateGraphPayload(gone.body, 'microsoft.graph.ODataErrors.ODataError')).toEqual([]);
  });

  it('the validator rejects what the spec does not allow', () => {
    expect(
      validateGraphPayload(
        { value: [{ id: 'x', accountEnabled: 'yes' }] },
        'microsoft.graph.userCollectionResponse',
      ),
    ).toEqual(['$.value[0].accountEnabled: expected a boolean']);
    expect(
      validateGraphPayload(
        { id: 'x', createdDateTime: 'yesterday', favouriteColour: 'red' },
        'microsoft.graph.user',
      ),
    ).toEqual([
      '$.createdDateTime: not a date-time',
      '$.favouriteColour: not a property of #/components/schemas/microsoft.graph.user',
    ]);
    expect(
      validateGraphPayload({ error: { message: 'no code' } }, 'microsoft.graph.ODataErrors.ODataError'),
    ).toEqual(['$.error.code: required']);
  });
});
