import { describe, expect, it } from 'vitest';
import { createFakeDirectory } from './fake-directory-options.js';

describe('createFakeDirectory', () => {
  it('seeds 25 users in unidir.test when the fake is given nothing', () => {
    const directory = createFakeDirectory({});
    expect(directory.seedUserCount).toBe(25);
    expect(directory.domain).toBe('unidir.test');
  });

  it('seeds what the fake is asked for, on its clock', () => {
    const directory = createFakeDirectory({
      users: 3,
      groups: 2,
      seed: 7,
      domain: 'contoso.test',
      now: () => Date.UTC(2030, 0, 1),
    });
    expect([directory.seedUserCount, directory.groupCount, directory.seed, directory.domain]).toEqual([
      3,
      2,
      7,
      'contoso.test',
    ]);
    const created = directory.createUser({ givenName: 'Ada' });
    expect(created.createdAt).toBe('2030-01-01T00:00:00.000Z');
  });
});
