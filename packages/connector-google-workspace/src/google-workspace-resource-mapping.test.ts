import { describe, expect, it } from 'vitest';
import { mapGoogleActivity } from './google-workspace-activities.js';
import { mapGoogleCustomer } from './google-workspace-organizations.js';
import { mapGoogleRoleAssignment } from './google-workspace-roles.js';

describe('google-workspace mapping of roles, customers and activities', () => {
  it('maps a role assignment to a user, to a group, and within an org unit', () => {
    expect(
      mapGoogleRoleAssignment({
        roleAssignmentId: '1',
        roleId: '9',
        assignedTo: '42',
        assigneeType: 'user',
        scopeType: 'CUSTOMER',
      }),
    ).toMatchObject({ id: '1', role_id: '9', user_id: '42', scope: 'CUSTOMER' });
    const toGroup = mapGoogleRoleAssignment({
      roleAssignmentId: '2',
      roleId: '9',
      assignedTo: '03abc',
      assigneeType: 'group',
      scopeType: 'ORG_UNIT',
      orgUnitId: 'id:03ph8a2z1',
    });
    expect(toGroup).toMatchObject({ group_id: '03abc', scope: 'ORG_UNIT:id:03ph8a2z1' });
    expect(toGroup.user_id).toBeUndefined();
  });

  it('names a customer by its organization, else its domain', () => {
    expect(mapGoogleCustomer({ id: 'C01', customerDomain: 'example.com' }).name).toBe('example.com');
    expect(
      mapGoogleCustomer({
        id: 'C01',
        customerDomain: 'example.com',
        postalAddress: { organizationName: 'Example Ltd' },
        customerCreationTime: '2020-05-01T10:00:00Z',
      }),
    ).toMatchObject({ name: 'Example Ltd', created_at: '2020-05-01T10:00:00.000Z' });
  });

  it('maps an admin activity: actor, first event as the action, its user or group as the entity', () => {
    const activity = mapGoogleActivity({
      id: {
        time: '2026-11-02T08:00:00.000Z',
        uniqueQualifier: '-512',
        applicationName: 'admin',
        customerId: 'C01',
      },
      actor: { callerType: 'USER', email: 'admin@example.com', profileId: '1001' },
      events: [
        {
          type: 'GROUP_SETTINGS',
          name: 'ADD_GROUP_MEMBER',
          parameters: [
            { name: 'USER_EMAIL', value: 'jane@example.com' },
            { name: 'GROUP_EMAIL', value: 'team@example.com' },
          ],
        },
        { type: 'GROUP_SETTINGS', name: 'CHANGE_GROUP_SETTING', parameters: [] },
      ],
    });
    expect(activity).toMatchObject({
      id: '2026-11-02T08:00:00.000Z:-512',
      actor: { id: '1001', email: 'admin@example.com', type: 'user' },
      action: 'ADD_GROUP_MEMBER',
      description: 'GROUP_SETTINGS: ADD_GROUP_MEMBER, CHANGE_GROUP_SETTING',
      entity: { email: 'jane@example.com', type: 'user' },
      entity_type: 'user',
      organization_id: 'C01',
      created_at: '2026-11-02T08:00:00.000Z',
    });
    const onGroup = mapGoogleActivity({
      id: { time: '2026-11-02T08:00:00Z', uniqueQualifier: '7' },
      events: [
        {
          type: 'GROUP_SETTINGS',
          name: 'CREATE_GROUP',
          parameters: [{ name: 'GROUP_EMAIL', value: 'new@example.com' }],
        },
      ],
    });
    expect(onGroup).toMatchObject({
      entity: { email: 'new@example.com', type: 'group' },
      entity_type: 'group',
    });
    expect(onGroup.actor).toBeUndefined();
  });
});
