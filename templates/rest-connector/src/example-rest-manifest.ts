import type { CapabilityManifest } from '@unidir/core';

const userFields = {
  id: {},
  first_name: {},
  last_name: {},
  name: { notes: 'first_name and last_name joined.' },
  title: {},
  username: { notes: 'The email address.' },
  emails: {},
  status: { notes: 'state: active is active, suspended is inactive.' },
  user_type: { notes: 'role owner is admin, member is end_user.' },
  created_at: {},
  remote_data: {},
};

/** What this connector does, as data: the host refuses anything not declared here before any call. */
export const exampleRestManifest: CapabilityManifest = {
  users: {
    list: {
      parameters: { email: { notes: 'Exact match on the email address (?email=).' } },
      fields: userFields,
      requestCount: '1 per page of up to 100',
    },
    get: { parameters: {}, fields: userFields, requestCount: '1' },
    delete: {
      parameters: {},
      fields: { id: {} },
      requestCount: '1',
      notes:
        'DELETE /users/{id} removes the user for good; a 404 on a retry after a lost answer is already_done.',
    },
  },
  groups: {
    list: { parameters: {}, fields: { id: {}, name: {}, description: {} }, requestCount: '1 per page' },
    addUser: { parameters: {}, fields: {}, requestCount: '1', notes: 'PUT /groups/{id}/members/{user_id}.' },
    removeUser: {
      parameters: {},
      fields: {},
      requestCount: '1',
      notes: 'DELETE /groups/{id}/members/{user_id}.',
    },
  },
};
