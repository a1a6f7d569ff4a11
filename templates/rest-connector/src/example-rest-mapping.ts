import type { RecordResult, UnifiedGroup, UnifiedUser } from '@unidir/core';

/** A user as the Example REST API answers it. */
export interface ExampleRestUser {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  title: string;
  state: 'active' | 'suspended';
  role: 'owner' | 'member';
  created_at: string;
}

export interface ExampleRestGroup {
  id: string;
  name: string;
  description: string;
}

export function mapUser(user: ExampleRestUser): RecordResult<UnifiedUser> {
  return {
    raw: user,
    unified: {
      id: user.id,
      first_name: user.first_name,
      last_name: user.last_name,
      name: `${user.first_name} ${user.last_name}`,
      title: user.title,
      username: user.email,
      emails: [{ email: user.email, is_primary: true, type: 'work' }],
      status: user.state === 'suspended' ? 'inactive' : 'active',
      user_type: user.role === 'owner' ? 'admin' : 'end_user',
      created_at: user.created_at,
    },
  };
}

export function mapGroup(group: ExampleRestGroup): RecordResult<UnifiedGroup> {
  return { raw: group, unified: { id: group.id, name: group.name, description: group.description } };
}
