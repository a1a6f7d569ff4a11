import { unifiedUserSchema } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import { mapScimGroup, mapScimUser } from './scim-mapping.js';
import { type ScimUser, scimSchemas } from './scim-resources.js';
import { scimUserAttributes, scimUserForCreate, userPatchOperations } from './scim-user-write.js';

const user: ScimUser = {
  schemas: [scimSchemas.user, scimSchemas.enterpriseUser],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'bjensen',
  userName: 'bjensen@example.com',
  name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' },
  displayName: 'Babs Jensen',
  title: 'Tour Guide',
  preferredLanguage: 'en-US',
  locale: 'en-GB',
  timezone: 'America/Los_Angeles',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  phoneNumbers: [{ value: '555-555-5555', type: 'work' }],
  groups: [{ value: 'e9e30dba-f08f-4109-8486-d5c6a331660a', display: 'Tour Guides' }],
  meta: { created: '2010-01-23T04:56:22+02:00', lastModified: '2011-05-13T04:42:34Z' },
  [scimSchemas.enterpriseUser]: {
    employeeNumber: '701984',
    department: 'Tour Operations',
    manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'John Smith' },
  },
};

describe('SCIM user mapping (the RFC 7643 §8.2 example)', () => {
  it('maps the core and enterprise schemas to UnifiedUser', () => {
    const unified = mapScimUser(user);
    expect(unifiedUserSchema.safeParse(unified).success).toBe(true);
    expect(unified).toMatchObject({
      id: user.id,
      external_id: 'bjensen',
      first_name: 'Barbara',
      last_name: 'Jensen',
      name: 'Babs Jensen',
      title: 'Tour Guide',
      username: 'bjensen@example.com',
      status: 'active',
      timezone: 'America/Los_Angeles',
      languages: ['en-US', 'en-GB'],
      emails: [
        { email: 'bjensen@example.com', is_primary: true, type: 'work' },
        { email: 'babs@jensen.org', type: 'home' },
      ],
      phones: [{ number: '555-555-5555', type: 'work' }],
      groups: [{ id: 'e9e30dba-f08f-4109-8486-d5c6a331660a', name: 'Tour Guides' }],
      identifiers: {
        user_name: 'bjensen@example.com',
        employee_number: '701984',
        manager_id: '26118915-6090-4610-87e4-49d8ca9f808d',
        department: 'Tour Operations',
      },
      created_at: '2010-01-23T02:56:22.000Z',
      updated_at: '2011-05-13T04:42:34.000Z',
    });
    expect(mapScimUser({ ...user, active: false }).status).toBe('inactive');
  });

  it('maps a group, counting members only when they are present', () => {
    expect(
      mapScimGroup({ id: 'g', displayName: 'Tour Guides', members: [{ value: 'a' }, { value: 'b' }] }),
    ).toMatchObject({
      id: 'g',
      name: 'Tour Guides',
      member_count: 2,
    });
    expect(mapScimGroup({ id: 'g', displayName: 'Tour Guides' }).member_count).toBeUndefined();
  });
});

describe('SCIM user writes', () => {
  it('builds a POST body with userName from the primary email and the enterprise extension', () => {
    expect(
      scimUserForCreate({
        first_name: 'Ada',
        emails: [{ email: 'ada@example.com', is_primary: true }],
        identifiers: { department: 'R&D', manager_id: 'm-1' },
        status: 'active',
      }),
    ).toEqual({
      schemas: [scimSchemas.user, scimSchemas.enterpriseUser],
      userName: 'ada@example.com',
      name: { givenName: 'Ada' },
      emails: [{ value: 'ada@example.com', primary: true, type: 'work' }],
      active: true,
      [scimSchemas.enterpriseUser]: { department: 'R&D', manager: { value: 'm-1' } },
    });
  });

  it('patches sub-attributes by path, so the ones not given stay', () => {
    expect(
      userPatchOperations(scimUserAttributes({ first_name: 'Ada', identifiers: { department: 'R&D' } })),
    ).toEqual([
      { op: 'replace', path: 'name.givenName', value: 'Ada' },
      { op: 'replace', path: `${scimSchemas.enterpriseUser}:department`, value: 'R&D' },
    ]);
  });

  it('refuses fields a SCIM user cannot store', () => {
    expect(() => scimUserAttributes({ roles: [{ id: 'admin' }] })).toThrow(/roles/);
    expect(() => scimUserAttributes({ status: 'deleted' })).toThrow(/active or inactive/);
  });
});
