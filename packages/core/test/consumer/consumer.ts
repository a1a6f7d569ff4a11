// Compiled by built-package.test.ts against dist/ only: what a third party sees after `npm install @unidir/core`.
import {
  UnidirError,
  type UnifiedUser,
  type UserDirectoryConnectorV1,
  unifiedUserSchema,
} from '@unidir/core';

const user: UnifiedUser = unifiedUserSchema.parse({ id: 'u1', emails: [{ email: 'ada@example.test' }] });
const primaryEmail: string | undefined = user.emails?.[0]?.email;

type ClientOf<Connector> =
  Connector extends UserDirectoryConnectorV1<unknown, unknown, infer Client> ? Client : never;
const specificationVersion: UserDirectoryConnectorV1['specificationVersion'] = 'v1';
const client: ClientOf<UserDirectoryConnectorV1<unknown, unknown, { baseUrl: string }>> = { baseUrl: 'x' };

export const checks = [primaryEmail, specificationVersion, client, UnidirError.isInstance(new Error('x'))];
