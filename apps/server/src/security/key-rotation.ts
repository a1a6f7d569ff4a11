import { ValidationError } from '@unidir/core';
import type { Store } from '../storage/store.js';
import { accountAssociatedData, type Encryptor } from './encryption.js';

/** Rows checked at start: enough to catch a replaced or regenerated key, cheap on a large table. */
const rowsCheckedAtStart = 100;
const rotationPageSize = 200;

/**
 * Refuses to start when stored credentials were sealed with a key the server does not hold: every
 * account would otherwise fail with 500 decryption_failed, and new rows would mix two keys.
 */
export async function assertKeyringOpensStoredCredentials(store: Store, encryptor: Encryptor): Promise<void> {
  const rows = await store.listEncryptedCredentials({ limit: rowsCheckedAtStart });
  const unreadable = rows.filter((row) => !encryptor.holdsKeyOf(row.credentialsEncrypted));
  if (unreadable.length === 0) return;
  throw new ValidationError({
    code: 'encryption_key_mismatch',
    message:
      'The database holds credentials encrypted with a key this server does not have, so it will not start. ' +
      'Restore the original key (UNIDIR_ENCRYPTION_KEY, or the encryption.key file in UNIDIR_DATA_DIR); ' +
      'after a rotation, list the old key in UNIDIR_PREVIOUS_ENCRYPTION_KEYS until `unidir keys rotate` has finished.',
    details: { variable: 'UNIDIR_ENCRYPTION_KEY' },
  });
}

export interface RotationReport {
  reencrypted: number;
  alreadyCurrent: number;
  /** Changed by another process between read and write: they already hold a fresh ciphertext. */
  changedMeanwhile: number;
  tokensDropped: number;
}

/**
 * Re-encrypts every stored credential with the current key, page by page, while servers keep running:
 * each row is replaced only if unchanged since it was read. Rows already on the current key are skipped,
 * so an interrupted rotation resumes where it stopped. Cached tokens sealed with old keys are dropped
 * (they are obtained again on next use).
 */
export async function rotateEncryptionKeys(store: Store, encryptor: Encryptor): Promise<RotationReport> {
  const report: RotationReport = { reencrypted: 0, alreadyCurrent: 0, changedMeanwhile: 0, tokensDropped: 0 };
  let afterId: string | undefined;
  for (;;) {
    const rows = await store.listEncryptedCredentials({
      limit: rotationPageSize,
      ...(afterId === undefined ? {} : { afterId }),
    });
    for (const row of rows) {
      if (encryptor.isCurrent(row.credentialsEncrypted)) {
        report.alreadyCurrent += 1;
        continue;
      }
      const associatedData = accountAssociatedData(row.tenantId, row.id, 'credentials');
      const replacement = encryptor.encrypt(
        encryptor.decrypt(row.credentialsEncrypted, associatedData),
        associatedData,
      );
      const replaced = await store.replaceEncryptedCredentials(
        row.tenantId,
        row.id,
        row.credentialsEncrypted,
        replacement,
      );
      if (replaced) report.reencrypted += 1;
      else report.changedMeanwhile += 1;
    }
    if (rows.length < rotationPageSize) break;
    afterId = rows.at(-1)?.id;
  }
  report.tokensDropped = await store.deleteTokensNotEncryptedWith(encryptor.keyId);
  return report;
}
