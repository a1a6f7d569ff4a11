import type { AnyUserDirectoryConnectorV1, ConnectorEnvironment } from '@unidir/core';
import { ValidationError } from '@unidir/core';
import type { IntegratedAccountRecord } from './unified-request.js';
import { describeIssues, summarizeIssues } from './zod-issues.js';

interface CachedClient {
  connector: AnyUserDirectoryConnectorV1;
  version: string | number | undefined;
  client: unknown;
}

function parseAccountPart(
  connector: AnyUserDirectoryConnectorV1,
  part: 'credentials' | 'settings',
  value: unknown,
): unknown {
  const schema = part === 'credentials' ? connector.credentialsSchema : connector.settingsSchema;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = summarizeIssues(result.error);
  throw new ValidationError({
    message: `The integrated account's ${part} do not match what the ${connector.id} connector expects: ${describeIssues(issues)}.`,
    code: `invalid_account_${part}`,
    details: { issues },
  });
}

/**
 * Each account's connector client, built once and reused so its token cache and connections survive
 * between calls. Rebuilt when the account's `version` changes; least recently used clients are dropped
 * beyond `maxEntries`.
 */
export class AccountClientCache {
  readonly #clients = new Map<string, CachedClient>();
  readonly #maxEntries: number;
  readonly #environmentFor: (account: IntegratedAccountRecord) => ConnectorEnvironment;

  constructor(options: {
    maxEntries: number;
    environmentFor: (account: IntegratedAccountRecord) => ConnectorEnvironment;
  }) {
    this.#maxEntries = options.maxEntries;
    this.#environmentFor = options.environmentFor;
  }

  clientFor(connector: AnyUserDirectoryConnectorV1, account: IntegratedAccountRecord): unknown {
    const cached = this.#clients.get(account.id);
    this.#clients.delete(account.id);
    if (cached && cached.connector === connector && cached.version === account.version) {
      this.#clients.set(account.id, cached);
      return cached.client;
    }
    const credentials = parseAccountPart(connector, 'credentials', account.credentials);
    const settings = parseAccountPart(connector, 'settings', account.settings);
    const client = connector.createClient(
      { id: account.id, credentials, settings },
      this.#environmentFor(account),
    );
    this.#clients.set(account.id, { connector, version: account.version, client });
    if (this.#clients.size > this.#maxEntries) {
      const oldest = this.#clients.keys().next().value;
      if (oldest !== undefined) this.#clients.delete(oldest);
    }
    return client;
  }
}
