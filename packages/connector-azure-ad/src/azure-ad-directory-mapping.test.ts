import { describe, expect, it } from 'vitest';
import { mapDirectoryAudit } from './azure-ad-activities.js';
import { mapSubscribedSku } from './azure-ad-licenses.js';
import { mapRoleAssignment } from './azure-ad-roles.js';

describe('role assignments', () => {
  const base = { id: 'a-1', roleDefinitionId: 'role-1', principalId: 'p-1', directoryScopeId: '/' };

  it.each([
    ['#microsoft.graph.user', { user_id: 'p-1' }],
    ['#microsoft.graph.group', { group_id: 'p-1' }],
    ['#microsoft.graph.servicePrincipal', {}],
  ])('a %s principal', (type, expected) => {
    const unified = mapRoleAssignment({ ...base, principal: { '@odata.type': type, id: 'p-1' } });
    expect(unified).toEqual({
      id: 'a-1',
      role_id: 'role-1',
      scope: '/',
      ...expected,
      remote_data: expect.any(Object),
    });
  });

  it('an administrative-unit scope is kept as Graph names it', () => {
    const unified = mapRoleAssignment({ ...base, directoryScopeId: '/administrativeUnits/au-1' });
    expect(unified.scope).toBe('/administrativeUnits/au-1');
    expect(unified.user_id).toBeUndefined();
  });
});

describe('directory audits', () => {
  it('an application actor, a user entity and a group among the targets', () => {
    const unified = mapDirectoryAudit({
      id: 'Directory_1',
      activityDisplayName: 'Add member to group',
      activityDateTime: '2026-11-30T10:00:00.1234567Z',
      result: 'success',
      resultReason: '',
      initiatedBy: { user: null, app: { appId: 'app-1', servicePrincipalId: 'sp-1', displayName: 'Sync' } },
      targetResources: [
        { id: 'u-1', type: 'User', userPrincipalName: 'ada@contoso.com', displayName: null },
        { id: 'g-1', type: 'Group', displayName: 'Pilots' },
      ],
    });
    expect(unified).toMatchObject({
      actor: { id: 'sp-1', name: 'Sync', type: 'application' },
      action: 'Add member to group',
      entity: { id: 'u-1', email: 'ada@contoso.com', type: 'user' },
      entity_type: 'User',
      group_id: 'g-1',
      result: 'success',
      created_at: '2026-11-30T10:00:00.1234567Z',
    });
    expect(unified.description).toBeUndefined();
  });

  it('an event without initiator or targets has neither actor nor entity', () => {
    const unified = mapDirectoryAudit({ id: 'Directory_2', initiatedBy: null, targetResources: [] });
    expect(unified).toEqual({ id: 'Directory_2', remote_data: expect.any(Object) });
  });
});

describe('subscribed SKUs', () => {
  it('leaves seats absent when Graph sends none', () => {
    const unified = mapSubscribedSku({ id: 't_s', skuId: 's', skuPartNumber: 'X', prepaidUnits: null });
    expect(unified).toEqual({ id: 's', name: 'X', remote_data: expect.any(Object) });
  });
});
