import type { FakeOktaAuthority } from './okta-fake-auth.js';
import type { FakeGroupStore } from './okta-fake-group-store.js';
import type { OktaFakeDirectory } from './okta-fake-records.js';

/** What every route of the fake shares. */
export interface OktaFakeContext {
  directory: OktaFakeDirectory;
  groups: FakeGroupStore;
  authority: FakeOktaAuthority;
  /** The user the API token acts as (`/users/me`): a seeded super admin. */
  adminUserId: string;
  tls: boolean;
  now: () => number;
}
