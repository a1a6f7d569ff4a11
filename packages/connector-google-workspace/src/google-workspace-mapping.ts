import { assertWritableFields } from '@unidir/connector-utils';
import type { UnifiedEmail, UnifiedGroup, UnifiedPhone, UnifiedUser, UserWrite } from '@unidir/core';
import { UnsupportedParameterError, ValidationError } from '@unidir/core';
import type { GoogleGroup, GoogleUser, GoogleUserEmail, GoogleUserPhone } from './google-workspace-types.js';

/** Google's `lastLoginTime` for a user who never signed in. */
const neverSignedInMs = 0;

function toTimestamp(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function typeOf(entry: { type?: string; customType?: string }): string | undefined {
  return entry.type === 'custom' ? entry.customType || undefined : entry.type;
}

function setIfDefined<Key extends keyof UnifiedUser>(
  user: UnifiedUser,
  key: Key,
  value: UnifiedUser[Key] | undefined,
) {
  if (value !== undefined) user[key] = value;
}

function mapEmails(user: GoogleUser): UnifiedEmail[] | undefined {
  const emails: UnifiedEmail[] = [];
  const seen = new Set<string>();
  const add = (email: UnifiedEmail) => {
    const key = email.email.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    emails.push(email);
  };
  if (user.primaryEmail) add({ email: user.primaryEmail, is_primary: true, type: 'work' });
  for (const entry of user.emails ?? []) {
    if (!entry.address) continue;
    const email: UnifiedEmail = { email: entry.address, is_primary: entry.primary === true };
    const type = typeOf(entry);
    if (type !== undefined) email.type = type;
    add(email);
  }
  for (const alias of user.aliases ?? []) add({ email: alias, is_primary: false, type: 'alias' });
  return emails.length > 0 ? emails : undefined;
}

function mapPhones(user: GoogleUser): UnifiedPhone[] | undefined {
  const phones: UnifiedPhone[] = [];
  for (const entry of user.phones ?? []) {
    if (!entry.value) continue;
    const phone: UnifiedPhone = { number: entry.value };
    const type = typeOf(entry);
    if (type !== undefined) phone.type = type;
    phones.push(phone);
  }
  return phones.length > 0 ? phones : undefined;
}

function mapStatus(user: GoogleUser): string {
  if (user.deletionTime !== undefined) return 'deleted';
  if (user.suspended === true || user.archived === true) return 'inactive';
  return 'active';
}

/** Google has two admin flags and no role ids on the user; the role assignments API would cost a call per user. */
function mapRoles(user: GoogleUser): UnifiedUser['roles'] {
  const roles: NonNullable<UnifiedUser['roles']> = [];
  if (user.isAdmin === true) roles.push({ id: 'super_admin', name: 'Super Admin' });
  if (user.isDelegatedAdmin === true) roles.push({ id: 'delegated_admin', name: 'Delegated Admin' });
  return roles.length > 0 ? roles : undefined;
}

function mapTitle(user: GoogleUser): string | undefined {
  const organizations = user.organizations ?? [];
  const organization = organizations.find((entry) => entry.primary === true) ?? organizations[0];
  return organization?.title || undefined;
}

function mapLastLogin(value: string | undefined): string | undefined {
  const timestamp = toTimestamp(value);
  return timestamp === undefined || Date.parse(timestamp) === neverSignedInMs ? undefined : timestamp;
}

/**
 * Maps a Directory API user; `groups` comes from a separate groups-by-member call and `licenses` from the
 * account's license assignments, when the caller read them.
 */
export function mapGoogleUser(
  user: GoogleUser,
  groups?: UnifiedUser['groups'],
  licenses?: UnifiedUser['licenses'],
): UnifiedUser {
  const unified: UnifiedUser = { id: user.id };
  setIfDefined(unified, 'first_name', user.name?.givenName || undefined);
  setIfDefined(unified, 'last_name', user.name?.familyName || undefined);
  setIfDefined(unified, 'name', user.name?.displayName || user.name?.fullName || undefined);
  setIfDefined(unified, 'title', mapTitle(user));
  setIfDefined(unified, 'username', user.primaryEmail);
  setIfDefined(unified, 'emails', mapEmails(user));
  setIfDefined(unified, 'phones', mapPhones(user));
  unified.status = mapStatus(user);
  setIfDefined(unified, 'is_2fa_enabled', user.isEnrolledIn2Sv);
  if (user.isAdmin !== undefined || user.isDelegatedAdmin !== undefined) {
    unified.user_type = user.isAdmin === true || user.isDelegatedAdmin === true ? 'admin' : 'end_user';
  }
  setIfDefined(unified, 'roles', mapRoles(user));
  setIfDefined(unified, 'groups', groups);
  if (user.customerId) unified.organizations = [{ id: user.customerId }];
  if (licenses !== undefined) {
    unified.licenses = user.customerId
      ? licenses.map((license) => ({ ...license, organization_id: user.customerId }))
      : licenses;
  }
  const urls = (user.websites ?? []).flatMap((site) => {
    if (!site.value) return [];
    const type = typeOf(site);
    return [type === undefined ? { url: site.value } : { url: site.value, type }];
  });
  if (urls.length > 0) unified.urls = urls;
  setIfDefined(unified, 'avatar', user.thumbnailPhotoUrl || undefined);
  const languages = (user.languages ?? []).flatMap((language) => {
    const code = language.languageCode ?? language.customLanguage;
    return code ? [code] : [];
  });
  if (languages.length > 0) unified.languages = languages;
  setIfDefined(unified, 'last_login_at', mapLastLogin(user.lastLoginTime));
  setIfDefined(unified, 'created_at', toTimestamp(user.creationTime));
  unified.remote_data = user;
  return unified;
}

export function mapGoogleGroup(group: GoogleGroup): UnifiedGroup {
  const unified: UnifiedGroup = { id: group.id, group_type: 'group', remote_data: group };
  if (group.name) unified.name = group.name;
  if (group.description) unified.description = group.description;
  const emails = [
    ...(group.email ? [{ email: group.email, type: 'primary' }] : []),
    ...(group.aliases ?? []).map((alias) => ({ email: alias, type: 'alias' })),
  ];
  if (emails.length > 0) unified.emails = emails;
  const count = group.directMembersCount === undefined ? Number.NaN : Number(group.directMembersCount);
  if (Number.isSafeInteger(count) && count >= 0) unified.member_count = count;
  return unified;
}

/** The unified fields a create or update can set on a Google user. */
export const writableUserFields = [
  'first_name',
  'last_name',
  'name',
  'title',
  'username',
  'emails',
  'phones',
  'status',
  'urls',
  'languages',
  'password',
  'remote_data',
] as const;

function primaryEmailOf(write: Partial<UserWrite>): string | undefined {
  const primary = write.emails?.find((email) => email.is_primary === true)?.email;
  if (
    primary !== undefined &&
    write.username !== undefined &&
    primary.toLowerCase() !== write.username.toLowerCase()
  ) {
    throw new ValidationError({
      message:
        'username and the primary email differ; in Google Workspace the username is the primary email.',
      code: 'conflicting_fields',
      details: { fields: ['username', 'emails'] },
    });
  }
  return primary ?? write.username;
}

function toGoogleEmails(write: Partial<UserWrite>): GoogleUserEmail[] | undefined {
  if (write.emails === undefined) return undefined;
  return write.emails
    .filter((email) => email.is_primary !== true)
    .map((email) =>
      email.type === undefined
        ? { address: email.email }
        : { address: email.email, ...typed(email.type, emailTypes) },
    );
}

function toGooglePhones(write: Partial<UserWrite>): GoogleUserPhone[] | undefined {
  return write.phones?.map((phone) =>
    phone.type === undefined
      ? { value: phone.number }
      : { value: phone.number, ...typed(phone.type, phoneTypes) },
  );
}

const emailTypes = new Set(['home', 'work', 'other']);
const phoneTypes = new Set([
  'home',
  'work',
  'other',
  'mobile',
  'work_mobile',
  'home_fax',
  'work_fax',
  'pager',
  'main',
]);
const websiteTypes = new Set([
  'home_page',
  'blog',
  'profile',
  'work',
  'home',
  'other',
  'ftp',
  'resume',
  'reservations',
]);

/** Google accepts its own type names and puts anything else in `customType`. */
function typed(type: string, known: ReadonlySet<string>): { type: string; customType?: string } {
  return known.has(type) ? { type } : { type: 'custom', customType: type };
}

function toSuspended(status: string | undefined): boolean | undefined {
  if (status === undefined) return undefined;
  if (status === 'active') return false;
  if (status === 'inactive') return true;
  throw new UnsupportedParameterError({
    parameter: 'status',
    supported: ['active', 'inactive'],
    reason: 'Google users are active or suspended; deleting is a separate call',
  });
}

/**
 * Turns a unified write into a users.insert/users.patch body. Google replaces arrays (emails, phones,
 * organizations) as a whole on patch, so a `title` replaces the user's organizations with one primary entry.
 */
export function toGoogleUserBody(write: Partial<UserWrite>): Record<string, unknown> {
  assertWritableFields(write, writableUserFields, {
    reason: 'Google Workspace cannot set this field through users.insert or users.patch',
    parameterPrefix: 'body.',
  });
  const body: Record<string, unknown> = { ...write.remote_data };
  const name: Record<string, string> = {};
  if (write.first_name !== undefined) name.givenName = write.first_name;
  if (write.last_name !== undefined) name.familyName = write.last_name;
  if (write.name !== undefined) name.displayName = write.name;
  if (Object.keys(name).length > 0) body.name = { ...(body.name as object | undefined), ...name };
  const primaryEmail = primaryEmailOf(write);
  if (primaryEmail !== undefined) body.primaryEmail = primaryEmail;
  const emails = toGoogleEmails(write);
  if (emails !== undefined) body.emails = emails;
  const phones = toGooglePhones(write);
  if (phones !== undefined) body.phones = phones;
  if (write.title !== undefined) body.organizations = [{ title: write.title, primary: true }];
  const suspended = toSuspended(write.status);
  if (suspended !== undefined) body.suspended = suspended;
  if (write.urls !== undefined) {
    body.websites = write.urls.map((url) =>
      url.type === undefined ? { value: url.url } : { value: url.url, ...typed(url.type, websiteTypes) },
    );
  }
  if (write.languages !== undefined) {
    body.languages = write.languages.map((languageCode) => ({ languageCode, preference: 'preferred' }));
  }
  if (write.password !== undefined) body.password = write.password;
  return body;
}
