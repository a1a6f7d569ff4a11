import type { DeleteScenario, DeleteTarget, MembershipCalls } from '@unidir/testkit/conformance';
import type { ScimQuirks } from './scim-presets.js';

/**
 * The delete scenarios a SCIM service provider must serve exactly, for a preset's quirks, with the provider's
 * path prefix (`/scim/v2`). `emailOf` names the target's email, read from the provider under test.
 */
export function scimDeleteScenarios(
  quirks: ScimQuirks,
  prefix: string,
  emailOf: (userId: string) => string,
  provider: { patch: boolean } = { patch: true },
): DeleteScenario[] {
  const userPath = ({ userId }: DeleteTarget) => `${prefix}/Users/${userId}`;
  const groupRemoval = ({ groupId }: DeleteTarget) => [
    { method: 'PATCH', path: `${prefix}/Groups/${groupId}` },
  ];
  // Without PATCH, a deactivation is a PUT of the user as read just before (the read is skipped when the
  // delete already read the user to check its email).
  const deactivation = (target: DeleteTarget, alreadyRead: boolean) =>
    provider.patch
      ? [{ method: 'PATCH', path: userPath(target) }]
      : [
          ...(alreadyRead ? [] : [{ method: 'GET', path: userPath(target) }]),
          { method: 'PUT', path: userPath(target) },
        ];
  const scenarios: DeleteScenario[] = [
    {
      name: `default deactivate (${provider.patch ? 'PATCH active=false' : 'GET, then PUT with active=false'})`,
      parameters: () => ({}),
      expectedCalls: (target) => deactivation(target, false),
      userRemains: true,
    },
  ];
  // Group removals need PATCH (a PUT of the member list could drop others): without it they are refused.
  if (provider.patch) {
    scenarios.push(
      {
        name: 'remove_from=group',
        parameters: ({ groupId }) => ({ remove_from: 'group', remove_from_id: groupId }),
        expectedCalls: groupRemoval,
        userRemains: true,
      },
      {
        name: 'group_id',
        parameters: ({ groupId }) => ({ group_id: groupId }),
        expectedCalls: groupRemoval,
        userRemains: true,
      },
    );
  }
  if (quirks.userDeleteMeaning !== 'unsupported') {
    scenarios.push({
      name: 'permanent (DELETE /Users/{id})',
      parameters: () => ({ permanent: true }),
      expectedCalls: (target) => [{ method: 'DELETE', path: userPath(target) }],
      userRemains: quirks.userDeleteMeaning === 'deactivates',
    });
  }
  if (!(quirks.unsupportedFilters ?? []).includes('emails.value')) {
    scenarios.push({
      name: 'id with emails[] (the email is checked on the user read first)',
      parameters: ({ userId }) => ({ emails: [{ email: emailOf(userId) }] }),
      expectedCalls: (target) => [{ method: 'GET', path: userPath(target) }, ...deactivation(target, true)],
      userRemains: true,
    });
  }
  return scenarios;
}

/** Options every SCIM integration refuses before any provider call. */
export function scimRefusedDeleteParameters(quirks: ScimQuirks) {
  return [
    { remove_from: 'organization' as const, remove_from_id: 'organization-1' },
    { remove_from: 'group' as const },
    { remove_from_id: 'group-1' },
    { permanent: true, group_id: 'group-1' },
    { product: 'workspace' as const },
    { user_type: 'admin' as const },
    { organization_id: 'organization-1' },
    { workspace_id: 'workspace-1' },
    ...(quirks.userDeleteMeaning === 'unsupported' ? [{ permanent: true }] : []),
    ...((quirks.unsupportedFilters ?? []).includes('emails.value')
      ? [{ emails: [{ email: 'someone@unidir.test' }] }]
      : []),
  ];
}

/**
 * add-user and remove-user are one PATCH of the group each; without PATCH they are refused (a PUT of the
 * member list could drop others), so there is nothing to check call by call.
 */
export function scimMembershipCalls(
  prefix: string,
  provider: { patch: boolean } = { patch: true },
): MembershipCalls {
  if (!provider.patch) return { routes: {} };
  const groupPatch = ({ groupId }: { groupId: string }) => [
    { method: 'PATCH', path: `${prefix}/Groups/${groupId}` },
  ];
  return {
    addUser: groupPatch,
    removeUser: groupPatch,
    routes: { addUser: 'groups.patch', removeUser: 'groups.patch' },
  };
}
