import { isoTimestamp } from './iso-timestamp.js';
import { departments, familyNames, givenNames, jobTitles, places } from './seed-data.js';
import { seedId } from './seed-ids.js';
import { hashIntegers } from './seeded-random.js';

export interface SeedUser {
  index: number;
  /** UUID-shaped, derived from (seed, index). */
  id: string;
  givenName: string;
  familyName: string;
  displayName: string;
  /** `ada.lovelace.17`: unique because it ends with the index. */
  username: string;
  /** `<username>@<domain>`. */
  email: string;
  jobTitle: string;
  department: string;
  phone: string;
  mobilePhone: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** IANA time zone. */
  timezone: string;
  /** BCP-47 tag. */
  language: string;
  isAdmin: boolean;
  suspended: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | undefined;
}

export interface SeedGroup {
  index: number;
  id: string;
  /** `Engineering 1`, `Product 1`, ...: unique. */
  name: string;
  /** `engineering-1@<domain>`. */
  email: string;
  description: string;
  createdAt: string;
}

const seedEpoch = Date.UTC(2021, 0, 4, 9, 0, 0);
const minute = 60_000;
const day = 24 * 60 * minute;

const pick = <Item>(items: readonly Item[], hash: number): Item => items[hash % items.length]!;

/** Lower-case letters, digits and dashes only: what every provider accepts in a username. */
export function usernamePart(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]/g, '');
}

const givenNameParts = givenNames.map(usernamePart);
const familyNameParts = familyNames.map(usernamePart);

const threeDigits = Array.from({ length: 1000 }, (_, value) => String(value).padStart(3, '0'));
const fourDigits = Array.from({ length: 10_000 }, (_, value) => String(value).padStart(4, '0'));

/** Table-driven: two phone numbers per seeded user add up over a million-user listing. */
function phoneNumber(hash: number): string {
  const digits = hash % 10_000_000;
  return `+1 555 ${threeDigits[Math.floor(digits / 10_000)]} ${fourDigits[digits % 10_000]}`;
}

/** The seeded user at `index`, computed from (seed, index) alone: the same every time, never stored. */
export function generateSeedUser(
  seed: number,
  index: number,
  domain: string,
  id = seedId(seed, 'user', index),
): SeedUser {
  const hash = hashIntegers(seed, index, 11);
  const otherHash = hashIntegers(seed, index, 12);
  const givenIndex = hash % givenNames.length;
  const familyIndex = (hash >>> 8) % familyNames.length;
  const givenName = givenNames[givenIndex]!;
  const familyName = familyNames[familyIndex]!;
  const [city, country, timezone, language] = pick(places, otherHash);
  const username = `${givenNameParts[givenIndex]}.${familyNameParts[familyIndex]}.${index}`;
  const created = seedEpoch + index * 97_000 + (hash % minute);
  const updated = created + (otherHash % (200 * day));
  return {
    index,
    id,
    givenName,
    familyName,
    displayName: `${givenName} ${familyName}`,
    username,
    email: `${username}@${domain}`,
    jobTitle: pick(jobTitles, otherHash >>> 4),
    department: pick(departments, hash >>> 16),
    phone: phoneNumber(hash),
    mobilePhone: phoneNumber(otherHash),
    city,
    country,
    timezone,
    language,
    isAdmin: index % 97 === 0,
    suspended: index % 53 === 7,
    createdAt: isoTimestamp(created),
    updatedAt: isoTimestamp(updated),
    lastLoginAt: index % 11 === 3 ? undefined : isoTimestamp(updated + (hash % (30 * day))),
  };
}

/** The seeded group at `index`. */
export function generateSeedGroup(
  seed: number,
  index: number,
  domain: string,
  id = seedId(seed, 'group', index),
): SeedGroup {
  const department = departments[index % departments.length]!;
  const name = `${department} ${Math.floor(index / departments.length) + 1}`;
  return {
    index,
    id,
    name,
    email: `${usernamePart(name.replace(' ', '-'))}@${domain}`,
    description: `Everyone in ${name}.`,
    createdAt: isoTimestamp(seedEpoch + index * day),
  };
}
