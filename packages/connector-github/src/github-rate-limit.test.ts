import { describe, expect, it } from 'vitest';
import { gitHubRetryAfterMs, isGitHubRateLimited } from './github-rate-limit.js';

const now = Date.UTC(2026, 0, 5, 9, 0, 0);
const nowSeconds = now / 1000;

describe('GitHub rate-limit recognition', () => {
  it('tells a primary or secondary limit from a permission 403', () => {
    const primary = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(nowSeconds + 30) };
    expect(isGitHubRateLimited({ status: 403, headers: primary, body: {} })).toBe(true);
    expect(isGitHubRateLimited({ status: 429, headers: primary, body: {} })).toBe(true);
    expect(isGitHubRateLimited({ status: 403, headers: { 'retry-after': '5' }, body: {} })).toBe(true);
    expect(
      isGitHubRateLimited({
        status: 403,
        headers: { 'x-ratelimit-remaining': '4999' },
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes.' },
      }),
    ).toBe(true);
    const permission = { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(nowSeconds + 30) };
    expect(
      isGitHubRateLimited({
        status: 403,
        headers: permission,
        body: { message: 'Must have admin rights to Organization.' },
      }),
    ).toBe(false);
    expect(isGitHubRateLimited({ status: 500, headers: { 'retry-after': '5' }, body: {} })).toBe(false);
  });

  it('waits for retry-after first, else for the reset once the window is spent, else not at all', () => {
    expect(gitHubRetryAfterMs({ 'retry-after': '7', 'x-ratelimit-remaining': '0' }, now)).toBe(7000);
    const reset = String(nowSeconds + 30);
    // The reset is measured against the response's Date, padded by a second for clock rounding.
    expect(
      gitHubRetryAfterMs(
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, date: new Date(now).toUTCString() },
        now,
      ),
    ).toBe(31_000);
    // Every answer carries the reset: it must not make a 500 wait for the next window.
    expect(
      gitHubRetryAfterMs({ 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': reset }, now),
    ).toBeUndefined();
  });
});
