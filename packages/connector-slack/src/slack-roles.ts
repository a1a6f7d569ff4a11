import { catalogueListPage } from '@unidir/connector-utils';
import {
  type GetResourceParameters,
  type ListResult,
  type ListRolesParameters,
  NotFoundError,
  type RecordResult,
  type UnifiedRole,
} from '@unidir/core';
import { slackConnectorId } from './slack-settings.js';
import type { SlackUser } from './slack-types.js';

/**
 * Slack has no role objects: a user's account type is a set of flags. These are the roles those flags
 * stand for, in the order Slack ranks them.
 */
export const slackRoles = [
  {
    id: 'primary_owner',
    name: 'Primary Owner',
    description: 'is_primary_owner: the one owner who cannot be removed.',
  },
  { id: 'owner', name: 'Owner', description: 'is_owner: an org or workspace owner.' },
  { id: 'admin', name: 'Admin', description: 'is_admin: an org or workspace admin.' },
  { id: 'member', name: 'Member', description: 'A full member: no admin, owner, guest or bot flag.' },
  {
    id: 'multi_channel_guest',
    name: 'Multi-Channel Guest',
    description: 'is_restricted: a guest in the channels they are invited to.',
  },
  {
    id: 'single_channel_guest',
    name: 'Single-Channel Guest',
    description: 'is_ultra_restricted: a guest in one channel.',
  },
  { id: 'bot', name: 'Bot', description: 'is_bot: an app or bot user.' },
] as const satisfies readonly UnifiedRole[];

export type SlackRoleId = (typeof slackRoles)[number]['id'];

/** The roles a user's flags give; on Grid the org-level flags of `enterprise_user` count too. */
export function slackRoleIdsOf(user: SlackUser): SlackRoleId[] {
  const enterprise = user.enterprise_user;
  const roles: SlackRoleId[] = [];
  if (user.is_primary_owner || enterprise?.is_primary_owner) roles.push('primary_owner');
  if (user.is_owner || enterprise?.is_owner) roles.push('owner');
  if (user.is_admin || enterprise?.is_admin) roles.push('admin');
  if (user.is_bot) roles.push('bot');
  else if (user.is_ultra_restricted) roles.push('single_channel_guest');
  else if (user.is_restricted) roles.push('multi_channel_guest');
  else if (roles.length === 0) roles.push('member');
  return roles;
}

/** `admin` for owners and admins; guests, bots and members keep Slack's name for what they are. */
export function slackUserTypeOf(user: SlackUser): string {
  const roles = slackRoleIdsOf(user);
  if (roles.some((role) => role === 'primary_owner' || role === 'owner' || role === 'admin')) return 'admin';
  if (roles.includes('bot')) return 'bot';
  if (roles.includes('single_channel_guest')) return 'single_channel_guest';
  if (roles.includes('multi_channel_guest')) return 'guest';
  return 'end_user';
}

function toRoleRecord(role: (typeof slackRoles)[number]): RecordResult<UnifiedRole> {
  return { unified: { ...role }, raw: role };
}

/** No request: Slack's account types are fixed. */
export async function listRoles(parameters: ListRolesParameters): Promise<ListResult<UnifiedRole>> {
  return catalogueListPage(slackConnectorId, slackRoles.map(toRoleRecord), parameters);
}

export async function getRole(parameters: GetResourceParameters): Promise<RecordResult<UnifiedRole>> {
  const role = slackRoles.find((candidate) => candidate.id === parameters.id);
  if (role === undefined) {
    throw new NotFoundError({
      message: `Slack has no role ${parameters.id}; roles are ${slackRoles.map((each) => each.id).join(', ')}.`,
      resource: 'roles',
      id: parameters.id,
    });
  }
  return toRoleRecord(role);
}
