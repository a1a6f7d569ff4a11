import { assertWritableFields } from '@unidir/connector-utils';
import { UnsupportedParameterError, type UserWrite, ValidationError } from '@unidir/core';

/** The unified body fields Okta's base profile can hold; anything else is refused rather than dropped. */
export const writableUserFields = [
  'first_name',
  'last_name',
  'name',
  'title',
  'username',
  'emails',
  'phones',
  'timezone',
  'languages',
  'urls',
  'identifiers',
  'status',
  'password',
  'remote_data',
] as const;

/** What `status` may ask for on create: ACTIVE (`activate=true`) or STAGED (`activate=false`, no email). */
const creatableStatuses = ['active', 'invited'];

function refuse(parameter: string, reason: string): never {
  throw new UnsupportedParameterError({ parameter, supported: [...writableUserFields], reason });
}

/** Unified emails -> `email` (the primary or first) and `secondEmail` (one more); a third has nowhere to go. */
function profileEmails(emails: NonNullable<UserWrite['emails']>): Record<string, string> {
  const primary = emails.find((email) => email.is_primary) ?? emails[0];
  const others = emails.filter((email) => email !== primary);
  if (others.length > 1) refuse('emails', 'Okta holds two addresses: email and secondEmail');
  const profile: Record<string, string> = {};
  if (primary) profile.email = primary.email;
  if (others[0]) profile.secondEmail = others[0].email;
  return profile;
}

function profilePhones(phones: NonNullable<UserWrite['phones']>): Record<string, string> {
  const profile: Record<string, string> = {};
  for (const phone of phones) {
    const attribute = phone.type === 'mobile' ? 'mobilePhone' : 'primaryPhone';
    if (profile[attribute] !== undefined) refuse('phones', 'Okta holds one primaryPhone and one mobilePhone');
    profile[attribute] = phone.number;
  }
  return profile;
}

function customProfile(remoteData: UserWrite['remote_data']): Record<string, unknown> {
  const profile = remoteData?.profile;
  if (profile === undefined) return {};
  if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) {
    throw new ValidationError({ message: 'remote_data.profile must be an object.', code: 'invalid_body' });
  }
  for (const key of Object.keys(remoteData ?? {})) {
    if (key !== 'profile') refuse(`remote_data.${key}`, 'only remote_data.profile (Okta profile attributes)');
  }
  return profile as Record<string, unknown>;
}

/**
 * Unified user fields -> an Okta profile (and credentials), for `POST /users` or the partial update
 * `POST /users/{id}`. `remote_data.profile` holds raw profile attributes (department, custom ones) and is
 * applied last, as the caller wrote it.
 */
export function toOktaUserBody(
  body: Partial<UserWrite>,
  mode: 'create' | 'update',
): { body: Record<string, unknown>; activate: boolean } {
  assertWritableFields(body, writableUserFields, {
    reason: 'Okta does not let this connector set it on a user',
  });
  const profile: Record<string, unknown> = {};
  if (body.first_name !== undefined) profile.firstName = body.first_name;
  if (body.last_name !== undefined) profile.lastName = body.last_name;
  if (body.name !== undefined) profile.displayName = body.name;
  if (body.title !== undefined) profile.title = body.title;
  if (body.timezone !== undefined) profile.timezone = body.timezone;
  if (body.languages !== undefined) {
    if (body.languages.length > 1) refuse('languages', 'Okta holds one preferredLanguage');
    profile.preferredLanguage = body.languages[0] ?? null;
  }
  if (body.emails !== undefined) Object.assign(profile, profileEmails(body.emails));
  if (body.phones !== undefined) Object.assign(profile, profilePhones(body.phones));
  for (const url of body.urls ?? []) {
    if (url.type !== undefined && url.type !== 'profile') refuse('urls', 'Okta holds one profileUrl');
    profile.profileUrl = url.url;
  }
  for (const [kind, value] of Object.entries(body.identifiers ?? {})) {
    if (kind === 'employee_number') profile.employeeNumber = value;
    else if (kind === 'login') profile.login = value;
    else refuse(`identifiers.${kind}`, 'only login and employee_number');
  }
  if (body.username !== undefined) profile.login = body.username;
  Object.assign(profile, customProfile(body.remote_data));

  if (body.status !== undefined && (mode === 'update' || !creatableStatuses.includes(body.status))) {
    refuse(
      'status',
      mode === 'update'
        ? 'the lifecycle changes through delete (deactivate), not through an update'
        : 'a new Okta user is active or invited (staged)',
    );
  }
  if (mode === 'create') {
    profile.login ??= profile.email;
    if (typeof profile.email !== 'string' || typeof profile.login !== 'string') {
      throw new ValidationError({
        message: 'Creating an Okta user needs an email (emails[]) and a login (username, default the email).',
        code: 'missing_parameter',
      });
    }
  }
  const oktaBody: Record<string, unknown> = { profile };
  if (body.password !== undefined) oktaBody.credentials = { password: { value: body.password } };
  return { body: oktaBody, activate: body.status !== 'invited' };
}
