import { describe, expect, it } from 'vitest';
import { FaultInjector } from './fault-rules.js';

const request = (route: string, method = 'GET', path = `/${route}`) => ({ route, method, path });
const kinds = (injector: FaultInjector, requests: Array<ReturnType<typeof request>>) =>
  requests.map((candidate) => injector.select(candidate)?.kind);

describe('FaultInjector', () => {
  it('applies the first rule that fires while every matching rule counts the request', () => {
    const injector = new FaultInjector(() => 0.5);
    injector.add({ route: 'users.get', nth: [2], fault: { kind: 'reset' } });
    injector.add({ route: 'users.get', nth: [1, 2, 3], fault: { kind: 'truncate' } });
    expect(
      kinds(
        injector,
        [1, 2, 3, 4].map(() => request('users.get')),
      ),
    ).toEqual(['truncate', 'reset', 'truncate', undefined]);
  });

  it('counts nth among matching requests only, and honours times', () => {
    const injector = new FaultInjector(() => 0.5);
    injector.add({ method: 'delete', pathPrefix: '/users/', nth: [2], fault: { kind: 'reset' } });
    injector.add({ route: 'users.list', times: 1, fault: { kind: 'stall' } });
    expect(
      kinds(injector, [
        request('users.delete', 'DELETE', '/users/1'),
        request('users.list'),
        request('groups.delete', 'DELETE', '/groups/1'),
        request('users.delete', 'DELETE', '/users/2'),
        request('users.list'),
      ]),
    ).toEqual([undefined, 'stall', undefined, 'reset', undefined]);
  });

  it('fires by probability with the injected generator and refuses probabilities outside 0..1', () => {
    const draws = [0.05, 0.5, 0.09];
    const injector = new FaultInjector(() => draws.shift() ?? 1);
    injector.add({ probability: 0.1, fault: { kind: 'reset' } });
    expect(kinds(injector, [request('a'), request('a'), request('a')])).toEqual([
      'reset',
      undefined,
      'reset',
    ]);
    expect(() => injector.add({ probability: 1.5, fault: { kind: 'reset' } })).toThrow(RangeError);
  });
});
