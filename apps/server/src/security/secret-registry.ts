import { createSecretRedactor, type SecretRedactor } from '@unidir/connector-utils';

/** Values shorter than this are not scrubbed by value: they would mangle ordinary words. */
const minimumSecretLength = 6;
/**
 * Access tokens kept per account: the latest few (one per token cache key, and the one before a refresh). An
 * older one has expired, and keeping every token ever obtained would grow the scrubbing work for the life of
 * the process.
 */
const keptAccessTokens = 8;

/** The account a secret belongs to; its secrets are scrubbed only from what that account's calls produce. */
export interface SecretScope {
  tenantId: string;
  accountId: string;
}

interface AccountSecrets {
  tenantId: string;
  values: Set<string>;
  /** Oldest first. */
  accessTokens: string[];
  /** Built on first use after the values last changed: every record of every call is scrubbed with it. */
  redactor?: SecretRedactor;
}

/**
 * The secret values this process holds (decrypted credentials, obtained access tokens), per account. A
 * value is scrubbed only from the responses and log lines of the account that owns it, and only inside
 * string values of a parsed structure: one tenant's credentials can neither alter another tenant's
 * answers nor turn a JSON line into something else.
 */
export class SecretRegistry {
  readonly #accounts = new Map<string, AccountSecrets>();

  /** Replaces the secrets held for the account with the strings found in `value`. */
  set(scope: SecretScope, value: unknown): void {
    this.#accounts.delete(scope.accountId);
    this.add(scope, value);
  }

  add(scope: SecretScope, value: unknown): void {
    const held = this.#heldFor(scope);
    const count = held.values.size;
    collectStrings(value, held.values);
    if (held.values.size !== count) held.redactor = undefined;
  }

  /** An access token obtained for the account; only the latest few are kept. */
  addAccessToken(scope: SecretScope, token: string): void {
    const held = this.#heldFor(scope);
    if (token.length < minimumSecretLength || held.accessTokens.includes(token)) return;
    held.accessTokens.push(token);
    if (held.accessTokens.length > keptAccessTokens) held.accessTokens.shift();
    held.redactor = undefined;
  }

  #heldFor(scope: SecretScope): AccountSecrets {
    let held = this.#accounts.get(scope.accountId);
    if (!held || held.tenantId !== scope.tenantId) {
      held = { tenantId: scope.tenantId, values: new Set(), accessTokens: [] };
      this.#accounts.set(scope.accountId, held);
    }
    return held;
  }

  delete(accountId: string): void {
    this.#accounts.delete(accountId);
  }

  /** The account's secrets; with a tenant, none unless the account belongs to that tenant. */
  secretsOf(accountId: string, tenantId?: string): readonly string[] {
    const held = this.#accounts.get(accountId);
    if (!held || (tenantId !== undefined && held.tenantId !== tenantId)) return [];
    return [...held.values, ...held.accessTokens];
  }

  /** `value` with no account secret left in its strings (parts that held none are not copied). */
  redact<T>(value: T, scope: SecretScope | undefined): T {
    if (!scope) return value;
    const redactor = this.#redactorOf(scope.accountId, scope.tenantId);
    return redactor === undefined ? value : (redactor.deep(value) as T);
  }

  #redactorOf(accountId: string, tenantId?: string): SecretRedactor | undefined {
    const held = this.#accounts.get(accountId);
    if (!held || (tenantId !== undefined && held.tenantId !== tenantId)) return undefined;
    const secrets = [...held.values, ...held.accessTokens];
    if (secrets.length === 0) return undefined;
    held.redactor ??= createSecretRedactor(secrets);
    return held.redactor;
  }

  /**
   * One JSON log line scrubbed of the secrets of the account it names (`integrated_account_id`), parsed
   * and written again so the result is JSON whatever the secrets look like.
   */
  redactLogLine(line: string): string {
    if (!line.includes('"integrated_account_id"')) return line;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return line;
    }
    const accountId = (parsed as { integrated_account_id?: unknown }).integrated_account_id;
    if (typeof accountId !== 'string') return line;
    const redactor = this.#redactorOf(accountId);
    if (redactor === undefined) return line;
    return `${JSON.stringify(redactor.deep(parsed))}\n`;
  }
}

/**
 * Credential fields that name things rather than prove anything: a tenant, an app, a service account, a
 * user. Their values appear in ordinary provider data (Graph writes the tenant id into every user's
 * organizations), so scrubbing them would corrupt answers while hiding nothing. Every other field, whatever
 * its name, is treated as a secret.
 */
const identifyingCredentialFields: ReadonlySet<string> = new Set([
  'tenant_id',
  'client_id',
  'client_email',
  'app_id',
  'installation_id',
  'key_id',
  'private_key_id',
  'certificate_thumbprint',
  'subject',
  'username',
  'org_url',
  'base_url',
  'organizations',
  'expires_at',
]);

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length >= minimumSecretLength) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [name, item] of Object.entries(value)) {
      if (!identifyingCredentialFields.has(name)) collectStrings(item, into);
    }
  }
}
