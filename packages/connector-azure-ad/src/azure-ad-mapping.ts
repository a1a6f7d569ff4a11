import type { UnifiedEmail, UnifiedGroup, UnifiedPhone, UnifiedUser } from '@unidir/core';

/** A Graph `microsoft.graph.user` as this connector selects it (every property nullable, as Graph sends them). */
export interface GraphUser {
  id: string;
  userPrincipalName?: string | null;
  displayName?: string | null;
  givenName?: string | null;
  surname?: string | null;
  jobTitle?: string | null;
  mail?: string | null;
  otherMails?: string[] | null;
  proxyAddresses?: string[] | null;
  businessPhones?: string[] | null;
  mobilePhone?: string | null;
  faxNumber?: string | null;
  accountEnabled?: boolean | null;
  userType?: string | null;
  externalUserState?: string | null;
  employeeId?: string | null;
  createdDateTime?: string | null;
  deletedDateTime?: string | null;
  preferredLanguage?: string | null;
  assignedLicenses?: Array<{ skuId?: string | null }> | null;
  signInActivity?: {
    lastSuccessfulSignInDateTime?: string | null;
    lastSignInDateTime?: string | null;
  } | null;
  memberOf?: GraphDirectoryObjectReference[];
  [property: string]: unknown;
}

/** An item of `memberOf`: a group, a directory role or an administrative unit. */
export interface GraphDirectoryObjectReference {
  '@odata.type'?: string;
  id: string;
  displayName?: string | null;
  /** Directory roles only: the role definition's id, the same in every tenant. */
  roleTemplateId?: string | null;
}

/** What the tenant tells about every user at no per-user cost: its SKU names and the organization. */
export interface UserTenantContext {
  licenseNames?: ReadonlyMap<string, string>;
  organization?: { id: string };
}

export interface GraphGroup {
  id: string;
  displayName?: string | null;
  description?: string | null;
  mail?: string | null;
  groupTypes?: string[] | null;
  securityEnabled?: boolean | null;
  mailEnabled?: boolean | null;
  createdDateTime?: string | null;
  [property: string]: unknown;
}

/**
 * Exactly the properties `mapGraphUser` reads. Graph returns only a default projection without `$select`
 * (no accountEnabled, userType, createdDateTime...), so every read names these.
 */
export const graphUserSelect = [
  'id',
  'userPrincipalName',
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'mail',
  'otherMails',
  'proxyAddresses',
  'businessPhones',
  'mobilePhone',
  'faxNumber',
  'accountEnabled',
  'userType',
  'externalUserState',
  'employeeId',
  'createdDateTime',
  'deletedDateTime',
  'preferredLanguage',
  'assignedLicenses',
] as const;

/** Needs AuditLog.Read.All and an Entra ID P1/P2 licence: opt-in through the `include_sign_in_activity` setting. */
export const graphSignInActivityProperty = 'signInActivity';

/** What each `memberOf` item is read with: roleTemplateId makes a role's id the role definition's id. */
export const graphMemberOfSelect = 'id,displayName,roleTemplateId';

/** Groups and directory roles of each user in the same request; Graph returns at most 20 expanded items. */
export const graphMemberOfExpand = `memberOf($select=${graphMemberOfSelect})`;

export const graphGroupSelect = [
  'id',
  'displayName',
  'description',
  'mail',
  'groupTypes',
  'securityEnabled',
  'mailEnabled',
  'createdDateTime',
] as const;

const groupType = '#microsoft.graph.group';
const directoryRoleType = '#microsoft.graph.directoryRole';

function pushEmail(emails: UnifiedEmail[], email: string, isPrimary: boolean, type: string): void {
  let lower: string | undefined;
  for (let index = 0; index < emails.length; index++) {
    const existing = emails[index]!.email;
    // Lower-casing only same-length candidates keeps the common case (mail = primary SMTP) cheap.
    if (existing.length !== email.length) continue;
    lower ??= email.toLowerCase();
    if (existing === email || existing.toLowerCase() === lower) return;
  }
  emails.push({ email, is_primary: isPrimary, type });
}

function mapEmails(user: GraphUser): UnifiedEmail[] {
  const emails: UnifiedEmail[] = [];
  if (user.mail) pushEmail(emails, user.mail, true, 'work');
  const proxyAddresses = user.proxyAddresses;
  if (proxyAddresses) {
    for (const address of proxyAddresses) {
      // Exchange marks the primary SMTP address with upper-case `SMTP:`, aliases with `smtp:`; X500 etc. are not email.
      if (address.startsWith('SMTP:')) pushEmail(emails, address.slice(5), emails.length === 0, 'work');
      else if (address.startsWith('smtp:')) pushEmail(emails, address.slice(5), false, 'alias');
    }
  }
  const otherMails = user.otherMails;
  if (otherMails) {
    for (const address of otherMails) pushEmail(emails, address, false, 'other');
  }
  return emails;
}

function mapPhones(user: GraphUser): UnifiedPhone[] {
  const phones: UnifiedPhone[] = [];
  const businessPhones = user.businessPhones;
  if (businessPhones) {
    for (const number of businessPhones) if (number) phones.push({ number, type: 'work' });
  }
  if (user.mobilePhone) phones.push({ number: user.mobilePhone, type: 'mobile' });
  if (user.faxNumber) phones.push({ number: user.faxNumber, type: 'fax' });
  return phones;
}

function mapStatus(user: GraphUser): string | undefined {
  if (user.deletedDateTime) return 'deleted';
  if (user.externalUserState === 'PendingAcceptance') return 'invited';
  if (user.accountEnabled === true) return 'active';
  if (user.accountEnabled === false) return 'inactive';
  return undefined;
}

/**
 * Graph user -> UnifiedUser. Pure and allocation-light: list pages map hundreds of thousands of users a
 * second. A property Graph did not send (or sent as null) leaves the unified field absent.
 */
export function mapGraphUser(user: GraphUser, tenant: UserTenantContext = {}): UnifiedUser {
  const unified: UnifiedUser = { id: user.id };
  const userPrincipalName = user.userPrincipalName;
  const employeeId = user.employeeId;
  if (userPrincipalName) {
    unified.identifiers = employeeId
      ? { user_principal_name: userPrincipalName, employee_id: employeeId }
      : { user_principal_name: userPrincipalName };
    unified.username = userPrincipalName;
  } else if (employeeId) {
    unified.identifiers = { employee_id: employeeId };
  }
  if (user.givenName) unified.first_name = user.givenName;
  if (user.surname) unified.last_name = user.surname;
  if (user.displayName) unified.name = user.displayName;
  if (user.jobTitle) unified.title = user.jobTitle;

  const emails = mapEmails(user);
  if (emails.length > 0) unified.emails = emails;
  const phones = mapPhones(user);
  if (phones.length > 0) unified.phones = phones;
  const status = mapStatus(user);
  if (status) unified.status = status;

  const memberOf = user.memberOf;
  let isAdmin = false;
  if (memberOf) {
    const groups: NonNullable<UnifiedUser['groups']> = [];
    const roles: NonNullable<UnifiedUser['roles']> = [];
    for (const item of memberOf) {
      const type = item['@odata.type'];
      if (type === groupType) {
        groups.push(item.displayName ? { id: item.id, name: item.displayName } : { id: item.id });
      } else if (type === directoryRoleType) {
        // The template id is the role definition's id (roles and role_assignments use it); the directoryRole
        // id is this tenant's activation of it.
        const id = item.roleTemplateId ?? item.id;
        roles.push(item.displayName ? { id, name: item.displayName } : { id });
      }
    }
    unified.groups = groups;
    unified.roles = roles;
    isAdmin = roles.length > 0;
  }
  // Holding any directory role makes an admin; `userType` Member/Guest is a different axis, kept raw for guests.
  if (isAdmin) unified.user_type = 'admin';
  else if (user.userType === 'Guest') unified.user_type = 'Guest';
  else if (memberOf) unified.user_type = 'end_user';

  const assignedLicenses = user.assignedLicenses;
  if (assignedLicenses) {
    const licenses: NonNullable<UnifiedUser['licenses']> = [];
    const names = tenant.licenseNames;
    for (const license of assignedLicenses) {
      const skuId = license.skuId;
      if (!skuId) continue;
      const name = names?.get(skuId);
      licenses.push(name === undefined ? { id: skuId } : { id: skuId, name });
    }
    unified.licenses = licenses;
  }
  if (tenant.organization) unified.organizations = [tenant.organization];
  if (user.preferredLanguage) unified.languages = [user.preferredLanguage];
  if (user.createdDateTime) unified.created_at = user.createdDateTime;
  const signIn = user.signInActivity;
  const lastLogin = signIn ? (signIn.lastSuccessfulSignInDateTime ?? signIn.lastSignInDateTime) : undefined;
  if (lastLogin) unified.last_login_at = lastLogin;
  unified.remote_data = user;
  return unified;
}

function groupTypeOf(group: GraphGroup): string | undefined {
  if (group.groupTypes?.includes('Unified')) return 'microsoft_365';
  if (group.securityEnabled && group.mailEnabled) return 'mail_enabled_security';
  if (group.securityEnabled) return 'security';
  if (group.mailEnabled) return 'distribution';
  return undefined;
}

export function mapGraphGroup(group: GraphGroup): UnifiedGroup {
  const unified: UnifiedGroup = { id: group.id };
  if (group.displayName) unified.name = group.displayName;
  if (group.description) unified.description = group.description;
  const type = groupTypeOf(group);
  if (type) unified.group_type = type;
  if (group.mail) unified.emails = [{ email: group.mail, type: 'primary' }];
  if (group.createdDateTime) unified.created_at = group.createdDateTime;
  unified.remote_data = group;
  return unified;
}
