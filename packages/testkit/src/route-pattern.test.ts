import { describe, expect, it } from 'vitest';
import { compileRoutePattern } from './route-pattern.js';

describe('compileRoutePattern', () => {
  it('matches :name segments and decodes them', () => {
    const match = compileRoutePattern('/v1.0/users/:id/memberOf');
    expect(match('/v1.0/users/ada%40example.test/memberOf')).toEqual({ id: 'ada@example.test' });
    expect(match('/v1.0/users//memberOf')).toBeUndefined();
    expect(match('/v1.0/users/1')).toBeUndefined();
    expect(match('/v1.0/users/1/memberOf/extra')).toBeUndefined();
  });

  it('keeps literal segments literal', () => {
    const match = compileRoutePattern('/groups/:groupId/members/:userId/$ref');
    expect(match('/groups/g/members/u/$ref')).toEqual({ groupId: 'g', userId: 'u' });
    expect(match('/groups/g/members/u/ref')).toBeUndefined();
  });

  it('lets a trailing *rest take the remainder, slashes included, possibly empty', () => {
    const match = compileRoutePattern('/files/*rest');
    expect(match('/files/a/b%20c/d')).toEqual({ rest: 'a/b c/d' });
    expect(match('/files/')).toEqual({ rest: '' });
    expect(match('/other/a')).toBeUndefined();
  });

  it('leaves a malformed percent escape as it came', () => {
    expect(compileRoutePattern('/users/:id')('/users/%E0%A4%A')).toEqual({ id: '%E0%A4%A' });
  });

  it('refuses a *rest that does not end the pattern', () => {
    expect(() => compileRoutePattern('/files/*rest/more')).toThrow(/may only end/);
  });
});
