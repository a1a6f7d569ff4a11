import { ValidationError } from '@unidir/core';

/**
 * A `mailNickname` Graph accepts, from a name or an address's local part: at most 64 ASCII characters
 * without spaces, @ ( ) \ [ ] " ; : < > and commas (accents are dropped, not refused).
 */
export function mailNicknameOf(text: string, source: string): string {
  const nickname = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]/g, '')
    .slice(0, 64);
  if (!nickname) {
    throw new ValidationError({
      message: `${source} must have ASCII letters or digits usable as mailNickname.`,
      code: 'invalid_body',
    });
  }
  return nickname;
}
