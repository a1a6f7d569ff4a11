import type { SecretRedactor } from './redact-secrets.js';

/**
 * Header names that could carry a credential or a session: cookies, authorization and authentication
 * challenges, and anything named like a token, key, secret, password or session.
 */
const secretBearingHeader =
  /cookie|authori[sz]ation|authenticat|token|secret|passw|api-?key|session|credential/i;

/**
 * A provider's response headers as they may be shown to the caller: secret-bearing headers dropped, and the
 * account's own secrets redacted from the values that remain, in case a provider echoes one.
 */
export function shareableHeaders(
  headers: Record<string, string>,
  redactor: SecretRedactor,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !secretBearingHeader.test(name))
      .map(([name, value]) => [name, redactor.text(value)]),
  );
}
