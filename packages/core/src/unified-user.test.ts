import { describe, expect, it } from 'vitest';
import { type UnifiedUser, unifiedUserFields, unifiedUserSchema } from './unified-user.js';

const timestamp = '2026-11-28T03:27:51.000Z';

/** One good and one bad value for every field of the seed page; the table must name every field. */
const fieldCases: Record<keyof UnifiedUser, { good: unknown; bad: unknown }> = {
  id: { good: '87d349ed-44d7-43e1-9a83-5f2406dee5bd', bad: '' },
  external_id: { good: 'scim-123', bad: 123 },
  identifiers: { good: { upn: 'ada@contoso.com' }, bad: { upn: 1 } },
  first_name: { good: 'Ada', bad: null },
  last_name: { good: 'Lovelace', bad: ['Lovelace'] },
  name: { good: 'Ada Lovelace', bad: 42 },
  title: { good: 'Analyst', bad: false },
  username: { good: 'ada', bad: {} },
  emails: {
    good: [{ email: 'ada@contoso.com', is_primary: true, type: 'work' }],
    bad: [{ is_primary: true }],
  },
  phones: { good: [{ number: '+1 555 0100', extension: '12', type: 'work' }], bad: [{ number: '' }] },
  status: { good: 'suspended_by_admin', bad: '' },
  is_email_verified: { good: true, bad: 'yes' },
  is_2fa_enabled: { good: false, bad: 1 },
  roles: { good: [{ id: 'r1', name: 'Global Administrator' }], bad: [{ id: 7 }] },
  groups: { good: [{ id: 'g1', name: 'Engineering', organization_id: 'o1' }], bad: [{ name: 'no id' }] },
  organizations: { good: [{ id: 'o1', name: 'Contoso' }], bad: [{}] },
  workspaces: { good: [{ id: 'w1', name: 'Design' }], bad: 'w1' },
  licenses: {
    good: [{ id: 'l1', name: 'E5', last_active_at: timestamp, organization_id: 'o1' }],
    bad: [{ id: 'l1', last_active_at: 'yesterday' }],
  },
  urls: { good: [{ type: 'profile', url: 'https://example.test/ada' }], bad: [{ type: 'profile' }] },
  avatar: { good: 'https://example.test/ada.png', bad: 5 },
  bio: { good: 'Wrote the first program.', bad: [] },
  timezone: { good: 'Europe/London', bad: 0 },
  languages: { good: ['en-GB', 'fr'], bad: 'en-GB' },
  user_type: { good: 'admin', bad: true },
  activated_at: { good: timestamp, bad: '2026-11-28' },
  last_active_at: { good: timestamp, bad: 'now' },
  last_login_at: { good: timestamp, bad: 1764300471000 },
  status_changed_at: { good: timestamp, bad: '2026-11-28T03:27:51+01:00' },
  created_at: { good: timestamp, bad: 'Sat Nov 28 2026' },
  updated_at: { good: timestamp, bad: '' },
  remote_data: { good: { accountEnabled: true }, bad: 'raw' },
};

describe('UnifiedUser', () => {
  it('has exactly the fields of the seed page', () => {
    expect(new Set(unifiedUserFields)).toEqual(new Set(Object.keys(fieldCases)));
  });

  for (const [field, { good, bad }] of Object.entries(fieldCases)) {
    it(`accepts a good ${field} and rejects a bad one`, () => {
      const base = field === 'id' ? {} : { id: 'u1' };
      expect(unifiedUserSchema.safeParse({ ...base, [field]: good }).success).toBe(true);
      const rejected = unifiedUserSchema.safeParse({ ...base, [field]: bad });
      expect(rejected.success).toBe(false);
      expect(rejected.error?.issues[0]?.path[0]).toBe(field);
    });
  }

  it('keeps the unified statuses and passes through a raw provider status', () => {
    for (const status of ['active', 'inactive', 'deleted', 'invited', 'PROVISIONED']) {
      expect(unifiedUserSchema.parse({ id: 'u1', status }).status).toBe(status);
    }
  });

  it('needs nothing but an id', () => {
    expect(unifiedUserSchema.parse({ id: 'u1' })).toEqual({ id: 'u1' });
    expect(unifiedUserSchema.safeParse({ name: 'no id' }).success).toBe(false);
  });
});
