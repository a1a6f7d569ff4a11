import { expect, it } from 'vitest';
import { isFakeResponse } from './is-fake-response.js';

it('tells a fake answer from a found record', () => {
  expect(isFakeResponse({ status: 404, body: { error: 'not found' } })).toBe(true);
  expect(isFakeResponse({ id: 'group-1', name: 'Engineering 1' })).toBe(false);
  expect(isFakeResponse({ status: 'active' })).toBe(false);
  expect(isFakeResponse(undefined)).toBe(false);
});
