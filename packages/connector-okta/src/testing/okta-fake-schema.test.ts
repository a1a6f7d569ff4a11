import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OktaFake, startOktaFake } from './okta-fake.js';
import { oktaSpecVersion, validateOktaSchema } from './okta-schema-validator.js';

/**
 * Fake answers checked against the schemas of Okta's management OpenAPI (src/testing/__fixtures__/
 * okta-schemas.json, extracted by scripts/extract-okta-schemas.py): a field the spec does not declare, a
 * wrong type or a missing required property fails.
 */
describe(`Okta fake responses match the management OpenAPI ${oktaSpecVersion}`, () => {
  let fake: OktaFake;

  async function call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const response = await request(`${fake.server.url}/api/v1${path}`, {
      method: method as 'GET',
      headers: { authorization: `SSWS ${fake.apiToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, body: text ? JSON.parse(text) : undefined };
  }

  beforeAll(async () => {
    fake = await startOktaFake({ users: 60 });
  });
  afterAll(() => fake.close());

  const seededUserId = () => fake.directory.listUsers({ offset: 2, limit: 1 }).users[0]!.id;
  const seededGroupId = () => fake.directory.listGroups({ offset: 0, limit: 1 }).groups[0]!.id;

  const arrays: Array<[string, () => string, string]> = [
    ['user list', () => '/users?limit=60', 'User'],
    ['user search, DEPROVISIONED included', () => '/users?search=status%20pr', 'User'],
    ['group list with stats', () => '/groups?expand=stats', 'Group'],
    ['group members', () => `/groups/${seededGroupId()}/users`, 'User'],
    ["a user's groups", () => `/users/${seededUserId()}/groups`, 'Group'],
    ["an admin's roles", () => `/users/${fake.adminUserId}/roles`, 'StandardRole'],
  ];
  for (const [name, path, schema] of arrays) {
    it(`${name}: every item is a ${schema}`, async () => {
      const response = await call('GET', path());
      expect(response.status).toBe(200);
      const items = response.body as unknown[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.flatMap((item) => validateOktaSchema(item, schema))).toEqual([]);
    });
  }

  it('get user (UserGetSingleton), get group, org settings', async () => {
    expect(
      validateOktaSchema((await call('GET', `/users/${seededUserId()}`)).body, 'UserGetSingleton'),
    ).toEqual([]);
    expect(validateOktaSchema((await call('GET', `/groups/${seededGroupId()}`)).body, 'Group')).toEqual([]);
    expect(validateOktaSchema((await call('GET', '/org')).body, 'OrgSetting')).toEqual([]);
  });

  it('create, update and deactivate answers', async () => {
    const created = await call('POST', '/users?activate=false', {
      profile: {
        firstName: 'Mary',
        lastName: 'Jackson',
        email: 'mary@unidir.test',
        login: 'mary@unidir.test',
      },
    });
    expect(created.status).toBe(200);
    expect(validateOktaSchema(created.body, 'User')).toEqual([]);
    const id = (created.body as { id: string }).id;
    const updated = await call('POST', `/users/${id}`, {
      profile: { title: 'Engineer', secondEmail: 'mary@home.example' },
    });
    expect(validateOktaSchema(updated.body, 'User')).toEqual([]);
    expect((await call('POST', `/users/${id}/lifecycle/deactivate`)).status).toBe(200);
    expect(validateOktaSchema((await call('GET', `/users/${id}`)).body, 'UserGetSingleton')).toEqual([]);
    const group = await call('POST', '/groups', { profile: { name: 'Spec Group', description: 'checked' } });
    expect(validateOktaSchema(group.body, 'Group')).toEqual([]);
  });

  it('error answers are the spec Error', async () => {
    const answers = [
      await call('GET', '/users/00u-missing'),
      await call('POST', '/users', { profile: { firstName: 'No' } }),
      await call('GET', '/users?search=nonsense'),
      await call('DELETE', `/groups/${fake.groups.everyoneId}/users/${seededUserId()}`),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([404, 400, 400, 403]);
    for (const answer of answers) expect(validateOktaSchema(answer.body, 'Error')).toEqual([]);
  });

  it('the validator catches what the spec forbids (it is not a pass-through)', async () => {
    const user = (await call('GET', `/users/${seededUserId()}`)).body as Record<string, unknown>;
    expect(validateOktaSchema({ ...user, status: 'GONE' }, 'User')).not.toEqual([]);
    expect(validateOktaSchema({ ...user, invented: true }, 'User')).not.toEqual([]);
    expect(validateOktaSchema({ ...user, created: 'yesterday' }, 'User')).not.toEqual([]);
  });
});
