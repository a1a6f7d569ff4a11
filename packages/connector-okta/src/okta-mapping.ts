import type { UnifiedGroup, UnifiedUser, UnifiedUserStatus } from '@unidir/core';

/** The base profile attributes Okta defines (custom ones pass through in `remote_data`). */
export interface OktaUserProfile {
  login?: string;
  email?: string;
  secondEmail?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  middleName?: string | null;
  displayName?: string | null;
  nickName?: string | null;
  title?: string | null;
  department?: string | null;
  employeeNumber?: string | null;
  primaryPhone?: string | null;
  mobilePhone?: string | null;
  profileUrl?: string | null;
  preferredLanguage?: string | null;
  locale?: string | null;
  timezone?: string | null;
  userType?: string | null;
  [attribute: string]: unknown;
}

export type OktaUserStatus =
  | 'STAGED'
  | 'PROVISIONED'
  | 'ACTIVE'
  | 'RECOVERY'
  | 'PASSWORD_EXPIRED'
  | 'LOCKED_OUT'
  | 'SUSPENDED'
  | 'DEPROVISIONED';

export interface OktaUser {
  id: string;
  status: OktaUserStatus;
  created?: string;
  activated?: string | null;
  statusChanged?: string | null;
  lastLogin?: string | null;
  lastUpdated?: string;
  passwordChanged?: string | null;
  profile: OktaUserProfile;
  [property: string]: unknown;
}

export type OktaGroupType = 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';

export interface OktaGroup {
  id: string;
  type: OktaGroupType;
  created?: string;
  lastUpdated?: string;
  lastMembershipUpdated?: string;
  profile: { name?: string; description?: string | null; [attribute: string]: unknown };
  _embedded?: { stats?: { usersCount?: number } };
  [property: string]: unknown;
}

/** A role assignment as `GET /users/{id}/roles` lists it: a standard role by `type`, a custom one by `role`. */
export interface OktaRoleAssignment {
  id: string;
  type: string;
  label?: string;
  status?: string;
  assignmentType?: string;
  created?: string;
  lastUpdated?: string;
  role?: string;
  'resource-set'?: string;
  [property: string]: unknown;
}

/** What GET /users/{id} comes with when the connector also reads the user's groups and admin roles. */
export interface OktaUserWithRelations extends OktaUser {
  groups?: OktaGroup[];
  roles?: OktaRoleAssignment[];
}

/**
 * DEPROVISIONED maps to `deleted`: it is what the default delete leaves, Okta's lists leave such users out
 * unless asked, and like a soft delete it is reversible (reactivate). SUSPENDED is `inactive`: the user is
 * still a current member of the org who cannot sign in.
 */
const statusMap: Record<OktaUserStatus, UnifiedUserStatus> = {
  STAGED: 'invited',
  PROVISIONED: 'invited',
  ACTIVE: 'active',
  RECOVERY: 'active',
  PASSWORD_EXPIRED: 'active',
  LOCKED_OUT: 'active',
  SUSPENDED: 'inactive',
  DEPROVISIONED: 'deleted',
};

/** The Okta statuses behind each unified status, for filters. */
export const oktaStatusesOf: Record<UnifiedUserStatus, OktaUserStatus[]> = {
  invited: ['STAGED', 'PROVISIONED'],
  active: ['ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT'],
  inactive: ['SUSPENDED'],
  deleted: ['DEPROVISIONED'],
};

export function mapOktaStatus(status: string): string {
  return statusMap[status as OktaUserStatus] ?? status;
}

/** Okta writes `2022-04-04T15:56:05.000Z`; anything parseable is normalised to the same form. */
export function oktaTimestamp(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function mapEmails(profile: OktaUserProfile): NonNullable<UnifiedUser['emails']> {
  const emails: NonNullable<UnifiedUser['emails']> = [];
  const seen = new Set<string>();
  const add = (email: string | undefined, type: string, isPrimary: boolean) => {
    if (email === undefined || seen.has(email.toLowerCase())) return;
    seen.add(email.toLowerCase());
    emails.push({ email, is_primary: isPrimary, type });
  };
  add(text(profile.email), 'work', true);
  add(text(profile.secondEmail), 'secondary', false);
  // The login is often an email address; when it differs from both, it is another address the user owns.
  const login = text(profile.login);
  if (login?.includes('@')) add(login, 'login', false);
  return emails;
}

function mapPhones(profile: OktaUserProfile): NonNullable<UnifiedUser['phones']> {
  const phones: NonNullable<UnifiedUser['phones']> = [];
  const primary = text(profile.primaryPhone);
  const mobile = text(profile.mobilePhone);
  if (primary) phones.push({ number: primary, type: 'work' });
  if (mobile) phones.push({ number: mobile, type: 'mobile' });
  return phones;
}

/** `preferredLanguage` first (already BCP-47), then the `locale` (`en_US` -> `en-US`) when it adds one. */
function mapLanguages(profile: OktaUserProfile): string[] {
  const languages: string[] = [];
  const preferred = text(profile.preferredLanguage);
  const locale = text(profile.locale)?.replace('_', '-');
  if (preferred) languages.push(preferred);
  if (locale && locale.toLowerCase() !== preferred?.toLowerCase()) languages.push(locale);
  return languages;
}

function mapIdentifiers(profile: OktaUserProfile): Record<string, string> | undefined {
  const identifiers: Record<string, string> = {};
  const login = text(profile.login);
  const employeeNumber = text(profile.employeeNumber);
  if (login) identifiers.login = login;
  if (employeeNumber) identifiers.employee_number = employeeNumber;
  return Object.keys(identifiers).length > 0 ? identifiers : undefined;
}

/** A role assignment's role: the custom role's id, else the standard role type (`SUPER_ADMIN`). */
export function roleIdOf(assignment: OktaRoleAssignment): string {
  return assignment.type === 'CUSTOM' && assignment.role ? assignment.role : assignment.type;
}

/**
 * A user from any Okta answer. `groups` and `roles` are only present when they were read with the user
 * (users.get); a list does not read them, so there `user_type` is absent too: whether a user is an admin is
 * only known from its role assignments, and `profile.userType` is free text.
 */
export function mapOktaUser(user: OktaUserWithRelations): UnifiedUser {
  const { groups, roles, ...raw } = user;
  const profile = user.profile ?? {};
  const unified: UnifiedUser = { id: user.id };
  const identifiers = mapIdentifiers(profile);
  if (identifiers) unified.identifiers = identifiers;
  const login = text(profile.login);
  if (login) unified.username = login;
  const firstName = text(profile.firstName);
  const lastName = text(profile.lastName);
  if (firstName) unified.first_name = firstName;
  if (lastName) unified.last_name = lastName;
  const name = text(profile.displayName) ?? ([firstName, lastName].filter(Boolean).join(' ') || undefined);
  if (name) unified.name = name;
  const title = text(profile.title);
  if (title) unified.title = title;
  const emails = mapEmails(profile);
  if (emails.length > 0) unified.emails = emails;
  const phones = mapPhones(profile);
  if (phones.length > 0) unified.phones = phones;
  if (user.status) unified.status = mapOktaStatus(user.status);
  const profileUrl = text(profile.profileUrl);
  if (profileUrl) unified.urls = [{ type: 'profile', url: profileUrl }];
  const timezone = text(profile.timezone);
  if (timezone) unified.timezone = timezone;
  const languages = mapLanguages(profile);
  if (languages.length > 0) unified.languages = languages;
  if (groups) {
    unified.groups = groups.map((group) =>
      group.profile?.name ? { id: group.id, name: group.profile.name } : { id: group.id },
    );
  }
  if (roles) {
    unified.roles = roles.map((role) =>
      role.label ? { id: roleIdOf(role), name: role.label } : { id: roleIdOf(role) },
    );
    unified.user_type = roles.length > 0 ? 'admin' : 'end_user';
  }
  const timestamps = {
    activated_at: oktaTimestamp(user.activated),
    status_changed_at: oktaTimestamp(user.statusChanged),
    last_login_at: oktaTimestamp(user.lastLogin),
    created_at: oktaTimestamp(user.created),
    updated_at: oktaTimestamp(user.lastUpdated),
  };
  for (const [field, value] of Object.entries(timestamps)) {
    if (value) unified[field as keyof typeof timestamps] = value;
  }
  unified.remote_data =
    groups || roles ? { ...raw, ...(groups ? { groups } : {}), ...(roles ? { roles } : {}) } : raw;
  return unified;
}

const groupTypes: Record<OktaGroupType, string> = {
  OKTA_GROUP: 'group',
  APP_GROUP: 'app_group',
  BUILT_IN: 'built_in',
};

export function mapOktaGroup(group: OktaGroup): UnifiedGroup {
  const unified: UnifiedGroup = { id: group.id };
  const name = text(group.profile?.name);
  const description = text(group.profile?.description);
  if (name) unified.name = name;
  if (description) unified.description = description;
  unified.group_type = groupTypes[group.type] ?? group.type;
  const usersCount = group._embedded?.stats?.usersCount;
  if (typeof usersCount === 'number') unified.member_count = usersCount;
  const created = oktaTimestamp(group.created);
  const updated = oktaTimestamp(group.lastUpdated);
  if (created) unified.created_at = created;
  if (updated) unified.updated_at = updated;
  unified.remote_data = group;
  return unified;
}
