import { describe, expect, it } from 'vitest';
import { deleteUserParametersSchema, listUsersParametersSchema } from './operation-parameters.js';

describe('operation parameters', () => {
  it('accepts every option of the seed Delete Users call, as a query string delivers them', () => {
    const parsed = deleteUserParametersSchema.parse({
      id: '23423523',
      remove_from: 'group',
      remove_from_id: 'g1',
      group_id: 'g1',
      organization_id: 'o1',
      workspace_id: 'w1',
      emails: [{ email: 'ada@contoso.com', is_primary: 'true', type: 'work' }],
      product: 'azure_active_directory',
      user_type: 'end_user',
      permanent: 'true',
    });
    expect(parsed.permanent).toBe(true);
    expect(parsed.emails?.[0]).toEqual({ email: 'ada@contoso.com', is_primary: true, type: 'work' });
  });

  it('refuses values outside the seed enums', () => {
    expect(deleteUserParametersSchema.safeParse({ id: 'u1', remove_from: 'workspace' }).success).toBe(false);
    expect(deleteUserParametersSchema.safeParse({ id: 'u1', product: 'exchange' }).success).toBe(false);
    expect(deleteUserParametersSchema.safeParse({ id: 'u1', user_type: 'guest' }).success).toBe(false);
    expect(deleteUserParametersSchema.safeParse({ id: 'u1', permanent: 'maybe' }).success).toBe(false);
    expect(deleteUserParametersSchema.safeParse({ id: '' }).success).toBe(false);
  });

  it('coerces limit and reads created_at comparisons', () => {
    const parsed = listUsersParametersSchema.parse({
      limit: '100',
      created_at: { gte: '2026-01-01T00:00:00.000Z' },
      group_id: 'g1',
    });
    expect(parsed.limit).toBe(100);
    expect(parsed.created_at?.gte).toBe('2026-01-01T00:00:00.000Z');
  });

  it('refuses a page size out of range, an unknown comparison and an empty comparison', () => {
    expect(listUsersParametersSchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(listUsersParametersSchema.safeParse({ limit: '5000' }).success).toBe(false);
    expect(
      listUsersParametersSchema.safeParse({ created_at: { eq: '2026-01-01T00:00:00.000Z' } }).success,
    ).toBe(false);
    expect(listUsersParametersSchema.safeParse({ created_at: {} }).success).toBe(false);
    expect(listUsersParametersSchema.safeParse({ created_at: { gt: 'yesterday' } }).success).toBe(false);
  });
});
