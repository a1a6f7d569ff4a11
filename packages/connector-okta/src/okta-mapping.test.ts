import { unifiedUserSchema } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import { mapOktaGroup, mapOktaStatus, mapOktaUser, type OktaUser } from './okta-mapping.js';

const user: OktaUser = {
  id: '00u118oQYT4TBTemp0g4',
  status: 'ACTIVE',
  created: '2022-04-04T15:56:05.000Z',
  activated: '2022-04-04T16:00:00.000Z',
  statusChanged: '2022-04-04T16:00:00.000Z',
  lastLogin: '2022-05-04T19:50:52.000Z',
  lastUpdated: '2022-05-05T18:15:44.000Z',
  passwordChanged: '2022-04-04T16:00:22.000Z',
  profile: {
    firstName: 'Alice',
    lastName: 'Smith',
    login: 'alice.smith@example.com',
    email: 'alice@example.com',
    secondEmail: 'alice@home.example',
    mobilePhone: null,
    primaryPhone: '+1 555 0100',
    title: 'Engineer',
    department: 'R&D',
    employeeNumber: '4711',
    preferredLanguage: 'en',
    locale: 'en_GB',
    timezone: 'Europe/London',
  },
};

describe('okta mapping', () => {
  it('maps every Okta status to a unified one (DEPROVISIONED is deleted, SUSPENDED inactive)', () => {
    expect(
      [
        'STAGED',
        'PROVISIONED',
        'ACTIVE',
        'RECOVERY',
        'PASSWORD_EXPIRED',
        'LOCKED_OUT',
        'SUSPENDED',
        'DEPROVISIONED',
      ].map(mapOktaStatus),
    ).toEqual(['invited', 'invited', 'active', 'active', 'active', 'active', 'inactive', 'deleted']);
    expect(mapOktaStatus('ACTIVATING')).toBe('ACTIVATING');
  });

  it('maps the profile and timestamps; null attributes stay absent', () => {
    const unified = mapOktaUser(user);
    expect(unified).toMatchObject({
      id: user.id,
      identifiers: { login: 'alice.smith@example.com', employee_number: '4711' },
      username: 'alice.smith@example.com',
      first_name: 'Alice',
      last_name: 'Smith',
      name: 'Alice Smith',
      title: 'Engineer',
      emails: [
        { email: 'alice@example.com', is_primary: true, type: 'work' },
        { email: 'alice@home.example', is_primary: false, type: 'secondary' },
        { email: 'alice.smith@example.com', is_primary: false, type: 'login' },
      ],
      phones: [{ number: '+1 555 0100', type: 'work' }],
      status: 'active',
      timezone: 'Europe/London',
      languages: ['en', 'en-GB'],
      activated_at: '2022-04-04T16:00:00.000Z',
      status_changed_at: '2022-04-04T16:00:00.000Z',
      last_login_at: '2022-05-04T19:50:52.000Z',
      created_at: '2022-04-04T15:56:05.000Z',
      updated_at: '2022-05-05T18:15:44.000Z',
      remote_data: user,
    });
    expect(unified.user_type).toBeUndefined();
    expect(unified.groups).toBeUndefined();
    expect(unifiedUserSchema.safeParse(unified).success).toBe(true);
  });

  it('reads admin roles and groups when they come with the user', () => {
    const unified = mapOktaUser({
      ...user,
      roles: [{ id: 'ra1', type: 'CUSTOM', role: 'cr0abc', label: 'Reviewer' }],
      groups: [{ id: '00g1', type: 'OKTA_GROUP', profile: { name: 'Engineering' } }],
    });
    expect(unified).toMatchObject({
      user_type: 'admin',
      roles: [{ id: 'cr0abc', name: 'Reviewer' }],
      groups: [{ id: '00g1', name: 'Engineering' }],
    });
    expect(mapOktaUser({ ...user, roles: [] }).user_type).toBe('end_user');
  });

  it('maps group types and member counts', () => {
    expect(
      mapOktaGroup({
        id: '00gE',
        type: 'BUILT_IN',
        profile: { name: 'Everyone' },
        _embedded: { stats: { usersCount: 12 } },
      }),
    ).toMatchObject({ id: '00gE', name: 'Everyone', group_type: 'built_in', member_count: 12 });
  });
});
