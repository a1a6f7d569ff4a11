import { assertWritableFields } from '@unidir/connector-utils';
import { type UserWrite, ValidationError } from '@unidir/core';
import {
  type ScimEnterpriseUser,
  type ScimPatchOperation,
  type ScimUser,
  scimSchemas,
} from './scim-resources.js';

/** The unified fields a SCIM User can store; everything else (groups, roles, licenses, ...) is refused. */
export const writableUserFields = [
  'external_id',
  'identifiers',
  'first_name',
  'last_name',
  'name',
  'title',
  'username',
  'emails',
  'phones',
  'status',
  'timezone',
  'languages',
  'password',
  'remote_data',
] as const;

const writableIdentifiers = ['employee_number', 'manager_id', 'department'];

type UserAttributes = Omit<Partial<ScimUser>, 'id'>;

function activeOf(status: string | undefined): boolean | undefined {
  if (status === undefined) return undefined;
  if (status === 'active' || status === 'inactive') return status === 'active';
  throw new ValidationError({
    message: `status can be set to active or inactive on a SCIM user, not ${status}.`,
    details: { parameter: 'body.status' },
  });
}

function enterpriseOf(identifiers: Record<string, string> | undefined): ScimEnterpriseUser | undefined {
  if (identifiers === undefined) return undefined;
  for (const key of Object.keys(identifiers)) {
    if (!writableIdentifiers.includes(key)) {
      throw new ValidationError({
        message: `identifiers.${key} cannot be written; SCIM stores ${writableIdentifiers.join(', ')} (enterprise extension).`,
        details: { parameter: `body.identifiers.${key}` },
      });
    }
  }
  const enterprise: ScimEnterpriseUser = {};
  if (identifiers.employee_number !== undefined) enterprise.employeeNumber = identifiers.employee_number;
  if (identifiers.department !== undefined) enterprise.department = identifiers.department;
  if (identifiers.manager_id !== undefined) enterprise.manager = { value: identifiers.manager_id };
  return Object.keys(enterprise).length > 0 ? enterprise : undefined;
}

function withoutUndefined<Value extends object>(value: Value): Value {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Value;
}

/** The SCIM attributes a (partial) unified body sets; `remote_data` is merged last, as the caller's raw SCIM. */
export function scimUserAttributes(body: Partial<UserWrite>): UserAttributes {
  assertWritableFields(body, writableUserFields, {
    reason: 'a SCIM User has no such attribute',
    parameterPrefix: 'body.',
  });
  const name = withoutUndefined({ givenName: body.first_name, familyName: body.last_name });
  const attributes: UserAttributes = withoutUndefined({
    externalId: body.external_id,
    userName: body.username,
    name: Object.keys(name).length > 0 ? name : undefined,
    displayName: body.name,
    title: body.title,
    emails: body.emails?.map((email) =>
      withoutUndefined({ value: email.email, primary: email.is_primary, type: email.type ?? 'work' }),
    ),
    phoneNumbers: body.phones?.map((phone) => withoutUndefined({ value: phone.number, type: phone.type })),
    active: activeOf(body.status),
    timezone: body.timezone,
    preferredLanguage: body.languages?.[0],
    password: body.password,
  });
  const enterprise = enterpriseOf(body.identifiers);
  if (enterprise) attributes[scimSchemas.enterpriseUser] = enterprise;
  return { ...attributes, ...(body.remote_data as UserAttributes | undefined) };
}

function schemasFor(attributes: UserAttributes): string[] {
  return attributes[scimSchemas.enterpriseUser] === undefined
    ? [scimSchemas.user]
    : [scimSchemas.user, scimSchemas.enterpriseUser];
}

/** POST /Users body. SCIM requires userName: the username, else the primary email. */
export function scimUserForCreate(body: UserWrite): UserAttributes {
  const attributes = scimUserAttributes(body);
  const primaryEmail = body.emails?.find((email) => email.is_primary)?.email ?? body.emails?.[0]?.email;
  attributes.userName ??= primaryEmail;
  if (attributes.userName === undefined) {
    throw new ValidationError({
      message: 'A SCIM user needs a userName: give username or an email.',
      code: 'missing_parameter',
      details: { parameter: 'body.username' },
    });
  }
  return { schemas: schemasFor(attributes), ...attributes };
}

/**
 * PATCH operations for an update: one `replace` per attribute, with a path, so sub-attributes not given
 * (a family name when only the given name changes) stay as they are.
 */
export function userPatchOperations(attributes: UserAttributes): ScimPatchOperation[] {
  const operations: ScimPatchOperation[] = [];
  for (const [attribute, value] of Object.entries(attributes)) {
    if (attribute === 'name' || attribute === scimSchemas.enterpriseUser) {
      const separator = attribute === 'name' ? '.' : ':';
      for (const [subAttribute, subValue] of Object.entries(value as object)) {
        operations.push({ op: 'replace', path: `${attribute}${separator}${subAttribute}`, value: subValue });
      }
    } else {
      operations.push({ op: 'replace', path: attribute, value });
    }
  }
  return operations;
}

/** The full resource a PUT sends: the user as just read with the update applied; read-only `meta` left out. */
export function userForReplace(current: ScimUser, attributes: UserAttributes): ScimUser {
  const { meta: _meta, groups: _groups, ...writable } = current;
  const merged: ScimUser = { ...writable, ...attributes, id: current.id };
  if (attributes.name) merged.name = { ...current.name, ...attributes.name };
  const enterprise = attributes[scimSchemas.enterpriseUser];
  if (enterprise)
    merged[scimSchemas.enterpriseUser] = { ...current[scimSchemas.enterpriseUser], ...enterprise };
  merged.schemas = [...new Set([...(current.schemas ?? [scimSchemas.user]), ...schemasFor(merged)])];
  return merged;
}
