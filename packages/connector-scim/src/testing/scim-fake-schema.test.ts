import SCIMMY from 'scimmy';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScimFake, startScimFake } from './scim-fake.js';

/**
 * The fake's answers, checked by an implementation we did not write: scimmy's RFC 7643 schemas (core User with
 * the enterprise extension, Group) and its ListResponse reader throw on a wrong type, a missing required
 * attribute or a value outside an attribute's canonical values.
 */
describe('the SCIM fake, validated by scimmy', () => {
  let fake: ScimFake;
  const get = async (path: string) => {
    const answer = await request(`${fake.settings.base_url}${path}`, {
      headers: { authorization: `Bearer ${fake.credentials.token}` },
    });
    expect(answer.headers['content-type']).toContain('application/scim+json');
    // Typed loosely: scimmy's readers, not the compiler, decide whether the shape is right.
    return answer.body.json() as Promise<never>;
  };

  beforeAll(async () => {
    SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
    fake = await startScimFake({ users: 30 });
  });
  afterAll(() => fake.close());

  it('serves list responses and users that match RFC 7643', async () => {
    const body = await get('/Users?startIndex=1&count=30');
    const list = new SCIMMY.Messages.ListResponse(body);
    expect(list.totalResults).toBe(30);
    for (const resource of list.Resources) {
      const user = new SCIMMY.Schemas.User(resource, 'out');
      expect(user.id).toBe((resource as { id: string }).id);
      expect(user.userName).toBeTruthy();
    }
  });

  it('serves groups that match RFC 7643, and a ServiceProviderConfig scimmy can read', async () => {
    const groups = new SCIMMY.Messages.ListResponse(await get('/Groups'));
    for (const resource of groups.Resources) new SCIMMY.Schemas.Group(resource, 'out');
    const config: Record<string, unknown> = await get('/ServiceProviderConfig');
    expect(() => new SCIMMY.Schemas.ServiceProviderConfig(config, 'out')).not.toThrow();
  });

  it('answers errors with the RFC 7644 error message', async () => {
    const body: Record<string, unknown> = await get('/Users/unknown-user');
    expect(body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
    });
  });
});
