import type {
  AnyUserDirectoryConnectorV1,
  ConnectorEnvironment,
  DeleteUserParameters,
  GroupWrite,
  UserWrite,
} from '@unidir/core';
import type { FakeProviderServer } from '../fake-provider-server.js';
import type { SeedGroup, SeedUser } from '../seed-user.js';
import type { SeededDirectory } from '../seeded-directory.js';

/** A fresh fake provider with a seeded directory, and what the connector needs to reach it. */
export interface StartedConformanceFixture {
  account: { credentials: Record<string, unknown>; settings: Record<string, unknown> };
  server: FakeProviderServer;
  directory: SeededDirectory;
  /**
   * How the connector's unified ids relate to the directory's, when the provider formats ids its own way
   * (Google's numeric ids). Default: the SeedUser/SeedGroup id as-is.
   */
  unifiedIds?: { user?: (user: SeedUser) => string; group?: (group: SeedGroup) => string };
  /** Secrets generated for this start (a fresh client secret): scanned for like `secrets`. */
  secrets?: readonly string[];
  /** Extra environment for `createClient`, e.g. a dispatcher trusting `server.certificatePem`. */
  environment?: Partial<ConnectorEnvironment>;
  close(): Promise<void>;
}

export interface ConformanceFixture {
  /** Starts a fresh fake with `users` seeded users; called once per test. */
  start(options: { users: number }): Promise<StartedConformanceFixture>;
}

/** The user and group a delete scenario acts on: a seeded user and one of its groups, as unified ids. */
export interface DeleteTarget {
  userId: string;
  groupId: string;
}

export interface DeleteScenario {
  /** 'default soft delete', 'remove_from=group'. */
  name: string;
  parameters(target: DeleteTarget): Omit<DeleteUserParameters, 'id'>;
  /** Exactly the provider calls (method + path, query ignored, segments compared decoded) in order. */
  expectedCalls(target: DeleteTarget): Array<{ method: string; path: string }>;
  /** After it: is the user still listed (true for remove-from-group)? */
  userRemains: boolean;
}

/** The user and group a membership change acts on, as unified ids. */
export interface MembershipTarget {
  userId: string;
  groupId: string;
}

/** What `groups.addUser` and `groups.removeUser` send: checked against the journal, call for call. */
export interface MembershipCalls {
  addUser?(target: MembershipTarget): Array<{ method: string; path: string }>;
  removeUser?(target: MembershipTarget): Array<{ method: string; path: string }>;
  /** The fake's route names of the membership writes, for the lost-answer tests. */
  routes: { addUser?: string; removeUser?: string };
}

export interface ConnectorConformanceOptions {
  connector: AnyUserDirectoryConnectorV1;
  fixture: ConformanceFixture;
  deleteScenarios: DeleteScenario[];
  /** Delete parameter sets the connector (or its manifest, which the runtime enforces) must refuse before any provider call. */
  refusedDeleteParameters: Array<Omit<DeleteUserParameters, 'id'>>;
  /** Omit when create is unsupported. */
  createUserBody?: UserWrite;
  /** Omit when update is unsupported. Scalar fields in it must read back through get. */
  updateUserBody?: Partial<UserWrite>;
  /** Omit when groups.create is unsupported; with groups.get, update and delete declared they are tested too. */
  createGroupBody?: GroupWrite;
  /** Required when the connector declares groups.addUser or groups.removeUser. */
  membershipCalls?: MembershipCalls;
  /**
   * Turns the fixture's valid credentials into ones the provider refuses (a changed key or secret), for
   * the check that a refused credential is `provider_auth_failed` (401) and never retried blindly.
   */
  invalidCredentials?(valid: Record<string, unknown>): Record<string, unknown>;
  /** Route names of the fake for fault tests. */
  routes: { listUsers: string; getUser: string; deleteUser: string };
  /** Secret strings from the credentials that must never appear in errors, logs or call records. */
  secrets: readonly string[];
  /** Default 5. */
  listPageSize?: number;
  /** Seeded users per test; default 23 (several pages, the last one short). */
  users?: number;
  /** Routes left out of exact call checks, e.g. a token endpoint on the same fake. */
  ignoredRoutes?: readonly string[];
}
