import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OktaFake, startOktaFake } from './okta-fake.js';

/** Wire details of the fake that the SDK and schema tests do not look at. */
describe('the Okta fake on the wire', () => {
  let fake: OktaFake;
  const get = (path: string, authorization = `SSWS ${fake.apiToken}`) =>
    request(`${fake.server.url}/api/v1${path}`, { headers: { authorization } });

  beforeAll(async () => {
    fake = await startOktaFake({ users: 5, rateLimit: { limit: 50, windowSeconds: 60 } });
  });
  afterAll(() => fake.close());

  it('sends self and next as two Link header lines, as Okta does', async () => {
    const response = await get('/users?limit=2');
    await response.body.dump();
    const links = response.headers.link;
    expect(Array.isArray(links)).toBe(true);
    expect(links).toEqual([
      expect.stringMatching(/\/api\/v1\/users\?limit=2>; rel="self"$/),
      expect.stringMatching(/\/api\/v1\/users\?limit=2&after=[\w-]+>; rel="next"$/),
    ]);
  });

  it('puts X-Okta-Request-Id and the rate-limit headers on every answer, errors included', async () => {
    for (const response of [
      await get('/users/me'),
      await get('/users/00u-missing'),
      await get('/users', 'SSWS wrong'),
    ]) {
      await response.body.dump();
      expect(response.headers['x-okta-request-id']).toMatch(/^[\w-]{20}$/);
      expect(response.headers['x-rate-limit-limit']).toBe('50');
      expect(Number(response.headers['x-rate-limit-remaining'])).toBeLessThan(50);
      expect(Number(response.headers['x-rate-limit-reset']) * 1000).toBeGreaterThan(Date.now());
    }
  });

  it('answers 401 E0000011 without a valid token', async () => {
    const unauthenticated = await get('/users', 'Bearer nothing');
    expect(unauthenticated.statusCode).toBe(401);
    expect(await unauthenticated.body.json()).toMatchObject({
      errorCode: 'E0000011',
      errorSummary: 'Invalid token provided',
    });
  });

  it('deletes in two steps: the first DELETE deactivates, the second deletes for good', async () => {
    const user = fake.directory.listUsers({ offset: 1, limit: 1 }).users[0]!;
    const remove = async () => {
      const response = await request(`${fake.server.url}/api/v1/users/${user.id}`, {
        method: 'DELETE',
        headers: { authorization: `SSWS ${fake.apiToken}` },
      });
      await response.body.dump();
      return response;
    };
    expect((await remove()).statusCode).toBe(204);
    const deactivated = await get(`/users/${user.id}`);
    expect(((await deactivated.body.json()) as { status: string }).status).toBe('DEPROVISIONED');
    expect((await remove()).statusCode).toBe(204);
    const gone = await get(`/users/${user.id}`);
    await gone.body.dump();
    expect(gone.statusCode).toBe(404);
    expect((await remove()).statusCode).toBe(404);
  });
});
