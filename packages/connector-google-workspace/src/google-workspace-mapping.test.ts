import { unifiedGroupSchema, unifiedUserSchema } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import { mapGoogleGroup, mapGoogleUser, toGoogleUserBody } from './google-workspace-mapping.js';
import type { GoogleGroup, GoogleUser } from './google-workspace-types.js';

/** Shaped like the User resource of the discovery document and the abridged real user in providers.md §2. */
const jane: GoogleUser = {
  kind: 'admin#directory#user',
  id: '104213456789012345678',
  etag: '"abc/def"',
  primaryEmail: 'jane@example.com',
  name: { givenName: 'Jane', familyName: 'Doe', fullName: 'Jane Doe' },
  isAdmin: false,
  isDelegatedAdmin: true,
  lastLoginTime: '2026-05-04T19:50:52.000Z',
  creationTime: '2024-04-04T15:56:05.000Z',
  agreedToTerms: true,
  suspended: false,
  archived: false,
  emails: [
    { address: 'jane@example.com', primary: true },
    { address: 'jane@example.test.google.com' },
    { address: 'jd@home.example', type: 'custom', customType: 'personal' },
  ],
  aliases: ['j.doe@example.com'],
  phones: [
    { value: '+1 555 0100', type: 'work' },
    { value: '+1 555 0199', type: 'custom', customType: 'desk' },
  ],
  organizations: [
    { title: 'Intern', department: 'Sales', primary: false },
    { title: 'Engineer', department: 'R&D', primary: true, customType: '' },
  ],
  languages: [{ languageCode: 'en', preference: 'preferred' }],
  websites: [{ value: 'https://jane.example', type: 'blog' }],
  customerId: 'C01abcd2e',
  orgUnitPath: '/',
  isEnrolledIn2Sv: true,
  isEnforcedIn2Sv: false,
  thumbnailPhotoUrl: 'https://lh3.googleusercontent.com/a/jane',
};

describe('mapGoogleUser', () => {
  it('maps every field the Directory API supplies and keeps the raw user', () => {
    const unified = mapGoogleUser(jane);
    expect(unifiedUserSchema.parse(unified)).toEqual(unified);
    expect(unified).toMatchObject({
      id: '104213456789012345678',
      first_name: 'Jane',
      last_name: 'Doe',
      name: 'Jane Doe',
      title: 'Engineer',
      username: 'jane@example.com',
      status: 'active',
      is_2fa_enabled: true,
      user_type: 'admin',
      roles: [{ id: 'delegated_admin', name: 'Delegated Admin' }],
      organizations: [{ id: 'C01abcd2e' }],
      avatar: 'https://lh3.googleusercontent.com/a/jane',
      languages: ['en'],
      urls: [{ url: 'https://jane.example', type: 'blog' }],
      last_login_at: '2026-05-04T19:50:52.000Z',
      created_at: '2024-04-04T15:56:05.000Z',
    });
    expect(unified.emails).toEqual([
      { email: 'jane@example.com', is_primary: true, type: 'work' },
      { email: 'jane@example.test.google.com', is_primary: false },
      { email: 'jd@home.example', is_primary: false, type: 'personal' },
      { email: 'j.doe@example.com', is_primary: false, type: 'alias' },
    ]);
    expect(unified.phones).toEqual([
      { number: '+1 555 0100', type: 'work' },
      { number: '+1 555 0199', type: 'desk' },
    ]);
    expect(unified.remote_data).toBe(jane);
    expect(unified.groups).toBeUndefined();
  });

  it('treats the 1970 epoch lastLoginTime as never signed in', () => {
    const unified = mapGoogleUser({ ...jane, lastLoginTime: '1970-01-01T00:00:00.000Z' });
    expect(unified).not.toHaveProperty('last_login_at');
  });

  it('maps suspended and archived users to inactive, and deleted ones to deleted', () => {
    expect(mapGoogleUser({ ...jane, suspended: true }).status).toBe('inactive');
    expect(mapGoogleUser({ ...jane, archived: true }).status).toBe('inactive');
    expect(mapGoogleUser({ ...jane, deletionTime: '2026-11-01T10:00:00.000Z' }).status).toBe('deleted');
  });

  it('maps super admins and plain users to user_type and roles', () => {
    const admin = mapGoogleUser({ ...jane, isAdmin: true, isDelegatedAdmin: false });
    expect(admin.user_type).toBe('admin');
    expect(admin.roles).toEqual([{ id: 'super_admin', name: 'Super Admin' }]);
    const member = mapGoogleUser({ ...jane, isAdmin: false, isDelegatedAdmin: false });
    expect(member.user_type).toBe('end_user');
    expect(member).not.toHaveProperty('roles');
  });

  it('leaves out what a minimal user does not carry instead of inventing it', () => {
    const unified = mapGoogleUser({ id: '1', primaryEmail: 'min@example.com' });
    expect(unified).toEqual({
      id: '1',
      username: 'min@example.com',
      emails: [{ email: 'min@example.com', is_primary: true, type: 'work' }],
      status: 'active',
      remote_data: { id: '1', primaryEmail: 'min@example.com' },
    });
  });

  it('attaches groups only when they were fetched', () => {
    const groups = [{ id: '01ksv4uv1gexk1h', name: 'Engineering' }];
    expect(mapGoogleUser(jane, groups).groups).toEqual(groups);
  });
});

describe('mapGoogleGroup', () => {
  it('maps name, description, emails and the string member count', () => {
    const group: GoogleGroup = {
      kind: 'admin#directory#group',
      id: '01ksv4uv1gexk1h',
      email: 'eng@example.com',
      name: 'Engineering',
      description: 'All engineers',
      directMembersCount: '42',
      aliases: ['engineering@example.com'],
    };
    const unified = mapGoogleGroup(group);
    expect(unifiedGroupSchema.parse(unified)).toEqual(unified);
    expect(unified).toEqual({
      id: '01ksv4uv1gexk1h',
      name: 'Engineering',
      description: 'All engineers',
      group_type: 'group',
      emails: [
        { email: 'eng@example.com', type: 'primary' },
        { email: 'engineering@example.com', type: 'alias' },
      ],
      member_count: 42,
      remote_data: group,
    });
  });
});

describe('toGoogleUserBody', () => {
  it('builds a users.insert body from a unified write', () => {
    expect(
      toGoogleUserBody({
        first_name: 'Ada',
        last_name: 'Lovelace',
        emails: [
          { email: 'ada@example.com', is_primary: true },
          { email: 'ada@home.example', type: 'home' },
        ],
        phones: [
          { number: '+44 20 7946 0000', type: 'mobile' },
          { number: '1', type: 'desk' },
        ],
        title: 'Analyst',
        status: 'inactive',
        urls: [{ url: 'https://ada.example', type: 'profile' }],
        languages: ['en-GB'],
        password: 'correct horse battery staple',
      }),
    ).toEqual({
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      primaryEmail: 'ada@example.com',
      emails: [{ address: 'ada@home.example', type: 'home' }],
      phones: [
        { value: '+44 20 7946 0000', type: 'mobile' },
        { value: '1', type: 'custom', customType: 'desk' },
      ],
      organizations: [{ title: 'Analyst', primary: true }],
      suspended: true,
      websites: [{ value: 'https://ada.example', type: 'profile' }],
      languages: [{ languageCode: 'en-GB', preference: 'preferred' }],
      password: 'correct horse battery staple',
    });
  });

  it('uses username as the primary email and refuses a conflicting one', () => {
    expect(toGoogleUserBody({ username: 'ada@example.com' })).toEqual({ primaryEmail: 'ada@example.com' });
    expect(() =>
      toGoogleUserBody({
        username: 'ada@example.com',
        emails: [{ email: 'other@example.com', is_primary: true }],
      }),
    ).toThrow(expect.objectContaining({ code: 'conflicting_fields' }));
  });

  it('refuses fields Google cannot set and statuses it cannot express', () => {
    expect(() => toGoogleUserBody({ user_type: 'admin' })).toThrow(
      expect.objectContaining({ code: 'unsupported_parameter', parameter: 'body.user_type' }),
    );
    expect(() => toGoogleUserBody({ status: 'deleted' })).toThrow(
      expect.objectContaining({ code: 'unsupported_parameter', parameter: 'status' }),
    );
  });

  it('passes remote_data through and lets unified fields win', () => {
    expect(
      toGoogleUserBody({
        first_name: 'Ada',
        remote_data: { orgUnitPath: '/Sales', name: { familyName: 'L' } },
      }),
    ).toEqual({ orgUnitPath: '/Sales', name: { familyName: 'L', givenName: 'Ada' } });
  });
});
