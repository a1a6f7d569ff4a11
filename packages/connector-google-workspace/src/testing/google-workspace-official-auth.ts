import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auth } from '@googleapis/admin';
import type { GoogleWorkspaceFake } from './google-workspace-fake.js';
import { googleTokenAudience } from './google-workspace-fake-token.js';

/**
 * google-auth-library's JWT client, from a service account key file exactly as a Workspace admin would use
 * it. It posts to Google's fixed token URL, so a request interceptor on its transport sends that one URL to
 * the fake's token endpoint; nothing else is changed. For tests of the official clients only.
 */
export function officialServiceAccountAuth(
  fake: GoogleWorkspaceFake,
  scopes: readonly string[],
): { jwt: InstanceType<typeof auth.JWT>; removeKeyFile: () => void } {
  const keyDirectory = mkdtempSync(join(tmpdir(), 'unidir-google-key-'));
  const keyFile = join(keyDirectory, 'service-account.json');
  writeFileSync(
    keyFile,
    JSON.stringify({
      type: 'service_account',
      client_email: fake.credentials.client_email,
      private_key: fake.credentials.private_key,
      private_key_id: fake.credentials.private_key_id,
      token_uri: googleTokenAudience,
    }),
  );
  const jwt = new auth.JWT({ keyFile, subject: fake.adminEmail, scopes: [...scopes] });
  jwt.transporter.interceptors.request.add({
    resolved: async (options) => {
      if (String(options.url) === googleTokenAudience) options.url = new URL(fake.settings.token_url);
      return options;
    },
  });
  return { jwt, removeKeyFile: () => rmSync(keyDirectory, { recursive: true, force: true }) };
}
