import { unifiedGroupSchema, unifiedUserSchema } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import graphUsers from './__fixtures__/graph-users.json' with { type: 'json' };
import { type GraphUser, mapGraphGroup, mapGraphUser } from './azure-ad-mapping.js';
import { validateGraphPayload } from './testing/azure-ad-schema-validator.js';

const fixtures = graphUsers as unknown as Record<
  'adeleDefaultProjection' | 'meganSelected' | 'pendingGuest' | 'disabledDeleted',
  GraphUser
>;

describe('Graph user -> UnifiedUser', () => {
  it('the fixtures are spec-shaped microsoft.graph.user objects', () => {
    for (const name of [
      'adeleDefaultProjection',
      'meganSelected',
      'pendingGuest',
      'disabledDeleted',
    ] as const) {
      expect(validateGraphPayload(fixtures[name], 'microsoft.graph.user'), name).toEqual([]);
    }
  });

  it('maps every selected property of a member with groups, a role and sign-in activity', () => {
    const unified = mapGraphUser(fixtures.meganSelected);
    expect(unified).toEqual({
      id: '5bde3e51-d13b-4db1-9948-fe4b109d11a7',
      identifiers: { user_principal_name: 'MeganB@contoso.com', employee_id: 'E000042' },
      username: 'MeganB@contoso.com',
      first_name: 'Megan',
      last_name: 'Bowen',
      name: 'Megan Bowen',
      title: 'Marketing Manager',
      emails: [
        { email: 'MeganB@contoso.com', is_primary: true, type: 'work' },
        { email: 'megan@contoso.com', is_primary: false, type: 'alias' },
        { email: 'megan.bowen@outlook.com', is_primary: false, type: 'other' },
      ],
      phones: [
        { number: '+1 412 555 0109', type: 'work' },
        { number: '+1 412 555 0110', type: 'mobile' },
      ],
      status: 'active',
      groups: [{ id: '02bd9fd6-8f93-4758-87c3-1fb73740a315', name: 'HR Taskforce' }],
      roles: [{ id: '7e5f4a4c-5d3b-4b53-9d0b-0a6d8a6f1c01', name: 'Global Administrator' }],
      user_type: 'admin',
      licenses: [{ id: '6fd2c87f-b296-42f0-b197-1e91e994b900' }],
      languages: ['en-US'],
      created_at: '2019-02-07T21:53:13Z',
      last_login_at: '2026-11-19T07:59:00Z',
      remote_data: fixtures.meganSelected,
    });
    expect(unifiedUserSchema.safeParse(unified).success).toBe(true);
  });

  it('leaves out what the default projection does not carry instead of guessing', () => {
    const unified = mapGraphUser(fixtures.adeleDefaultProjection);
    expect(unified.status).toBeUndefined();
    expect(unified.groups).toBeUndefined();
    expect(unified.user_type).toBeUndefined();
    expect(unified.created_at).toBeUndefined();
    expect(unified.phones).toEqual([{ number: '+1 425 555 0109', type: 'work' }]);
    expect(unifiedUserSchema.safeParse(unified).success).toBe(true);
  });

  it('marks a pending B2B guest invited and keeps Guest as its user_type', () => {
    const unified = mapGraphUser(fixtures.pendingGuest);
    expect(unified).toMatchObject({ status: 'invited', user_type: 'Guest', groups: [], roles: [] });
    expect(unified.emails).toEqual([{ email: 'pat@fabrikam.com', is_primary: true, type: 'work' }]);
    expect(unified.first_name).toBeUndefined();
  });

  it('reports a user in deleted items as deleted even though it was disabled', () => {
    expect(mapGraphUser(fixtures.disabledDeleted).status).toBe('deleted');
    expect(mapGraphUser({ ...fixtures.disabledDeleted, deletedDateTime: null }).status).toBe('inactive');
  });

  it('end_user only when memberships were read and hold no directory role', () => {
    expect(mapGraphUser({ ...fixtures.meganSelected, memberOf: [] }).user_type).toBe('end_user');
    expect(mapGraphUser({ ...fixtures.meganSelected, memberOf: undefined }).user_type).toBeUndefined();
  });
});

describe('Graph group -> UnifiedGroup', () => {
  it.each([
    [{ groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false }, 'microsoft_365'],
    [{ groupTypes: [], mailEnabled: false, securityEnabled: true }, 'security'],
    [{ groupTypes: [], mailEnabled: true, securityEnabled: true }, 'mail_enabled_security'],
    [{ groupTypes: [], mailEnabled: true, securityEnabled: false }, 'distribution'],
  ])('%o is %s', (flags, groupType) => {
    const group = {
      id: 'g1',
      displayName: 'HR Taskforce',
      description: null,
      mail: 'hr@contoso.com',
      createdDateTime: '2020-01-01T00:00:00Z',
      ...flags,
    };
    const unified = mapGraphGroup(group);
    expect(unified).toEqual({
      id: 'g1',
      name: 'HR Taskforce',
      group_type: groupType,
      emails: [{ email: 'hr@contoso.com', type: 'primary' }],
      created_at: '2020-01-01T00:00:00Z',
      remote_data: group,
    });
    expect(unifiedGroupSchema.safeParse(unified).success).toBe(true);
  });
});
