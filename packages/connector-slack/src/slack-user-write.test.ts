import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness } from './slack-test-harness.js';

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe('slack users.create and users.update over SCIM', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(() => harness.fake.close());

  it('creates with one SCIM POST carrying the core User schema and the primary email', async () => {
    const created = await harness.users.create!(
      {
        body: {
          username: 'ada.lovelace',
          first_name: 'Ada',
          last_name: 'Lovelace',
          title: 'Analyst',
          emails: [
            { email: 'ada@unidir.test', is_primary: true },
            { email: 'ada.alias@unidir.test', type: 'other' },
          ],
        },
      },
      harness.context(),
    );
    expect(harness.journal()).toEqual(['POST /scim/v2/Users']);
    expect(harness.fake.server.journal.entries[0]?.body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'ada.lovelace',
      title: 'Analyst',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [
        { value: 'ada@unidir.test', primary: true },
        { value: 'ada.alias@unidir.test', primary: false, type: 'other' },
      ],
      active: true,
    });
    expect(created?.unified).toMatchObject({ username: 'ada.lovelace', status: 'active', first_name: 'Ada' });
    const read = await harness.users.get!({ id: created!.unified.id }, harness.context());
    expect(read.unified.emails?.[0]?.email).toBe('ada@unidir.test');
  });

  it('updates with one SCIM PATCH: a replace per attribute given', async () => {
    const { id } = harness.seedUser(2);
    const updated = await harness.users.update!(
      { id, body: { title: 'Chief Analyst', last_name: 'Byron' } },
      harness.context(),
    );
    expect(harness.fake.server.journal.entries[0]?.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'title', value: 'Chief Analyst' },
        { op: 'replace', path: 'name', value: { familyName: 'Byron' } },
      ],
    });
    expect(updated?.unified).toMatchObject({ title: 'Chief Analyst', last_name: 'Byron' });
  });

  it('refuses fields SCIM cannot store, and a create without username or email, before any call', async () => {
    await expect(
      harness.users.update!(
        { id: harness.seedUser(2).id, body: { avatar: 'https://x.test/a.png' } },
        harness.context(),
      ),
    ).rejects.toMatchObject({ code: 'unsupported_parameter', details: { parameter: 'body.avatar' } });
    await expect(
      harness.users.create!(
        { body: { name: 'No Username', emails: [{ email: 'n@unidir.test' }] } },
        harness.context(),
      ),
    ).rejects.toMatchObject({ code: 'missing_parameter' });
    await expect(
      harness.users.update!({ id: harness.seedUser(2).id, body: {} }, harness.context()),
    ).rejects.toMatchObject({ code: 'missing_parameter' });
    expect(harness.journal()).toEqual([]);
  });

  it('is never sent twice after a lost answer: the POST that may have created the user is not repeated', async () => {
    harness.fake.server.injectFault({
      route: 'scim.users.create',
      nth: [1],
      fault: { kind: 'commit-then-fail', status: 503 },
    });
    await expect(
      harness.users.create!(
        { body: { username: 'once.only', emails: [{ email: 'once.only@unidir.test', is_primary: true }] } },
        harness.context(),
      ),
    ).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(harness.fake.server.journal.forRoute('scim.users.create')).toHaveLength(1);
    expect(harness.fake.directory.userByEmail('once.only@unidir.test')).toBeDefined();
  });
});
