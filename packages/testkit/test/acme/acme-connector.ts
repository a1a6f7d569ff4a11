import {
  defineConnectorV1,
  InvalidCursorError,
  type OperationContext,
  type RecordResult,
  type UnifiedUser,
  type UserWrite,
  ValidationError,
} from '@unidir/core';
import { z } from 'zod';
import type { AcmeUserJson } from './acme-fake.js';
import { type AcmeHttp, createAcmeHttp } from './acme-http.js';

/** Deliberate bugs, each of which the conformance suite must catch (see conformance-detects-defects.test.ts). */
export type AcmeDefect =
  | 'duplicates-page-boundary'
  | 'malformed-record'
  | 'ignores-remote-query'
  | 'leaks-secret'
  | 'reads-before-delete'
  | 'ignores-conflicting-delete-options'
  | 'no-retry'
  | 'blind-delete-retry'
  | 'manifest-overclaims';

const userFields = {
  id: {},
  first_name: {},
  last_name: {},
  name: {},
  title: {},
  username: {},
  emails: {},
  phones: {},
  status: {},
  user_type: {},
  timezone: {},
  created_at: {},
  updated_at: {},
  last_login_at: {},
  remote_data: {},
};

function toUnified(user: AcmeUserJson): RecordResult<UnifiedUser> {
  return {
    raw: user,
    unified: {
      id: user.id,
      first_name: user.first_name,
      last_name: user.last_name,
      name: user.display_name,
      title: user.title,
      username: user.username,
      emails: [{ email: user.email, is_primary: true, type: 'work' }],
      phones: [{ number: user.phone, type: 'work' }],
      status: user.status === 'suspended' ? 'inactive' : 'active',
      user_type: user.is_admin ? 'admin' : 'end_user',
      timezone: user.timezone,
      created_at: user.created_at,
      updated_at: user.updated_at,
      ...(user.last_login_at ? { last_login_at: user.last_login_at } : {}),
      remote_data: { ...user },
    },
  };
}

function toAcme(body: Partial<UserWrite>): Record<string, string | undefined> {
  return {
    first_name: body.first_name,
    last_name: body.last_name,
    display_name: body.name,
    title: body.title,
    username: body.username,
    email: body.emails?.find((email) => email.is_primary)?.email ?? body.emails?.[0]?.email,
  };
}

const cursorSchema = z.object({ v: z.literal(1), token: z.string() });

function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString())).token;
  } catch (error) {
    throw new InvalidCursorError({
      message: 'This cursor was not issued by the acme connector.',
      cause: error,
    });
  }
}

const encodeCursor = (token: string) => Buffer.from(JSON.stringify({ v: 1, token })).toString('base64url');

function withDuplicatedBoundary(token: string): string {
  return Buffer.from(String(Number(Buffer.from(token, 'base64url').toString()) - 1)).toString('base64url');
}

export function createAcmeConnector(options: { id?: string; defects?: readonly AcmeDefect[] } = {}) {
  const defects = options.defects ?? [];
  const call = <Body>(context: OperationContext<AcmeHttp>, request: Parameters<AcmeHttp['call']>[0]) =>
    context.client.call<Body>(request, context as OperationContext<unknown>);
  const listFields = defects.includes('manifest-overclaims') ? { ...userFields, avatar: {} } : userFields;

  return defineConnectorV1({
    specificationVersion: 'v1',
    id: options.id ?? 'acme',
    displayName: 'Acme',
    credentialsSchema: z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) }),
    settingsSchema: z.object({ base_url: z.url(), token_url: z.url() }),
    providerHosts: ['api.acme.test'],
    manifest: {
      users: {
        list: { parameters: { email: { notes: 'Exact, case-insensitive.' } }, fields: listFields },
        get: { parameters: {}, fields: userFields },
        create: { parameters: {}, fields: userFields },
        update: { parameters: {}, fields: userFields },
        delete: {
          parameters: {
            permanent: { notes: 'Purges the user; otherwise Acme keeps it restorable.' },
            remove_from: { values: ['group'], notes: 'Removes the membership only; the user stays.' },
            remove_from_id: { notes: 'The group, required with remove_from.' },
          },
          fields: { id: {} },
        },
      },
    },
    createClient: (account, environment) => {
      if (!environment.allowInsecureProviderUrls && !account.settings.base_url.startsWith('https://')) {
        throw new ValidationError({ message: 'Acme base_url must be https.' });
      }
      return createAcmeHttp({
        baseUrl: account.settings.base_url,
        tokenUrl: account.settings.token_url,
        clientId: account.credentials.client_id,
        clientSecret: account.credentials.client_secret,
        defects,
      });
    },
    users: {
      async list(parameters, context) {
        const pageToken = decodeCursor(parameters.cursor);
        const answer = await call<{ users: AcmeUserJson[]; next_page_token?: string }>(context, {
          method: 'GET',
          path: ['users'],
          query: {
            ...(defects.includes('ignores-remote-query') ? {} : parameters.remote_query),
            page_size: String(Math.min(parameters.limit ?? 20, 100)),
            page_token: pageToken,
            email: parameters.email,
          },
        });
        const next = answer.body.next_page_token;
        return {
          records: answer.body.users.map(toUnified).map((record) =>
            defects.includes('malformed-record')
              ? {
                  ...record,
                  unified: { ...record.unified, emails: record.unified.emails?.[0]?.email as never },
                }
              : record,
          ),
          nextCursor: next
            ? encodeCursor(defects.includes('duplicates-page-boundary') ? withDuplicatedBoundary(next) : next)
            : null,
        };
      },
      async get(parameters, context) {
        const answer = await call<AcmeUserJson>(context, { method: 'GET', path: ['users', parameters.id] });
        return toUnified(answer.body);
      },
      async create(parameters, context) {
        const answer = await call<AcmeUserJson>(context, {
          method: 'POST',
          path: ['users'],
          body: toAcme(parameters.body),
        });
        return answer.outcome === 'planned' ? null : toUnified(answer.body);
      },
      async update(parameters, context) {
        const answer = await call<AcmeUserJson>(context, {
          method: 'PATCH',
          path: ['users', parameters.id],
          body: toAcme(parameters.body),
        });
        return answer.outcome === 'planned' ? null : toUnified(answer.body);
      },
      async delete(parameters, context) {
        const outcome = (answer: { outcome: string }) =>
          answer.outcome === 'planned'
            ? 'planned'
            : answer.outcome === 'already_done'
              ? 'already_done'
              : 'done';
        if (parameters.remove_from === 'group') {
          if (!parameters.remove_from_id) {
            throw new ValidationError({
              message: 'remove_from=group needs remove_from_id.',
              code: 'missing_parameter',
            });
          }
          if (parameters.permanent && !defects.includes('ignores-conflicting-delete-options')) {
            throw new ValidationError({ message: 'remove_from and permanent cannot be combined.' });
          }
          const answer = await call(context, {
            method: 'DELETE',
            path: ['groups', parameters.remove_from_id, 'members', parameters.id],
            idempotent: true,
            notFoundOnRetryMeansDone: true,
          });
          return {
            id: parameters.id,
            actions: [
              { action: 'remove_from_group', target: parameters.remove_from_id, outcome: outcome(answer) },
            ],
          };
        }
        if (defects.includes('reads-before-delete'))
          await call(context, { method: 'GET', path: ['users', parameters.id] });
        const answer = await call(context, {
          method: 'DELETE',
          path: ['users', parameters.id],
          query: { permanent: parameters.permanent ? 'true' : undefined },
          idempotent: true,
          notFoundOnRetryMeansDone: true,
        });
        const action = parameters.permanent ? 'permanent_delete' : 'soft_delete';
        return { id: parameters.id, actions: [{ action, target: parameters.id, outcome: outcome(answer) }] };
      },
    },
  });
}
