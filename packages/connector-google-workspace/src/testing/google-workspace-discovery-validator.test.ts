import { describe, expect, it } from 'vitest';
import { validateAgainstDiscovery } from './google-workspace-discovery-validator.js';

describe('validateAgainstDiscovery', () => {
  it('accepts a user shaped like the discovery document', () => {
    expect(
      validateAgainstDiscovery('User', {
        kind: 'admin#directory#user',
        id: '104213456789012345678',
        primaryEmail: 'jane@example.com',
        name: { givenName: 'Jane', familyName: 'Doe' },
        isAdmin: false,
        creationTime: '2024-04-04T15:56:05.000Z',
        emails: [{ address: 'jane@example.com', primary: true }],
      }),
    ).toEqual([]);
  });

  it('reports wrong types, unknown properties, bad formats and $ref targets', () => {
    expect(
      validateAgainstDiscovery('Users', {
        kind: 'admin#directory#users',
        users: [{ id: 1, isAdmin: 'no', creationTime: 'yesterday', name: { nickname: 'J' }, shoeSize: 9 }],
      }),
    ).toEqual([
      'Users.users[0].id: expected a string, got number',
      'Users.users[0].isAdmin: expected a boolean, got string',
      'Users.users[0].creationTime: "yesterday" is not an RFC 3339 date-time',
      'Users.users[0].name.nickname: not a property of the schema',
      'Users.users[0].shoeSize: not a property of the schema',
    ]);
    expect(validateAgainstDiscovery('Group', { directMembersCount: 3 })).toEqual([
      'Group.directMembersCount: expected a string, got number',
    ]);
  });
});
