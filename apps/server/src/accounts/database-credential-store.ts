import type { CredentialStore, StoredToken } from '@unidir/core';
import { NotFoundError } from '@unidir/core';
import { accountAssociatedData, type Encryptor } from '../security/encryption.js';
import type { SecretRegistry } from '../security/secret-registry.js';
import type { Store } from '../storage/store.js';

/**
 * core's CredentialStore over the database: tokens and rotated credentials encrypted at rest and shared
 * by every server process, and locks that hold across processes (T2: one refresh per expiry).
 */
export function createDatabaseCredentialStore(options: {
  store: Store;
  encryptor: Encryptor;
  secrets: SecretRegistry;
  tenantId: string;
  accountId: string;
}): CredentialStore {
  const { store, encryptor, secrets, tenantId, accountId } = options;
  const scope = { tenantId, accountId };
  const tokenData = (cacheKey: string) => accountAssociatedData(tenantId, accountId, `token:${cacheKey}`);
  const credentialsData = accountAssociatedData(tenantId, accountId, 'credentials');

  return {
    async loadToken(cacheKey) {
      const stored = await store.loadToken(accountId, cacheKey);
      if (!stored) return undefined;
      const token = JSON.parse(encryptor.decrypt(stored.encrypted, tokenData(cacheKey))) as StoredToken;
      secrets.addAccessToken(scope, token.accessToken);
      return token;
    },
    async saveToken(cacheKey, token) {
      secrets.addAccessToken(scope, token.accessToken);
      await store.saveToken(
        accountId,
        cacheKey,
        encryptor.encrypt(JSON.stringify(token), tokenData(cacheKey)),
        token.expiresAt,
      );
    },
    async loadCredentials() {
      const account = await store.findAccount(tenantId, accountId);
      if (!account?.credentialsEncrypted) {
        throw new NotFoundError({
          message: 'The integrated account no longer exists.',
          resource: 'integrated_accounts',
          id: accountId,
        });
      }
      const credentials = JSON.parse(
        encryptor.decrypt(account.credentialsEncrypted, credentialsData),
      ) as Record<string, unknown>;
      secrets.add(scope, credentials);
      return credentials;
    },
    async saveCredentials(credentials) {
      secrets.add(scope, credentials);
      await store.updateAccount(tenantId, accountId, {
        credentialsEncrypted: encryptor.encrypt(JSON.stringify(credentials), credentialsData),
        status: 'active',
        statusReason: null,
        updatedAt: new Date().toISOString(),
      });
    },
    withLock(key, task) {
      return store.withLock(`credentials:${accountId}:${key}`, task);
    },
    async markNeedsReauth(reason) {
      await store.updateAccount(tenantId, accountId, {
        status: 'needs_reauth',
        statusReason: reason,
        updatedAt: new Date().toISOString(),
      });
    },
  };
}
