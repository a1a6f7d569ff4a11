import { describe, expect, it } from 'vitest';
import { classifyAddress } from './ip-address.js';

describe('classifyAddress', () => {
  it.each([
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::ffff:0:a9fe:a9fe', 'metadata'],
    ['64:ff9b:1::10.0.0.1', 'private'],
    ['64:ff9b:1:abcd::1', 'private'],
    ['fec0::1', 'private'],
    ['feff::1', 'private'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['::ffff:10.1.2.3', 'private'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(classifyAddress(address)).toBe(reason);
  });

  it.each(['2001:4860::1', '2606:4700::1111', '8.8.8.8', '64:ff9b::808:808'])(
    'lets the public address %s through',
    (address) => {
      expect(classifyAddress(address)).toBeUndefined();
    },
  );
});
