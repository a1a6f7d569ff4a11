import { signJwtRs256 } from '@unidir/connector-utils';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryResponseBody } from './google-workspace-discovery-validator.js';
import { type GoogleWorkspaceFake, startGoogleWorkspaceFake } from './google-workspace-fake.js';
import { directoryScopes } from './google-workspace-fake-scopes.js';

const allScopes = Object.values(directoryScopes).join(' ');

describe('the Google Workspace fake', () => {
  let fake: GoogleWorkspaceFake;
  let clock = Date.now();

  beforeAll(async () => {
    fake = await startGoogleWorkspaceFake({ users: 12, groups: 3, now: () => clock });
  });
  afterAll(() => fake.close());

  function assertion(claims: Record<string, unknown> = {}, privateKey = fake.credentials.private_key) {
    const issuedAt = Math.floor(clock / 1000);
    return signJwtRs256(
      {
        iss: fake.credentials.client_email,
        sub: fake.adminEmail,
        scope: allScopes,
        aud: fake.settings.token_url,
        iat: issuedAt,
        exp: issuedAt + 3600,
        ...claims,
      },
      privateKey,
    );
  }

  async function exchange(jwt: string) {
    const response = await request(fake.settings.token_url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwt,
      }).toString(),
    });
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
  }

  async function call(
    path: string,
    token: string | undefined,
    init: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown } = {},
  ) {
    const response = await request(`${fake.server.url}/admin/directory/v1${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      body: text === '' ? undefined : (JSON.parse(text) as DirectoryResponseBody),
    };
  }

  async function adminToken() {
    const { body } = await exchange(assertion());
    return body.access_token as string;
  }

  describe('token endpoint', () => {
    it('exchanges a signed assertion for a one-hour bearer token', async () => {
      const { status, body } = await exchange(assertion());
      expect(status).toBe(200);
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
      expect(body.access_token).toMatch(/^ya29\./);
    });

    it("accepts Google's own audience, which the official clients sign for", async () => {
      expect((await exchange(assertion({ aud: 'https://oauth2.googleapis.com/token' }))).status).toBe(200);
    });

    it('refuses an assertion signed by another key', async () => {
      const { generateKeyPairSync } = await import('node:crypto');
      const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      });
      expect(await exchange(assertion({}, other.toString()))).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
      });
    });

    it('refuses a tampered claim set (the signature no longer matches)', async () => {
      const [header, , signature] = assertion().split('.');
      const forged = Buffer.from(JSON.stringify({ iss: fake.credentials.client_email, sub: 'x' })).toString(
        'base64url',
      );
      expect((await exchange(`${header}.${forged}.${signature}`)).body.error).toBe('invalid_grant');
    });

    it.each([
      ['an expired assertion', { exp: Math.floor(clock / 1000) - 10, iat: Math.floor(clock / 1000) - 3610 }],
      [
        'an assertion issued in the future',
        { iat: Math.floor(clock / 1000) + 3600, exp: Math.floor(clock / 1000) + 7200 },
      ],
      ['an assertion living longer than an hour', { exp: Math.floor(clock / 1000) + 7200 }],
    ])('refuses %s with invalid_grant', async (_name, claims) => {
      const { status, body } = await exchange(assertion(claims));
      expect(status).toBe(400);
      expect(body.error).toBe('invalid_grant');
      expect(body.error_description).toMatch(/iat and exp/);
    });

    it('refuses a wrong audience and an unknown issuer', async () => {
      expect(
        (await exchange(assertion({ aud: 'https://example.test/token' }))).body.error_description,
      ).toMatch(/audience/);
      expect((await exchange(assertion({ iss: 'someone@else.iam.gserviceaccount.com' }))).body.error).toBe(
        'invalid_grant',
      );
    });

    it('answers 401 unauthorized_client for a scope not granted by domain-wide delegation', async () => {
      const { status, body } = await exchange(
        assertion({ scope: 'https://www.googleapis.com/auth/admin.directory.device.chromeos' }),
      );
      expect(status).toBe(401);
      expect(body.error).toBe('unauthorized_client');
    });

    it('issues tokens for the OAuth refresh token and refuses a wrong client secret', async () => {
      const form = (secret: string) =>
        new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: fake.oauthCredentials.client_id,
          client_secret: secret,
          refresh_token: fake.oauthCredentials.refresh_token,
        }).toString();
      const post = async (body: string) => {
        const response = await request(fake.settings.token_url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
      };
      const granted = await post(form(fake.oauthCredentials.client_secret));
      expect(granted.status).toBe(200);
      expect((await call('/users?customer=my_customer', granted.body.access_token as string)).status).toBe(
        200,
      );
      expect((await post(form('wrong'))).body.error).toBe('invalid_client');
    });
  });

  describe('bearer check', () => {
    it("answers every route without a valid token with Google's 401 body", async () => {
      for (const path of [
        '/users?customer=my_customer',
        '/groups?customer=my_customer',
        '/users/nobody@unidir.test',
      ]) {
        const { status, body } = await call(path, 'ya29.not-issued');
        expect(status).toBe(401);
        expect(body?.error).toMatchObject({
          code: 401,
          status: 'UNAUTHENTICATED',
          errors: [{ reason: 'authError' }],
        });
      }
      expect((await call('/users?customer=my_customer', undefined)).status).toBe(401);
    });

    it('refuses an expired token', async () => {
      const token = await adminToken();
      clock += 3600_000;
      try {
        expect((await call('/users?customer=my_customer', token)).status).toBe(401);
      } finally {
        clock -= 3600_000;
      }
    });

    it('refuses to act as someone who is not a user of the domain', async () => {
      expect(await exchange(assertion({ sub: 'nobody@unidir.test' }))).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Invalid email or User ID' },
      });
    });

    it('answers 403 "Not Authorized" when the impersonated subject is not an administrator', async () => {
      const member = fake.directory.listUsers({ offset: 1, limit: 1 }).users[0]!;
      const { body } = await exchange(assertion({ sub: member.email }));
      const { status, body: error } = await call('/users?customer=my_customer', body.access_token as string);
      expect(status).toBe(403);
      expect(error?.error?.message).toBe('Not Authorized to access this resource/api');
    });

    it('answers 403 insufficientPermissions for a token without the scope of the method', async () => {
      const { body } = await exchange(assertion({ scope: directoryScopes.groupReadonly }));
      const { status, body: error } = await call('/users?customer=my_customer', body.access_token as string);
      expect(status).toBe(403);
      expect(error?.error?.errors[0]?.reason).toBe('insufficientPermissions');
    });
  });

  describe('directory', () => {
    it('pages users with page tokens and leaves the users key out of an empty page', async () => {
      const token = await adminToken();
      const first = await call('/users?customer=my_customer&maxResults=5', token);
      expect(first.body?.users).toHaveLength(5);
      const seen: string[] = (first.body?.users ?? []).map((user) => user.id);
      let pageToken = first.body?.nextPageToken as string | undefined;
      while (pageToken) {
        const page = await call(`/users?customer=my_customer&maxResults=5&pageToken=${pageToken}`, token);
        seen.push(...(page.body?.users ?? []).map((user) => user.id));
        pageToken = page.body?.nextPageToken;
      }
      expect(new Set(seen).size).toBe(12);
      const empty = await call(
        `/users?customer=my_customer&query=${encodeURIComponent("email:'nobody@unidir.test'")}`,
        token,
      );
      expect(empty.status).toBe(200);
      expect(empty.body).not.toHaveProperty('users');
      expect(empty.body).not.toHaveProperty('nextPageToken');
      expect(empty.body?.kind).toBe('admin#directory#users');
    });

    it('validates maxResults, customer and domain like Google', async () => {
      const token = await adminToken();
      expect((await call('/users?customer=my_customer&maxResults=501', token)).status).toBe(400);
      expect((await call('/users', token)).status).toBe(400);
      expect((await call('/users?domain=elsewhere.test', token)).body?.error?.message).toBe(
        'Domain not found.',
      );
      expect(
        (await call(`/users?customer=${fake.google.ids.customerId}&maxResults=1`, token)).body?.users,
      ).toHaveLength(1);
      expect((await call('/users?domain=unidir.test&maxResults=1', token)).body?.users).toHaveLength(1);
    });

    it('keeps deleted users out of lists and gets, and lists them with showDeleted=true', async () => {
      const token = await adminToken();
      const victim = fake.directory.listUsers({ offset: 3, limit: 1 }).users[0]!;
      const id = fake.google.ids.userId(victim.index);
      expect((await call(`/users/${id}`, token, { method: 'DELETE' })).status).toBe(204);
      expect((await call(`/users/${id}`, token)).status).toBe(404);
      expect((await call(`/users/${id}`, token, { method: 'DELETE' })).status).toBe(404);
      const deleted = await call('/users?customer=my_customer&showDeleted=true', token);
      expect(deleted.body?.users?.map((user) => user.id)).toEqual([id]);
      expect(deleted.body?.users?.[0]?.deletionTime).toBe(new Date(clock).toISOString());
      expect(
        (await call(`/users/${id}/undelete`, token, { method: 'POST', body: { orgUnitPath: '/' } })).status,
      ).toBe(204);
      expect((await call(`/users/${id}`, token)).status).toBe(200);
    });

    it('answers 400 "Type not supported" for a group key used as a user key', async () => {
      const token = await adminToken();
      const group = fake.directory.listGroups({ offset: 0, limit: 1 }).groups[0]!;
      const { status, body } = await call(`/users/${encodeURIComponent(group.email)}`, token);
      expect(status).toBe(400);
      expect(body?.error?.message).toBe('Type not supported: userKey');
    });

    it('adds a member once (409 "Member already exists." the second time) and removes it', async () => {
      const token = await adminToken();
      const group = fake.directory.listGroups({ offset: 2, limit: 1 }).groups[0]!;
      const user = fake.directory
        .listUsers({ offset: 0, limit: 12 })
        .users.find((candidate) => !fake.directory.isMember(group.id, candidate.id))!;
      const groupId = fake.google.ids.groupId(group.index);
      const added = await call(`/groups/${groupId}/members`, token, {
        method: 'POST',
        body: { email: user.email, role: 'MEMBER' },
      });
      expect(added.status).toBe(200);
      expect(added.body).toMatchObject({
        kind: 'admin#directory#member',
        email: user.email,
        type: 'USER',
        role: 'MEMBER',
      });
      const again = await call(`/groups/${groupId}/members`, token, {
        method: 'POST',
        body: { email: user.email },
      });
      expect(again).toMatchObject({
        status: 409,
        body: { error: { message: 'Member already exists.', errors: [{ reason: 'duplicate' }] } },
      });
      expect(
        (await call(`/groups/${groupId}/hasMember/${encodeURIComponent(user.email)}`, token)).body,
      ).toEqual({ isMember: true });
      expect(
        (
          await call(`/groups/${groupId}/members/${encodeURIComponent(user.email)}`, token, {
            method: 'DELETE',
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await call(`/groups/${groupId}/members/${encodeURIComponent(user.email)}`, token, {
            method: 'DELETE',
          })
        ).status,
      ).toBe(404);
    });

    it('requires a password of at least 8 characters and the names on insert', async () => {
      const token = await adminToken();
      const base = {
        primaryEmail: 'new.person@unidir.test',
        name: { givenName: 'New', familyName: 'Person' },
      };
      expect((await call('/users', token, { method: 'POST', body: base })).body?.error?.message).toBe(
        'Invalid Password',
      );
      expect(
        (await call('/users', token, { method: 'POST', body: { ...base, password: 'short' } })).status,
      ).toBe(400);
      expect(
        (
          await call('/users', token, {
            method: 'POST',
            body: { ...base, name: { givenName: 'New' }, password: 'long enough' },
          })
        ).body?.error?.message,
      ).toBe('Invalid Given/Family Name: FamilyName');
      const created = await call('/users', token, {
        method: 'POST',
        body: { ...base, password: 'long enough' },
      });
      expect(created.status).toBe(200);
      expect(created.body).not.toHaveProperty('password');
      expect(created.body?.lastLoginTime).toBe('1970-01-01T00:00:00.000Z');
      expect(
        (await call('/users', token, { method: 'POST', body: { ...base, password: 'long enough' } })).status,
      ).toBe(409);
    });

    it('refuses fields the User schema does not have', async () => {
      const token = await adminToken();
      const user = fake.directory.listUsers({ offset: 0, limit: 1 }).users[0]!;
      const patch = await request(
        `${fake.server.url}/admin/directory/v1/users/${fake.google.ids.userId(user.index)}`,
        {
          method: 'PATCH',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ nickname: 'x' }),
        },
      );
      expect(patch.statusCode).toBe(400);
      expect(((await patch.body.json()) as { error: { message: string } }).error.message).toMatch(
        /Unknown name "nickname"/,
      );
    });
  });
});
