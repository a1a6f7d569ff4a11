import { describe, expect, it } from 'vitest';
import { supportedParameterNames } from './capability-manifest.js';
import { computeManifestCoverage } from './manifest-coverage.js';

const graphLike = {
  id: 'graph-like',
  manifest: {
    users: {
      delete: {
        parameters: {
          remove_from: { values: ['group'] },
          remove_from_id: { required: true, notes: 'Required with remove_from.' },
          permanent: { notes: 'Soft delete, then purge from deletedItems.' },
        },
        fields: { id: {} },
      },
      list: { parameters: { email: {} }, fields: { id: {}, emails: {}, 'emails.email': {} } },
    },
  },
};
const googleLike = {
  id: 'google-like',
  manifest: {
    users: {
      delete: {
        parameters: { group_id: {}, remove_from: {}, remove_from_id: { required: true } },
        fields: { id: {} },
      },
    },
    groups: { list: { parameters: {}, fields: { id: {}, name: {} } } },
  },
};

describe('computeManifestCoverage', () => {
  const coverage = computeManifestCoverage([graphLike, googleLike]);

  it('counts supporting and requiring connectors per parameter', () => {
    expect(coverage.users?.delete?.parameters.remove_from_id).toMatchObject({
      supported: 2,
      required: 2,
      integrations: ['graph-like', 'google-like'],
    });
    expect(coverage.users?.delete?.parameters.permanent).toMatchObject({ supported: 1, required: 0 });
    expect(coverage.users?.delete?.parameters.group_id?.integrations).toEqual(['google-like']);
  });

  it('collects notes with the integration they belong to', () => {
    expect(coverage.users?.delete?.parameters.permanent?.notes).toEqual([
      { integration: 'graph-like', note: 'Soft delete, then purge from deletedItems.' },
    ]);
  });

  it('tells accepting only some values apart from full support', () => {
    expect(coverage.users?.delete?.parameters.remove_from?.restricted).toEqual([
      { integration: 'graph-like', values: ['group'] },
    ]);
    expect(coverage.users?.delete?.parameters.group_id?.restricted).toEqual([]);
  });

  it('counts fields, nested ones by their dotted path, and operations per resource', () => {
    expect(coverage.users?.list?.fields['emails.email']?.supported).toBe(1);
    expect(coverage.users?.delete?.supported).toBe(2);
    expect(coverage.users?.list?.supported).toBe(1);
    expect(coverage.groups?.list?.fields.name?.integrations).toEqual(['google-like']);
    expect(coverage.groups?.get).toBeUndefined();
  });

  it('is empty for no connectors', () => {
    expect(computeManifestCoverage([])).toEqual({});
  });
});

describe('supportedParameterNames', () => {
  it('adds the universal parameters and leaves out nested names', () => {
    expect(supportedParameterNames('list', graphLike.manifest.users.list).sort()).toEqual(
      ['cursor', 'email', 'limit', 'remote_query'].sort(),
    );
    expect(supportedParameterNames('delete', graphLike.manifest.users.delete)).toContain('remote_query');
    expect(supportedParameterNames('delete', graphLike.manifest.users.delete)).not.toContain('limit');
  });
});
