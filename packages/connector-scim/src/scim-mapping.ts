import type { UnifiedEmail, UnifiedGroup, UnifiedPhone, UnifiedUser } from '@unidir/core';
import { type ScimGroup, type ScimMultiValue, type ScimUser, scimSchemas } from './scim-resources.js';

/** An ISO-8601 UTC timestamp from SCIM's xsd:dateTime (which may carry an offset), or undefined. */
export function toUtcTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function mapEmails(values: ScimMultiValue[] | undefined): UnifiedEmail[] | undefined {
  const emails = (values ?? [])
    .filter((email) => nonEmpty(email.value) !== undefined)
    .map((email) => ({
      email: email.value as string,
      ...(email.primary === undefined ? {} : { is_primary: email.primary }),
      ...(email.type === undefined ? {} : { type: email.type }),
    }));
  return emails.length > 0 ? emails : undefined;
}

function mapPhones(values: ScimMultiValue[] | undefined): UnifiedPhone[] | undefined {
  const phones = (values ?? [])
    .filter((phone) => nonEmpty(phone.value) !== undefined)
    .map((phone) => ({
      number: phone.value as string,
      ...(phone.type === undefined ? {} : { type: phone.type }),
    }));
  return phones.length > 0 ? phones : undefined;
}

function mapIdentifiers(user: ScimUser): Record<string, string> | undefined {
  const enterprise = user[scimSchemas.enterpriseUser];
  const identifiers: Record<string, string> = {};
  const entries: Array<[string, unknown]> = [
    ['user_name', user.userName],
    ['employee_number', enterprise?.employeeNumber],
    ['manager_id', enterprise?.manager?.value],
    ['department', enterprise?.department],
  ];
  for (const [key, value] of entries) {
    const text = nonEmpty(value);
    if (text !== undefined) identifiers[key] = text;
  }
  return Object.keys(identifiers).length > 0 ? identifiers : undefined;
}

function mapLanguages(user: ScimUser): string[] | undefined {
  const languages = [nonEmpty(user.preferredLanguage), nonEmpty(user.locale)].filter(
    (value): value is string => value !== undefined,
  );
  const unique = [...new Set(languages)];
  return unique.length > 0 ? unique : undefined;
}

function displayNameOf(user: ScimUser): string | undefined {
  const given = nonEmpty(user.name?.givenName);
  const family = nonEmpty(user.name?.familyName);
  return (
    nonEmpty(user.displayName) ??
    nonEmpty(user.name?.formatted) ??
    ([given, family].filter(Boolean).join(' ') || undefined)
  );
}

/** SCIM core User plus the enterprise extension -> UnifiedUser (see the manifest's notes for each field). */
export function mapScimUser(user: ScimUser): UnifiedUser {
  const unified: UnifiedUser = { id: user.id };
  const set = <Key extends keyof UnifiedUser>(key: Key, value: UnifiedUser[Key] | undefined) => {
    if (value !== undefined) unified[key] = value;
  };
  set('external_id', nonEmpty(user.externalId));
  set('identifiers', mapIdentifiers(user));
  set('first_name', nonEmpty(user.name?.givenName));
  set('last_name', nonEmpty(user.name?.familyName));
  set('name', displayNameOf(user));
  set('title', nonEmpty(user.title));
  set('username', nonEmpty(user.userName));
  set('emails', mapEmails(user.emails));
  set('phones', mapPhones(user.phoneNumbers));
  if (typeof user.active === 'boolean') unified.status = user.active ? 'active' : 'inactive';
  set(
    'groups',
    user.groups
      ?.filter((group) => nonEmpty(group.value) !== undefined)
      .map((group) => ({ id: group.value as string, ...(group.display ? { name: group.display } : {}) })),
  );
  set('avatar', nonEmpty(user.photos?.find((photo) => photo.primary)?.value ?? user.photos?.[0]?.value));
  set('timezone', nonEmpty(user.timezone));
  set('languages', mapLanguages(user));
  set('user_type', nonEmpty(user.userType));
  set('created_at', toUtcTimestamp(user.meta?.created));
  set('updated_at', toUtcTimestamp(user.meta?.lastModified));
  unified.remote_data = user as Record<string, unknown>;
  return unified;
}

export function mapScimGroup(group: ScimGroup): UnifiedGroup {
  const unified: UnifiedGroup = { id: group.id, group_type: 'group' };
  const name = nonEmpty(group.displayName);
  if (name !== undefined) unified.name = name;
  if (Array.isArray(group.members)) unified.member_count = group.members.length;
  const created = toUtcTimestamp(group.meta?.created);
  if (created !== undefined) unified.created_at = created;
  const updated = toUtcTimestamp(group.meta?.lastModified);
  if (updated !== undefined) unified.updated_at = updated;
  unified.remote_data = group as Record<string, unknown>;
  return unified;
}
