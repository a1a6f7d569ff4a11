import type { SeededDirectory, SeedUser } from '@unidir/testkit';
import type { OktaRoleAssignment, OktaUser, OktaUserStatus } from '../okta-mapping.js';

/** What the fake keeps per user beyond the seeded fields: lifecycle state and profile attributes of its own. */
export interface OktaUserExtras {
  status?: OktaUserStatus;
  statusChanged?: string;
  activated?: string | null;
  passwordChanged?: string | null;
  /** Attributes with no SeedUser field (secondEmail, custom ones); null clears a seeded one. */
  profile?: Record<string, unknown>;
}

export type OktaFakeDirectory = SeededDirectory<OktaUserExtras>;

/** Okta profile attributes stored as SeedUser fields (`login` is the SeedUser username). */
export const seedProfileFields = {
  firstName: 'givenName',
  lastName: 'familyName',
  displayName: 'displayName',
  email: 'email',
  title: 'jobTitle',
  department: 'department',
  primaryPhone: 'phone',
  mobilePhone: 'mobilePhone',
  city: 'city',
  countryCode: 'country',
  timezone: 'timezone',
} as const satisfies Record<string, keyof SeedUser>;

const hour = 3_600_000;

/** A seeded user's lifecycle status: a few staged, locked out and suspended users among the active ones. */
function seededStatus(user: SeedUser): OktaUserStatus {
  if (user.suspended) return 'SUSPENDED';
  if (user.index % 19 === 11) return 'PROVISIONED';
  if (user.index % 23 === 4) return 'LOCKED_OUT';
  return 'ACTIVE';
}

export function statusOf(directory: OktaFakeDirectory, user: SeedUser): OktaUserStatus {
  if (directory.isDeleted(user.id)) return 'DEPROVISIONED';
  return directory.extras.get(user.id)?.status ?? seededStatus(user);
}

/** The user's Okta login: an email-shaped username (created users), else the email (seeded users). */
export function loginOf(user: SeedUser): string {
  return user.username.includes('@') ? user.username : user.email;
}

const neverActivated: ReadonlySet<OktaUserStatus> = new Set(['STAGED', 'PROVISIONED']);

/** A user as Okta's Management API returns it; attributes never set are absent, not null. */
export function toOktaUser(directory: OktaFakeDirectory, user: SeedUser, origin: string): OktaUser {
  const extras = directory.extras.get(user.id);
  const status = statusOf(directory, user);
  const [languageCode] = user.language.split('-');
  const profile: Record<string, unknown> = {
    firstName: user.givenName,
    lastName: user.familyName,
    displayName: user.displayName,
    login: loginOf(user),
    email: user.email,
    title: user.jobTitle,
    department: user.department,
    employeeNumber: String(100_000 + user.index),
    primaryPhone: user.phone,
    mobilePhone: user.mobilePhone,
    city: user.city,
    countryCode: user.country,
    timezone: user.timezone,
    preferredLanguage: languageCode,
    locale: user.language.replace('-', '_'),
  };
  if (user.index < directory.seedUserCount && user.index % 5 === 2)
    profile.secondEmail = `${user.username}@home.example`;
  for (const [attribute, value] of Object.entries(extras?.profile ?? {})) {
    if (value === null) delete profile[attribute];
    else profile[attribute] = value;
  }
  const created = user.createdAt;
  const seededActivation = neverActivated.has(status)
    ? null
    : new Date(Date.parse(created) + hour).toISOString();
  const activated = extras?.activated !== undefined ? extras.activated : seededActivation;
  const lastUpdated = user.updatedAt;
  return {
    id: user.id,
    status,
    created,
    activated,
    statusChanged: extras?.statusChanged ?? (status === 'ACTIVE' ? activated : lastUpdated),
    lastLogin: user.lastLoginAt ?? null,
    lastUpdated,
    passwordChanged: extras?.passwordChanged !== undefined ? extras.passwordChanged : activated,
    type: { id: 'oty1defaultusertype0' },
    profile,
    credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: { href: `${origin}/api/v1/users/${user.id}` } },
  };
}

/** Seeded admins hold standard roles: the first is a super admin, the others user admins. */
export function seededRoleAssignments(user: SeedUser, origin: string): OktaRoleAssignment[] {
  if (!user.isAdmin) return [];
  const type = user.index === 0 ? 'SUPER_ADMIN' : 'USER_ADMIN';
  const label = user.index === 0 ? 'Super Administrator' : 'Group Administrator';
  return [
    {
      id: `ra1${user.id.replaceAll('-', '').slice(0, 17)}`,
      type,
      label,
      status: 'ACTIVE',
      assignmentType: 'USER',
      created: user.createdAt,
      lastUpdated: user.createdAt,
      _links: { assignee: { href: `${origin}/api/v1/users/${user.id}` } },
    },
  ];
}
