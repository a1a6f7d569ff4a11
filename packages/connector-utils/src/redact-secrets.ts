const redactedMarker = '[REDACTED]';

/** Secrets shorter than this are too likely to match ordinary text; they are never put in messages anyway. */
const minimumSecretLength = 4;

/** Replaces every occurrence of each secret (and its URL-encoded form) in `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret.length < minimumSecretLength) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      redacted = redacted.split(form).join(redactedMarker);
    }
  }
  return redacted;
}

/** Scrubs every string inside a parsed JSON value; provider error bodies can echo what we sent. */
export function redactSecretsDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactSecretsDeep(item, secrets));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        redactSecrets(key, secrets),
        redactSecretsDeep(item, secrets),
      ]),
    );
  }
  return value;
}
