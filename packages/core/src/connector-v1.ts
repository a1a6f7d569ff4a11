import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { CapabilityManifest } from './capability-manifest.js';
import type {
  CreateGroupParameters,
  CreateUserParameters,
  DeleteGroupParameters,
  DeleteUserParameters,
  GetGroupParameters,
  GetResourceParameters,
  GetUserParameters,
  GroupMembershipParameters,
  ListActivitiesParameters,
  ListGroupsParameters,
  ListLicensesParameters,
  ListMeParameters,
  ListOrganizationsParameters,
  ListRoleAssignmentsParameters,
  ListRolesParameters,
  ListUsersParameters,
  ListWorkspacesParameters,
  RemoteQuery,
  UpdateGroupParameters,
  UpdateUserParameters,
} from './operation-parameters.js';
import type {
  UnifiedActivity,
  UnifiedGroup,
  UnifiedLicense,
  UnifiedMe,
  UnifiedOrganization,
  UnifiedRole,
  UnifiedRoleAssignment,
  UnifiedWorkspace,
} from './unified-resources.js';
import type { UnifiedUser } from './unified-user.js';

/** A pino-compatible structured logger: fields first, message second. */
export interface ConnectorLogger {
  debug(fields: Record<string, unknown>, message?: string): void;
  info(fields: Record<string, unknown>, message?: string): void;
  warn(fields: Record<string, unknown>, message?: string): void;
  error(fields: Record<string, unknown>, message?: string): void;
}

/** An access token as a token endpoint issued it. */
export interface StoredToken {
  accessToken: string;
  /** Epoch milliseconds after which the provider no longer accepts it. */
  expiresAt: number;
  tokenType?: string;
}

/**
 * Where an integrated account's tokens and rotated credentials live, so that every process serving the
 * account shares them. The host implements it over its database; connector-utils has an in-memory one.
 */
export interface CredentialStore {
  /** The token cached under this key by any process, if any. */
  loadToken(cacheKey: string): Promise<StoredToken | undefined>;
  saveToken(cacheKey: string, token: StoredToken): Promise<void>;
  /** The account's credentials as last stored: another process may have rotated a refresh token. */
  loadCredentials(): Promise<Record<string, unknown>>;
  /** Persists rotated credentials; resolves only once they are durable, before their first use. */
  saveCredentials(credentials: Record<string, unknown>): Promise<void>;
  /** Runs `task` while holding a lock on `key` that other processes respect. */
  withLock<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Records that a person must connect the account again (its grant was revoked or expired). */
  markNeedsReauth(reason: string): Promise<void>;
}

/** What the host gives a connector when it builds an account's client. */
export interface ConnectorEnvironment {
  logger: ConnectorLogger;
  /** Shared token and credential state; in-memory when absent. */
  credentialStore?: CredentialStore;
  /**
   * The undici `Dispatcher` for every provider call. The host passes one that enforces its egress rules;
   * tests pass one aimed at a fake. Typed loosely so the contract does not depend on undici.
   */
  dispatcher?: unknown;
  /** Allows plain-http provider URLs: loopback fakes and sandbox accounts only. */
  allowInsecureProviderUrls?: boolean;
  /** The clock, replaceable in tests. */
  now?: () => number;
}

/** One integrated account, as a connector sees it: its id and its validated credentials and settings. */
export interface ConnectorAccount<Credentials, Settings> {
  id: string;
  credentials: Credentials;
  settings: Settings;
}

/** One provider call made (or, in a dry run, planned) while serving an operation. */
export interface ProviderCallRecord {
  method: string;
  /** The URL with query values that could hold secrets removed. */
  url: string;
  /** `sent`: answered as expected; `planned`: a dry run's mutating call, not sent; `already_done`: a retried delete found its target gone; `failed`. */
  outcome: 'sent' | 'planned' | 'already_done' | 'failed';
  status?: number;
  providerRequestId?: string;
  /**
   * How many times the request went out. A failed write with attempts > 0 and no definite answer (none, or a
   * 5xx) may have been applied: hosts then record the outcome as unknown; absent or 0 means never sent.
   */
  attempts?: number;
  /**
   * The headers of the provider's last answer (lower-case names), without those that could carry secrets
   * (cookies, authorization, tokens, keys). Shown only in the `debug` response format.
   */
  responseHeaders?: Record<string, string>;
}

/** Everything an operation needs for one unified call. */
export interface OperationContext<Client> {
  /** The connector's own client for this account, from `createClient`. */
  client: Client;
  accountId: string;
  /** Query parameters to pass to the provider untransformed; never able to override what the connector sets. */
  remoteQuery: RemoteQuery;
  signal: AbortSignal;
  /** Epoch milliseconds by which the whole unified call must be answered, retries included. */
  deadline: number;
  /**
   * In a dry run, mutating provider calls are recorded as `planned` and not sent; reads still happen.
   * Create and update return `null` in a dry run; deletes and membership changes return what they would
   * do, with the outcome `planned`.
   */
  dryRun: boolean;
  /**
   * The caller's retry of a request whose earlier attempt was sent and whose outcome is unknown (its answer
   * was lost; the host knows it from the Idempotency-Key). The provider may already have done what is asked,
   * so a delete or removal that finds its object gone reports `already_done` rather than not found.
   */
  earlierAttemptMayHaveActed?: boolean;
  /** Every provider call, appended by the HTTP layer: the audit log and dry runs read it. */
  providerCalls: ProviderCallRecord[];
  logger: ConnectorLogger;
}

/** A unified record together with the provider's record it was mapped from. */
export interface RecordResult<Unified> {
  unified: Unified;
  raw: unknown;
}

export interface ListResult<Unified> {
  records: Array<RecordResult<Unified>>;
  /** Opaque; null on the last page. */
  nextCursor: string | null;
}

/**
 * The action names connectors use in `DeleteAction.action` and `MembershipResult.action`, so that hosts
 * (offboarding, audit) can tell them apart without parsing prose. A connector may use another name for a
 * step none of these describes.
 */
export const wellKnownActions = {
  /** The user is deleted but restorable (a recycle bin, a grace period). */
  softDelete: 'soft_delete',
  /** The user is gone for good. */
  permanentDelete: 'permanent_delete',
  /** The user remains but cannot sign in (Okta DEPROVISIONED, SCIM active=false). */
  deactivate: 'deactivate',
  /** The user remains but is suspended (Google Workspace). */
  suspend: 'suspend',
  removeFromGroup: 'remove_from_group',
  removeFromOrganization: 'remove_from_organization',
  removeFromWorkspace: 'remove_from_workspace',
  addToGroup: 'add_to_group',
  /** A group itself is deleted. */
  deleteGroup: 'delete_group',
  /**
   * A retry after a lost answer found the object gone: the earlier attempt removed it, by whichever of the
   * actions above the request asked for (the host answers this when the connector reports not found).
   */
  alreadyGone: 'already_gone',
} as const;

/** One step a delete performed: the caller learns exactly what happened to the user. */
export interface DeleteAction {
  /** One of `wellKnownActions` where one fits: `soft_delete`, `permanent_delete`, `remove_from_group`, ... */
  action: string;
  /** The id of what the action was applied to (the user, or the group it left). */
  target: string;
  /** `already_done`: a retry found the effect already applied; `planned`: a dry run. */
  outcome: 'done' | 'already_done' | 'planned';
}

/** What a delete of any resource did. */
export interface DeleteResult {
  id: string;
  actions: DeleteAction[];
}

export interface DeleteUserResult extends DeleteResult {
  /** The user as it was before the delete, when the connector read it (costs one request). */
  user?: RecordResult<UnifiedUser>;
}

/** What `groups.addUser` or `groups.removeUser` did; answered as `{result: ...}` on the wire. */
export interface MembershipResult {
  group_id: string;
  user_id: string;
  action: 'add_to_group' | 'remove_from_group';
  /** `already_done`: the user already was (or no longer was) a member, e.g. on a retry after a lost answer. */
  outcome: 'done' | 'already_done' | 'planned';
}

type Operation<Parameters, Result, Client> = (
  parameters: Parameters,
  context: OperationContext<Client>,
) => Promise<Result>;

export interface UserOperationsV1<Client> {
  list?: Operation<ListUsersParameters, ListResult<UnifiedUser>, Client>;
  get?: Operation<GetUserParameters, RecordResult<UnifiedUser>, Client>;
  create?: Operation<CreateUserParameters, RecordResult<UnifiedUser> | null, Client>;
  update?: Operation<UpdateUserParameters, RecordResult<UnifiedUser> | null, Client>;
  delete?: Operation<DeleteUserParameters, DeleteUserResult, Client>;
}

export interface GroupOperationsV1<Client> {
  list?: Operation<ListGroupsParameters, ListResult<UnifiedGroup>, Client>;
  get?: Operation<GetGroupParameters, RecordResult<UnifiedGroup>, Client>;
  create?: Operation<CreateGroupParameters, RecordResult<UnifiedGroup> | null, Client>;
  update?: Operation<UpdateGroupParameters, RecordResult<UnifiedGroup> | null, Client>;
  delete?: Operation<DeleteGroupParameters, DeleteResult, Client>;
  /** `POST /groups/add-user`: exactly one provider call that adds the membership. */
  addUser?: Operation<GroupMembershipParameters, MembershipResult, Client>;
  /** `POST /groups/remove-user`: exactly one provider call that removes the membership, never another's. */
  removeUser?: Operation<GroupMembershipParameters, MembershipResult, Client>;
}

/** A resource that is only read: list and get. */
export interface ReadOperationsV1<ListParameters, Unified, Client> {
  list?: Operation<ListParameters, ListResult<Unified>, Client>;
  get?: Operation<GetResourceParameters, RecordResult<Unified>, Client>;
}

/** A resource that is only listed. */
export interface ListOperationV1<ListParameters, Unified, Client> {
  list?: Operation<ListParameters, ListResult<Unified>, Client>;
}

/** A page of a raw resource: the provider's records untouched. */
export interface RawListResult {
  records: Array<Record<string, unknown>>;
  /** Opaque (signed by the connector, like unified cursors); null on the last page. */
  nextCursor: string | null;
}

/** What a raw list receives; the provider query given as `remote_query` is in `context.remoteQuery`. */
export interface RawListParameters {
  cursor?: string;
  /** Page size the caller asked for; the connector clamps it to what the provider allows. */
  limit?: number;
}

/**
 * A provider collection served untouched through `/proxy/{name}` (Truto's proxy API), reached only at the
 * path the connector names and through its client: the same auth, retry and host rules as unified calls.
 * There is no arbitrary URL passthrough.
 */
export interface RawResourceV1<Client = unknown> {
  /** The provider endpoint, for people and the docs: `GET /v1.0/users`. */
  readonly providerPath: string;
  readonly description?: string;
  list?(parameters: RawListParameters, context: OperationContext<Client>): Promise<RawListResult>;
  get?(parameters: { id: string }, context: OperationContext<Client>): Promise<Record<string, unknown>>;
  /**
   * Writes send the caller's body as the provider's own (no mapping) and answer what the provider
   * answered (`{ id }` when it answers no body). They honour `context.dryRun` like unified writes, and
   * a delete must be exact: one DELETE, a 404 on its retry is `already_done`.
   */
  create?(
    parameters: { body: Record<string, unknown> },
    context: OperationContext<Client>,
  ): Promise<Record<string, unknown>>;
  update?(
    parameters: { id: string; body: Record<string, unknown> },
    context: OperationContext<Client>,
  ): Promise<Record<string, unknown>>;
  delete?(parameters: { id: string }, context: OperationContext<Client>): Promise<DeleteResult>;
}

/**
 * The contract every user-directory connector implements, ours or a third party's. Changing it is a
 * breaking change: a v2 will live beside it and the runtime will adapt v1 connectors.
 */
export interface UserDirectoryConnectorV1<Credentials = unknown, Settings = unknown, Client = unknown> {
  readonly specificationVersion: 'v1';
  /** Lower-case, dash-separated, unique: `azure-ad`. It is the `integration` of an integrated account. */
  readonly id: string;
  readonly displayName: string;
  /** Validates what `POST /integrated-accounts` receives as `credentials`. Every value is secret. */
  readonly credentialsSchema: z.ZodType<Credentials>;
  /** Validates `settings`; includes `base_url` and, where tokens are obtained, `token_url`. */
  readonly settingsSchema: z.ZodType<Settings>;
  /** The hosts `base_url` and `token_url` may name without the operator allowing more (national clouds included). */
  readonly providerHosts: readonly string[];
  readonly manifest: CapabilityManifest;
  /** Builds the account's client: its HTTP access bound to its auth, with the token cache inside. */
  createClient(account: ConnectorAccount<Credentials, Settings>, environment: ConnectorEnvironment): Client;
  readonly users?: UserOperationsV1<Client>;
  readonly groups?: GroupOperationsV1<Client>;
  readonly roles?: ReadOperationsV1<ListRolesParameters, UnifiedRole, Client>;
  readonly role_assignments?: ListOperationV1<ListRoleAssignmentsParameters, UnifiedRoleAssignment, Client>;
  readonly licenses?: ReadOperationsV1<ListLicensesParameters, UnifiedLicense, Client>;
  readonly organizations?: ReadOperationsV1<ListOrganizationsParameters, UnifiedOrganization, Client>;
  readonly workspaces?: ReadOperationsV1<ListWorkspacesParameters, UnifiedWorkspace, Client>;
  /** The identity the account acts as: a list of one (or of the few identities a connection combines). */
  readonly me?: ListOperationV1<ListMeParameters, UnifiedMe, Client>;
  /** Audit events, newest first where the provider allows. */
  readonly activities?: ListOperationV1<ListActivitiesParameters, UnifiedActivity, Client>;
  /** Provider collections served untouched at `/proxy/{name}` (optional; additive to v1). */
  readonly rawResources?: Readonly<Record<string, RawResourceV1<Client>>>;
}

/** A connector of any credentials, settings and client type, as a host holds it. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds connectors whose type parameters it cannot know.
export type AnyUserDirectoryConnectorV1 = UserDirectoryConnectorV1<any, any, any>;

/** A running fake of a connector's provider, seeded, for sandbox accounts and tests. */
export interface ConnectorSandbox {
  /** Credentials and settings that make the connector talk to this fake. */
  credentials: Record<string, unknown>;
  settings: Record<string, unknown>;
  close(): Promise<void>;
}

export interface ConnectorSandboxOptions {
  /** How many seeded users; groups scale with it. */
  users?: number;
  /** The seed of the deterministic data. */
  seed?: number;
  /**
   * Serve the fake from this shared loopback listener instead of a listener of its own (testkit's
   * `startFakeServerHost`), so a host running many sandboxes holds one socket for all of them.
   */
  host?: SandboxListenerHost;
}

/** One loopback listener that many sandbox fakes are mounted on, each under a path of its own. */
export interface SandboxListenerHost {
  /** Mounts a request listener; requests to `url` and below reach it with that prefix removed. */
  mount(listener: (request: IncomingMessage, response: ServerResponse) => void): SandboxMount;
}

export interface SandboxMount {
  /** The mounted listener's base URL: `http://127.0.0.1:<port>/<prefix>`. */
  url: string;
  unmount(): void;
}

/** What a connector package's `./testing` entry exports so a host can open sandbox accounts. */
export type StartConnectorSandbox = (options?: ConnectorSandboxOptions) => Promise<ConnectorSandbox>;
