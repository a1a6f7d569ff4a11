import { assertWritableFields } from '@unidir/connector-utils';
import { UnsupportedParameterError, type UserWrite, ValidationError } from '@unidir/core';
import { mailNicknameOf } from './azure-ad-mail-nickname.js';

/** The unified body fields Graph can store on a user; anything else is refused rather than dropped. */
export const writableUserFields = [
  'first_name',
  'last_name',
  'name',
  'title',
  'username',
  'emails',
  'phones',
  'status',
  'languages',
  'identifiers',
  'password',
  'remote_data',
] as const;

const writableIdentifiers = ['employee_id', 'user_principal_name'];

function refuse(parameter: string, reason: string): never {
  throw new UnsupportedParameterError({ parameter, supported: [...writableUserFields], reason });
}

/**
 * Unified user fields -> Graph user properties, for `POST /users` (create) or `PATCH /users/{id}` (update).
 * `remote_data` holds raw Graph properties and is applied last, as the caller wrote it.
 */
export function toGraphUserBody(
  body: Partial<UserWrite>,
  mode: 'create' | 'update',
): Record<string, unknown> {
  assertWritableFields(body, writableUserFields, {
    reason: 'Microsoft Graph does not let this connector set it on a user',
  });
  const graph: Record<string, unknown> = {};
  if (body.first_name !== undefined) graph.givenName = body.first_name;
  if (body.last_name !== undefined) graph.surname = body.last_name;
  if (body.title !== undefined) graph.jobTitle = body.title;
  const name = body.name ?? ([body.first_name, body.last_name].filter(Boolean).join(' ') || undefined);
  if (name !== undefined) graph.displayName = name;

  const identifiers = body.identifiers ?? {};
  for (const key of Object.keys(identifiers)) {
    if (!writableIdentifiers.includes(key))
      refuse(`identifiers.${key}`, 'only employee_id and user_principal_name');
  }
  if (identifiers.employee_id !== undefined) graph.employeeId = identifiers.employee_id;

  const primaryEmail = body.emails?.find((email) => email.is_primary) ?? body.emails?.[0];
  if (body.emails) {
    if (primaryEmail) graph.mail = primaryEmail.email;
    graph.otherMails = body.emails.filter((email) => email !== primaryEmail).map((email) => email.email);
  }
  const userPrincipalName =
    body.username ?? identifiers.user_principal_name ?? (mode === 'create' ? primaryEmail?.email : undefined);
  if (userPrincipalName !== undefined) graph.userPrincipalName = userPrincipalName;

  if (body.phones) {
    const business = body.phones.filter((phone) => phone.type === undefined || phone.type === 'work');
    // Graph keeps a single business phone: accepting several would silently lose all but one.
    if (business.length > 1) refuse('phones', 'Graph stores one business (work) phone');
    for (const phone of body.phones) {
      if (phone.type !== undefined && !['work', 'mobile', 'fax'].includes(phone.type)) {
        refuse('phones.type', 'one of work, mobile, fax');
      }
    }
    graph.businessPhones = business.map((phone) => phone.number);
    const mobile = body.phones.filter((phone) => phone.type === 'mobile');
    const fax = body.phones.filter((phone) => phone.type === 'fax');
    if (mobile.length > 1 || fax.length > 1) refuse('phones', 'Graph stores one mobile and one fax number');
    graph.mobilePhone = mobile[0]?.number ?? null;
    graph.faxNumber = fax[0]?.number ?? null;
  }
  if (body.status !== undefined) {
    if (body.status !== 'active' && body.status !== 'inactive') refuse('status', 'active or inactive');
    graph.accountEnabled = body.status === 'active';
  }
  if (body.languages !== undefined) {
    if (body.languages.length > 1) refuse('languages', 'Graph stores one preferredLanguage');
    graph.preferredLanguage = body.languages[0] ?? null;
  }
  if (body.password !== undefined) {
    graph.passwordProfile = { password: body.password, forceChangePasswordNextSignIn: true };
  }

  if (mode === 'create') {
    graph.accountEnabled ??= true;
    if (typeof graph.userPrincipalName !== 'string') {
      throw new ValidationError({
        message: 'Creating a user needs username (the userPrincipalName) or a primary email.',
        code: 'invalid_body',
      });
    }
    if (typeof graph.displayName !== 'string') {
      throw new ValidationError({
        message: 'Creating a user needs name, or first_name/last_name.',
        code: 'invalid_body',
      });
    }
    if (body.password === undefined) {
      throw new ValidationError({
        message: 'Creating a user needs password (Graph requires a passwordProfile).',
        code: 'invalid_body',
      });
    }
    graph.mailNickname = mailNicknameOf(graph.userPrincipalName.split('@')[0] ?? '', 'username');
  }
  return body.remote_data ? { ...graph, ...body.remote_data } : graph;
}
