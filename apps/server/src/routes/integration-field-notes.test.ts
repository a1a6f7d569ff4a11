import type { CapabilityManifest } from '@unidir/core';
import { describe, expect, it } from 'vitest';
import { collectFieldNotes } from './integration-field-notes.js';

describe('collectFieldNotes', () => {
  const manifest: CapabilityManifest = {
    users: {
      list: { parameters: {}, fields: { id: {}, emails: { notes: 'primaryEmail, then aliases' } } },
      get: { parameters: {}, fields: { id: {}, emails: { notes: 'primaryEmail, then aliases' } } },
      delete: { parameters: {}, fields: { emails: { notes: 'As the user was before the delete' } } },
      update: { parameters: {}, fields: { emails: { notes: 'primaryEmail, then aliases' } } },
    },
    groups: {
      list: { parameters: {}, fields: { name: { notes: 'displayName' } } },
      get: { parameters: {}, fields: { name: { notes: 'displayName' } } },
    },
    roles: { list: { parameters: {}, fields: { id: {} } } },
  };

  it('states a note the operations agree on once, and leaves out fields and resources without notes', () => {
    const notes = collectFieldNotes(manifest);
    expect(notes.groups).toEqual({ name: 'displayName' });
    expect(notes.users?.id).toBeUndefined();
    expect(notes).not.toHaveProperty('roles');
  });

  it('keeps each distinct note once, with the operations that state it, when operations disagree', () => {
    expect(collectFieldNotes(manifest).users?.emails).toBe(
      'primaryEmail, then aliases (list, get, update) | As the user was before the delete (delete)',
    );
  });
});
