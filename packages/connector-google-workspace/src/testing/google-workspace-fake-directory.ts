import { hash } from 'node:crypto';
import {
  DuplicateError,
  type FakeResponse,
  type SeededDirectory,
  type SeedGroup,
  type SeedUser,
  seedId,
} from '@unidir/testkit';
import type { GoogleGroup, GoogleMember, GoogleUser } from '../google-workspace-types.js';
import { googleError } from './google-workspace-fake-errors.js';
import { GoogleFakeGroups } from './google-workspace-fake-groups.js';
import type { GoogleFakeIds } from './google-workspace-fake-ids.js';
import { isDelegatedAdmin } from './google-workspace-fake-roles.js';

/** What the fake keeps per user beyond the SeededDirectory fields: the Google fields set by insert or patch. */
export interface GoogleUserExtras {
  /** Created through users.insert: only the fields given exist (no generated phones or titles). */
  created: boolean;
  fields: Record<string, unknown>;
}

/** User properties of the discovery document's `User` schema. */
const userProperties = new Set([
  'addresses',
  'agreedToTerms',
  'aliases',
  'archivalTime',
  'archived',
  'changePasswordAtNextLogin',
  'creationTime',
  'customSchemas',
  'customerId',
  'deletionTime',
  'emails',
  'etag',
  'externalIds',
  'gender',
  'guestAccountInfo',
  'hashFunction',
  'id',
  'ims',
  'includeInGlobalAddressList',
  'ipWhitelisted',
  'isAdmin',
  'isDelegatedAdmin',
  'isEnforcedIn2Sv',
  'isEnrolledIn2Sv',
  'isGuestUser',
  'isMailboxSetup',
  'keywords',
  'kind',
  'languages',
  'lastLoginTime',
  'locations',
  'name',
  'nonEditableAliases',
  'notes',
  'orgUnitPath',
  'organizations',
  'password',
  'phones',
  'posixAccounts',
  'primaryEmail',
  'recoveryEmail',
  'recoveryPhone',
  'relations',
  'sshPublicKeys',
  'suspended',
  'suspensionReason',
  'suspensionTime',
  'thumbnailPhotoEtag',
  'thumbnailPhotoUrl',
  'websites',
]);
/** Read-only in the discovery document (plus isGuestUser, set only by createGuest): Google ignores them on write. */
const readOnlyProperties = new Set([
  'agreedToTerms',
  'aliases',
  'archivalTime',
  'creationTime',
  'customerId',
  'deletionTime',
  'etag',
  'id',
  'isAdmin',
  'isDelegatedAdmin',
  'isEnforcedIn2Sv',
  'isEnrolledIn2Sv',
  'isGuestUser',
  'isMailboxSetup',
  'kind',
  'lastLoginTime',
  'nonEditableAliases',
  'suspensionReason',
  'suspensionTime',
  'thumbnailPhotoEtag',
  'thumbnailPhotoUrl',
]);
/** Handled through the SeededDirectory or never stored. */
const directoryProperties = new Set(['name', 'primaryEmail', 'suspended', 'password', 'hashFunction']);

const neverSignedIn = '1970-01-01T00:00:00.000Z';
/** Far beyond any seeded user, so the administrator's Google id names no one else. */
const administratorIndex = 99_999_999_999_999;
const minimumPasswordLength = 8;

/** One-shot `hash` rather than `createHash`: every listed user gets an etag, and a Hash object per user adds up. */
function etagOf(value: unknown): string {
  return `"${hash('sha1', JSON.stringify(value), 'base64url')}"`;
}

type Lookup<Found> = Found | FakeResponse;

/** The Directory API's view of a SeededDirectory: ids, resources and writes as Google shapes them. */
export class GoogleFakeDirectory {
  readonly #deletionTimes = new Map<string, string>();
  readonly groups: GoogleFakeGroups;
  /** The super administrator the service account acts as: readable by users.get, not listed. */
  readonly administrator: SeedUser;

  constructor(
    readonly directory: SeededDirectory<GoogleUserExtras>,
    readonly ids: GoogleFakeIds,
    readonly now: () => number,
    administratorEmail: string,
  ) {
    this.groups = new GoogleFakeGroups(directory, now);
    const createdAt = '2021-01-04T09:00:00.000Z';
    this.administrator = {
      index: administratorIndex,
      id: seedId(directory.seed, 'user', administratorIndex),
      givenName: 'Workspace',
      familyName: 'Administrator',
      displayName: 'Workspace Administrator',
      username: administratorEmail.split('@')[0] ?? 'admin',
      email: administratorEmail,
      jobTitle: 'Administrator',
      department: 'IT',
      phone: '+1 555 000 0000',
      mobilePhone: '+1 555 000 0001',
      city: 'London',
      country: 'GB',
      timezone: 'Europe/London',
      language: 'en',
      isAdmin: true,
      suspended: false,
      createdAt,
      updatedAt: createdAt,
      lastLoginAt: createdAt,
    };
  }

  toUser(user: SeedUser): GoogleUser {
    const extras = this.directory.extras.get(user.id);
    const fields = extras?.fields ?? {};
    const deletionTime = this.#deletionTimes.get(user.id);
    const seeded = extras?.created !== true;
    const name = {
      givenName: user.givenName,
      familyName: user.familyName,
      fullName: `${user.givenName} ${user.familyName}`,
    };
    // Built property by property in Google's order rather than from spreads: a listing builds one per user.
    const record: GoogleUser = {
      kind: 'admin#directory#user',
      id: this.ids.userId(user.index),
      etag: '',
      primaryEmail: user.email,
      name: fields.name === undefined ? name : { ...name, ...(fields.name as object) },
      isAdmin: user.isAdmin,
      isDelegatedAdmin: user.index < this.directory.seedUserCount && isDelegatedAdmin(user),
      lastLoginTime: user.lastLoginAt ?? neverSignedIn,
      creationTime: user.createdAt,
      agreedToTerms: user.lastLoginAt !== undefined,
      suspended: user.suspended,
    };
    if (user.suspended) record.suspensionReason = 'ADMIN';
    record.archived = false;
    record.changePasswordAtNextLogin = false;
    record.ipWhitelisted = false;
    record.emails = [{ address: user.email, primary: true }];
    if (seeded) {
      record.phones = [
        { value: user.phone, type: 'work' },
        { value: user.mobilePhone, type: 'mobile' },
      ];
      record.organizations = [
        { title: user.jobTitle, department: user.department, primary: true, customType: '' },
      ];
      record.languages = [{ languageCode: user.language, preference: 'preferred' }];
      record.locations = [{ type: 'desk', area: user.city }];
      if (user.index % 5 === 2) {
        record.websites = [{ value: `https://sites.google.com/view/${user.username}`, type: 'profile' }];
      }
    }
    record.customerId = this.ids.customerId;
    record.orgUnitPath = '/';
    record.isMailboxSetup = true;
    record.isEnrolledIn2Sv = seeded && user.index % 3 === 0;
    record.isEnforcedIn2Sv = false;
    record.includeInGlobalAddressList = true;
    if (seeded && user.index % 4 === 1) {
      record.thumbnailPhotoUrl = `https://lh3.googleusercontent.com/a-/fake-${user.index}=s96-c`;
    }
    // Stored fields passed validation against the User schema, so none of them is `__proto__`.
    for (const key of Object.keys(fields)) if (key !== 'name') record[key] = fields[key];
    if (deletionTime !== undefined) record.deletionTime = deletionTime;
    if (Array.isArray(fields.emails)) {
      const others = (fields.emails as Array<{ address?: unknown }>).filter(
        (email) =>
          typeof email.address !== 'string' || email.address.toLowerCase() !== user.email.toLowerCase(),
      );
      record.emails = [{ address: user.email, primary: true }, ...(others as GoogleUser['emails'] & object)];
    }
    record.etag = etagOf([user, fields, deletionTime]);
    return record;
  }

  toGroup(group: SeedGroup): GoogleGroup {
    const memberCount = this.groups.memberIds(group.id).length;
    const record: GoogleGroup = {
      kind: 'admin#directory#group',
      id: this.ids.groupId(group.index),
      etag: etagOf([group, memberCount]),
      email: group.email,
      name: group.name,
      directMembersCount: String(memberCount),
      description: group.description,
      adminCreated: true,
      nonEditableAliases: [`${group.email.split('@')[0]}@${this.directory.domain}.test-google-a.com`],
    };
    return record;
  }

  toMember(user: SeedUser): GoogleMember {
    const member = {
      kind: 'admin#directory#member',
      id: this.ids.userId(user.index),
      email: user.email,
      role: 'MEMBER',
      type: 'USER',
      status: user.suspended ? 'SUSPENDED' : 'ACTIVE',
      delivery_settings: 'ALL_MAIL',
    };
    return { ...member, etag: etagOf(member) };
  }

  /** A user by numeric id, primary email or alias; a group's key is refused like Google refuses it. */
  findUser(userKey: string, options: { includeDeleted?: boolean } = {}): Lookup<SeedUser> {
    const index = this.ids.userIndex(userKey);
    if (index === administratorIndex || userKey.toLowerCase() === this.administrator.email) {
      return this.administrator;
    }
    const user =
      index !== undefined
        ? this.directory.userById(seedId(this.directory.seed, 'user', index), options)
        : userKey.includes('@')
          ? this.directory.userByEmail(userKey, options)
          : undefined;
    if (user) return user;
    if (
      this.ids.groupIndex(userKey) !== undefined ||
      (userKey.includes('@') && this.groups.byEmail(userKey))
    ) {
      return googleError(400, 'badRequest', 'Type not supported: userKey');
    }
    return googleError(404, 'notFound', 'Resource Not Found: userKey');
  }

  findGroup(groupKey: string): Lookup<SeedGroup> {
    const index = this.ids.groupIndex(groupKey);
    const group = index !== undefined ? this.groups.byIndex(index) : this.groups.byEmail(groupKey);
    return group ?? googleError(404, 'notFound', 'Resource Not Found: groupKey');
  }

  deletedUsers(): SeedUser[] {
    const users: SeedUser[] = [];
    for (const id of this.#deletionTimes.keys()) {
      const user = this.directory.isDeleted(id)
        ? this.directory.userById(id, { includeDeleted: true })
        : undefined;
      if (user) users.push(user);
    }
    return users;
  }

  insertUser(body: unknown): Lookup<GoogleUser> {
    const fields = asObject(body);
    const invalid = unknownField(fields);
    if (invalid) return invalid;
    const name = asObject(fields.name);
    if (typeof fields.primaryEmail !== 'string' || !fields.primaryEmail.includes('@')) {
      return googleError(400, 'required', 'Invalid Input: primary_user_email');
    }
    if (typeof name.givenName !== 'string' || name.givenName.trim() === '') {
      return googleError(400, 'invalid', 'Invalid Given/Family Name: GivenName');
    }
    if (typeof name.familyName !== 'string' || name.familyName.trim() === '') {
      return googleError(400, 'invalid', 'Invalid Given/Family Name: FamilyName');
    }
    if (typeof fields.password !== 'string' || fields.password.length < minimumPasswordLength) {
      return googleError(400, 'invalid', 'Invalid Password');
    }
    const [localPart, domain] = fields.primaryEmail.split('@');
    if (domain?.toLowerCase() !== this.directory.domain.toLowerCase()) {
      return googleError(400, 'invalid', 'Invalid Input: primary_user_email');
    }
    try {
      const user = this.directory.createUser({
        givenName: name.givenName,
        familyName: name.familyName,
        displayName: `${name.givenName} ${name.familyName}`,
        email: fields.primaryEmail,
        username: localPart,
        isAdmin: false,
        suspended: fields.suspended === true,
        lastLoginAt: undefined,
      });
      this.directory.extras.set(user.id, { created: true, fields: storedFields(fields, name) });
      return this.toUser(user);
    } catch (error) {
      if (error instanceof DuplicateError) return googleError(409, 'duplicate', 'Entity already exists.');
      throw error;
    }
  }

  /** users.patch and users.update: Google gives both patch semantics; nested `name` merges, arrays replace. */
  patchUser(user: SeedUser, body: unknown): Lookup<GoogleUser> {
    const fields = asObject(body);
    const invalid = unknownField(fields);
    if (invalid) return invalid;
    const name = asObject(fields.name);
    if (
      fields.password !== undefined &&
      (typeof fields.password !== 'string' || fields.password.length < minimumPasswordLength)
    ) {
      return googleError(400, 'invalid', 'Invalid Password');
    }
    for (const part of ['givenName', 'familyName'] as const) {
      if (part in name && (typeof name[part] !== 'string' || (name[part] as string).trim() === '')) {
        return googleError(
          400,
          'invalid',
          `Invalid Given/Family Name: ${part === 'givenName' ? 'GivenName' : 'FamilyName'}`,
        );
      }
    }
    const changes: Partial<SeedUser> = {};
    if (typeof name.givenName === 'string') changes.givenName = name.givenName;
    if (typeof name.familyName === 'string') changes.familyName = name.familyName;
    if (typeof fields.suspended === 'boolean') changes.suspended = fields.suspended;
    if (typeof fields.primaryEmail === 'string') {
      const [localPart, domain] = fields.primaryEmail.split('@');
      if (!localPart || domain?.toLowerCase() !== this.directory.domain.toLowerCase()) {
        return googleError(400, 'invalid', 'Invalid Input: primary_user_email');
      }
      changes.email = fields.primaryEmail;
      changes.username = localPart;
    }
    try {
      const updated = this.directory.updateUser(user.id, changes) ?? user;
      const previous = this.directory.extras.get(user.id) ?? { created: false, fields: {} };
      const previousName = asObject(previous.fields.name);
      const stored = storedFields(fields, { ...previousName, ...name });
      this.directory.extras.set(user.id, {
        created: previous.created,
        fields: { ...previous.fields, ...stored },
      });
      return this.toUser(updated);
    } catch (error) {
      if (error instanceof DuplicateError) return googleError(409, 'duplicate', 'Entity already exists.');
      throw error;
    }
  }

  /** groups.insert: `email` is required, in the customer's domain and unused; read-only fields are ignored. */
  insertGroup(body: unknown): Lookup<GoogleGroup> {
    const fields = asObject(body);
    const invalid = unknownGroupField(fields);
    if (invalid) return invalid;
    if (typeof fields.email !== 'string' || fields.email === '') {
      return googleError(400, 'required', 'Missing required field: email');
    }
    const email = fields.email;
    const emailError = this.#checkGroupEmail(email, undefined);
    if (emailError) return emailError;
    const group = this.groups.insert({
      email,
      name:
        typeof fields.name === 'string' && fields.name !== '' ? fields.name : (email.split('@')[0] ?? email),
      description: typeof fields.description === 'string' ? fields.description : '',
    });
    return this.toGroup(group);
  }

  /** groups.patch (and update): name, description and email change; read-only fields are ignored. */
  patchGroup(groupId: string, body: unknown): Lookup<GoogleGroup> {
    const fields = asObject(body);
    const invalid = unknownGroupField(fields);
    if (invalid) return invalid;
    const group = this.groups.byId(groupId);
    if (!group) return googleError(404, 'notFound', 'Resource Not Found: groupKey');
    const changes: Partial<SeedGroup> = {};
    if (typeof fields.name === 'string') changes.name = fields.name;
    if (typeof fields.description === 'string') changes.description = fields.description;
    if (typeof fields.email === 'string') {
      const emailError = this.#checkGroupEmail(fields.email, groupId);
      if (emailError) return emailError;
      changes.email = fields.email;
    }
    return this.toGroup(this.groups.patch(group, changes));
  }

  #checkGroupEmail(email: string, ownId: string | undefined): FakeResponse | undefined {
    const [localPart, domain] = email.split('@');
    if (!localPart || domain?.toLowerCase() !== this.directory.domain.toLowerCase()) {
      return googleError(400, 'invalid', 'Invalid Input: email');
    }
    const holder = this.groups.byEmail(email);
    if ((holder && holder.id !== ownId) || this.directory.userByEmail(email, { includeDeleted: true })) {
      return googleError(409, 'duplicate', 'Entity already exists.');
    }
    return undefined;
  }

  deleteUser(user: SeedUser): void {
    this.directory.deleteUser(user.id);
    this.#deletionTimes.set(user.id, new Date(this.now()).toISOString());
  }

  undeleteUser(user: SeedUser): void {
    this.directory.restoreUser(user.id);
    this.#deletionTimes.delete(user.id);
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Group properties of the discovery document's `Group` schema. */
const groupProperties = new Set([
  'adminCreated',
  'aliases',
  'description',
  'directMembersCount',
  'email',
  'etag',
  'id',
  'kind',
  'name',
  'nonEditableAliases',
]);

function unknownGroupField(fields: Record<string, unknown>): FakeResponse | undefined {
  return unknownField(fields, groupProperties);
}

function unknownField(
  fields: Record<string, unknown>,
  properties: ReadonlySet<string> = userProperties,
): FakeResponse | undefined {
  const unknown = Object.keys(fields).find((key) => !properties.has(key));
  return unknown === undefined
    ? undefined
    : googleError(
        400,
        'invalid',
        `Invalid JSON payload received. Unknown name "${unknown}" at 'resource': Cannot find field.`,
      );
}

/** The writable Google fields the SeededDirectory does not hold, with `name` kept only for displayName. */
function storedFields(
  fields: Record<string, unknown>,
  name: Record<string, unknown>,
): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!readOnlyProperties.has(key) && !directoryProperties.has(key)) stored[key] = value;
  }
  if (typeof name.displayName === 'string') stored.name = { displayName: name.displayName };
  return stored;
}
