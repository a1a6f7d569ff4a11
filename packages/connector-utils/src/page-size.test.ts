import { expect, it } from 'vitest';
import { pageSizeFor } from './page-size.js';

it.each([
  [undefined, 100],
  [20, 20],
  [999, 999],
  [5000, 999],
])('limit %s asks for a page of %s', (limit, expected) => {
  expect(pageSizeFor(limit, { default: 100, maximum: 999 })).toBe(expected);
});
