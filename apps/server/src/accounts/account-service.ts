import { randomUUID } from 'node:crypto';
import type { AnyUserDirectoryConnectorV1 } from '@unidir/core';
import { NotFoundError, ValidationError } from '@unidir/core';
import type { IntegratedAccountRecord } from '@unidir/runtime';
import type { z } from 'zod';
import type { AllowedProviderHost } from '../config/allowed-provider-hosts.js';
import type { SandboxPolicy } from '../config/sandbox-policy.js';
import { accountAssociatedData, type Encryptor } from '../security/encryption.js';
import { assertAllowedProviderSettings } from '../security/provider-host-policy.js';
import type { SecretRegistry } from '../security/secret-registry.js';
import { ChangeAwareCache } from '../storage/change-aware-cache.js';
import type { AccountRow, Store } from '../storage/store.js';
import {
  type CreateAccountInput,
  createAccountInputSchema,
  describeIssues,
  type UpdateAccountInput,
  updateAccountInputSchema,
} from './account-input.js';
import { assertCredentialsResentForNewHosts, parseAccountPart } from './account-part-parser.js';
import { defaultSandboxUsers, type SandboxManager } from './sandbox-manager.js';

/** What the API shows of an account: never its credentials. */
export interface AccountView {
  id: string;
  integration: string;
  label: string | null;
  created_at: string;
  updated_at: string;
  sandbox: boolean;
  sandbox_users?: number;
  status: AccountRow['status'];
  status_reason?: string;
  settings?: Record<string, unknown>;
}

export function viewAccount(account: AccountRow): AccountView {
  const view: AccountView = {
    id: account.id,
    integration: account.integration,
    label: account.label,
    created_at: account.createdAt,
    updated_at: account.updatedAt,
    sandbox: account.sandbox,
    status: account.status,
  };
  if (account.sandbox) view.sandbox_users = account.sandboxUsers ?? defaultSandboxUsers;
  if (account.statusReason) view.status_reason = account.statusReason;
  if (!account.sandbox) view.settings = account.settings;
  return view;
}

function parseInput<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    throw new ValidationError({
      message: 'The request body is not valid.',
      details: { issues: describeIssues(result.error) },
    });
  }
  return result.data;
}

/** The account record the runtime sees; the tenant travels with it for the credential store. */
export interface ServerAccountRecord extends IntegratedAccountRecord {
  tenantId: string;
  sandbox: boolean;
}

/** The loaded connectors, by id (the runtime's ConnectorRegistry). */
export interface ConnectorCatalog {
  get(id: string): AnyUserDirectoryConnectorV1 | undefined;
  list(): AnyUserDirectoryConnectorV1[];
}

interface CachedRuntimeRecord {
  tenantId: string;
  version: number;
  credentialsEncrypted: string | null;
  record: ServerAccountRecord;
}

/** Decrypted runtime records kept (least recently used dropped beyond it), like the runtime's clients. */
const maxCachedRuntimeRecords = 1000;

export class AccountService {
  /**
   * The runtime record of each recently served account, so a call does not decrypt and re-check the same
   * credentials and settings again. Valid only while the row still has the version and ciphertext it was
   * built from (any change by any process alters one of them); dropped on update and delete.
   */
  readonly #runtimeRecords = new Map<string, CachedRuntimeRecord>();
  /** Account rows by tenant and id, so a unified call reads nothing once its account was read. */
  readonly #rows: ChangeAwareCache<AccountRow>;

  constructor(
    private readonly options: {
      store: Store;
      encryptor: Encryptor;
      registry: ConnectorCatalog;
      sandboxes: SandboxManager;
      secrets: SecretRegistry;
      allowedHosts: readonly AllowedProviderHost[];
      sandboxPolicy: SandboxPolicy;
    },
  ) {
    this.#rows = new ChangeAwareCache({
      changes: options.store.changes,
      table: 'integrated_accounts',
      idOf: (account) => account.id,
    });
  }

  async create(tenantId: string, body: unknown): Promise<AccountRow> {
    const input = parseInput<CreateAccountInput>(createAccountInputSchema, body);
    const connector = this.connector(input.integration);
    const now = new Date().toISOString();
    const account: AccountRow = {
      id: randomUUID(),
      tenantId,
      integration: connector.id,
      label: input.label ?? null,
      sandbox: input.sandbox === true,
      sandboxUsers: null,
      status: 'active',
      statusReason: null,
      credentialsEncrypted: null,
      settings: {},
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    if (account.sandbox) {
      if (input.credentials !== undefined || input.settings !== undefined) {
        throw new ValidationError({
          message: 'A sandbox account takes no credentials or settings: its fake provides them.',
        });
      }
      account.sandboxUsers = input.sandbox_users ?? null;
      // Counted and written under one lock: concurrent creates cannot both pass the per-tenant cap.
      await this.options.store.withLock(`sandbox-accounts:${tenantId}`, () =>
        this.createSandbox(connector.id, account, input.sandbox_users),
      );
      return account;
    }
    if (input.sandbox_users !== undefined) {
      throw new ValidationError({ message: 'sandbox_users applies only with "sandbox": true.' });
    }
    const credentials = this.validateCredentials(connector, input.credentials ?? {});
    account.settings = this.validateSettings(connector, input.settings ?? {});
    account.credentialsEncrypted = this.encryptCredentials(account, credentials);
    await this.options.store.insertAccount(account);
    return account;
  }

  private async createSandbox(integration: string, account: AccountRow, users: number | undefined) {
    await this.assertSandboxAllowed(account.tenantId, users);
    const unavailable = await this.options.sandboxes.unavailableReason(integration);
    if (unavailable !== undefined) {
      throw new ValidationError({
        code: 'sandbox_unavailable',
        message: `The ${integration} integration has no sandbox: ${unavailable}.`,
      });
    }
    // Started before the row is written: a sandbox that fails to start leaves no account behind.
    await this.options.sandboxes.get(account);
    try {
      await this.options.store.insertAccount(account);
    } catch (error) {
      await this.options.sandboxes.close(account.id);
      throw error;
    }
  }

  private async assertSandboxAllowed(tenantId: string, users: number | undefined): Promise<void> {
    const policy = this.options.sandboxPolicy;
    if (!policy.enabled) {
      throw new ValidationError({
        code: 'sandbox_disabled',
        message: 'Sandbox accounts are off on this server (UNIDIR_SANDBOX=off, the default in production).',
      });
    }
    if ((users ?? defaultSandboxUsers) > policy.maxUsers) {
      throw new ValidationError({
        code: 'sandbox_too_large',
        message: `sandbox_users may be at most ${policy.maxUsers} on this server (UNIDIR_SANDBOX_MAX_USERS).`,
      });
    }
    if ((await this.options.store.countSandboxAccounts(tenantId)) >= policy.maxPerTenant) {
      throw new ValidationError({
        code: 'sandbox_limit_reached',
        message: `A tenant may hold ${policy.maxPerTenant} sandbox accounts (UNIDIR_SANDBOX_MAX_PER_TENANT); delete one first.`,
      });
    }
  }

  /** The account as last heard of (see ChangeAwareCache): what calls and reads use. */
  async get(tenantId: string, id: string): Promise<AccountRow> {
    const account = await this.#rows.get(`${tenantId}/${id}`, () =>
      this.options.store.findAccount(tenantId, id),
    );
    return this.found(account, id);
  }

  /** The account as the database holds it now: what a change starts from. */
  private async getFresh(tenantId: string, id: string): Promise<AccountRow> {
    return this.found(await this.options.store.findAccount(tenantId, id), id);
  }

  private found(account: AccountRow | undefined, id: string): AccountRow {
    if (!account) {
      throw new NotFoundError({
        message: `No integrated account ${id}.`,
        resource: 'integrated_accounts',
        id,
      });
    }
    return account;
  }

  async list(
    tenantId: string,
    page: { limit: number; after?: { createdAt: string; id: string } },
  ): Promise<AccountRow[]> {
    return this.options.store.listAccounts(tenantId, page);
  }

  async update(tenantId: string, id: string, body: unknown): Promise<AccountRow> {
    const input = parseInput<UpdateAccountInput>(updateAccountInputSchema, body);
    const account = await this.getFresh(tenantId, id);
    const connector = this.connector(account.integration);
    if (account.sandbox && (input.credentials !== undefined || input.settings !== undefined)) {
      throw new ValidationError({
        message: 'A sandbox account takes no credentials or settings: its fake provides them.',
      });
    }
    const changes: Parameters<Store['updateAccount']>[2] = { updatedAt: new Date().toISOString() };
    if (input.label !== undefined) changes.label = input.label;
    if (input.settings !== undefined) changes.settings = this.validateSettings(connector, input.settings);
    if (input.credentials !== undefined) {
      const credentials = this.validateCredentials(connector, input.credentials);
      changes.credentialsEncrypted = this.encryptCredentials(account, credentials);
      changes.status = 'active';
      changes.statusReason = null;
    }
    if (input.settings !== undefined || input.credentials !== undefined)
      changes.version = account.version + 1;
    if (input.settings !== undefined && input.credentials === undefined)
      assertCredentialsResentForNewHosts(account.settings, input.settings);
    const updated = await this.options.store.updateAccount(tenantId, id, changes);
    // Tokens obtained with the old credentials must not outlive them.
    if (input.credentials !== undefined) await this.options.store.deleteTokens(id);
    this.#runtimeRecords.delete(id);
    if (!updated)
      throw new NotFoundError({
        message: `No integrated account ${id}.`,
        resource: 'integrated_accounts',
        id,
      });
    return updated;
  }

  async delete(tenantId: string, id: string): Promise<AccountRow> {
    const account = await this.getFresh(tenantId, id);
    await this.options.store.deleteAccount(tenantId, id);
    this.#runtimeRecords.delete(id);
    await this.options.sandboxes.close(id);
    this.options.secrets.delete(id);
    return account;
  }

  /** What the runtime needs to serve the account: decrypted credentials, or the running sandbox's. */
  async runtimeRecordFor(account: AccountRow): Promise<ServerAccountRecord> {
    const common = {
      id: account.id,
      tenantId: account.tenantId,
      integration: account.integration,
      version: account.version,
    };
    if (account.sandbox) {
      const sandbox = await this.options.sandboxes.get(account);
      return {
        ...common,
        credentials: sandbox.credentials,
        settings: sandbox.settings,
        allowInsecureProviderUrls: true,
        sandbox: true,
      };
    }
    const cached = this.#runtimeRecords.get(account.id);
    this.#runtimeRecords.delete(account.id);
    if (
      cached &&
      cached.tenantId === account.tenantId &&
      cached.version === account.version &&
      cached.credentialsEncrypted === account.credentialsEncrypted
    ) {
      this.#runtimeRecords.set(account.id, cached);
      return cached.record;
    }
    const record: ServerAccountRecord = {
      ...common,
      credentials: this.decryptCredentials(account),
      settings: account.settings,
      allowInsecureProviderUrls: this.usesOperatorAllowedHttp(account),
      sandbox: false,
    };
    this.#runtimeRecords.set(account.id, {
      tenantId: account.tenantId,
      version: account.version,
      credentialsEncrypted: account.credentialsEncrypted,
      record,
    });
    if (this.#runtimeRecords.size > maxCachedRuntimeRecords) {
      const oldest = this.#runtimeRecords.keys().next().value;
      if (oldest !== undefined) this.#runtimeRecords.delete(oldest);
    }
    return record;
  }

  /**
   * Re-checks the stored provider URLs against the current policy (the operator may have narrowed it
   * since) and tells whether any of them is plain http, which only an operator entry can have allowed.
   */
  private usesOperatorAllowedHttp(account: AccountRow): boolean {
    const connector = this.connector(account.integration);
    assertAllowedProviderSettings(account.settings, connector.providerHosts, this.options.allowedHosts);
    return Object.entries(account.settings).some(
      ([name, value]) => name.endsWith('_url') && typeof value === 'string' && value.startsWith('http:'),
    );
  }

  /** The decrypted credentials, for the runtime only. */
  private decryptCredentials(account: AccountRow): Record<string, unknown> {
    if (!account.credentialsEncrypted) return {};
    const credentials = JSON.parse(
      this.options.encryptor.decrypt(
        account.credentialsEncrypted,
        accountAssociatedData(account.tenantId, account.id, 'credentials'),
      ),
    ) as Record<string, unknown>;
    this.options.secrets.add({ tenantId: account.tenantId, accountId: account.id }, credentials);
    return credentials;
  }

  private connector(integration: string): AnyUserDirectoryConnectorV1 {
    const connector = this.options.registry.get(integration);
    if (!connector) {
      const supported = this.options.registry.list().map((candidate) => candidate.id);
      throw new ValidationError({
        code: 'unknown_integration',
        message: `No integration "${integration}" is loaded. Loaded: ${supported.join(', ') || 'none'}.`,
        details: { integration, supported },
      });
    }
    return connector;
  }

  private validateCredentials(connector: AnyUserDirectoryConnectorV1, credentials: Record<string, unknown>) {
    return parseAccountPart(connector, 'credentials', credentials);
  }

  private validateSettings(connector: AnyUserDirectoryConnectorV1, settings: Record<string, unknown>) {
    // Checked as strictly as credentials, but stored as given: defaults then follow the connector's version.
    parseAccountPart(connector, 'settings', settings);
    assertAllowedProviderSettings(settings, connector.providerHosts, this.options.allowedHosts);
    return settings;
  }

  private encryptCredentials(account: AccountRow, credentials: Record<string, unknown>): string {
    this.options.secrets.set({ tenantId: account.tenantId, accountId: account.id }, credentials);
    return this.options.encryptor.encrypt(
      JSON.stringify(credentials),
      accountAssociatedData(account.tenantId, account.id, 'credentials'),
    );
  }
}
