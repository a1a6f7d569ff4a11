const redactedMarker = '[REDACTED]';

/** Secrets shorter than this are too likely to match ordinary text; they are never put in messages anyway. */
const minimumSecretLength = 4;

/** Scrubs one account's secrets; built once per set of secrets, because it runs on every string of a record. */
export interface SecretRedactor {
  /** `text` with every occurrence of each secret (and its URL-encoded form) replaced. */
  text(text: string): string;
  /**
   * `value` with every string inside it (keys included) scrubbed. Parts that contain no secret are returned
   * as they are, so a record without secrets is not copied.
   */
  deep(value: unknown): unknown;
}

/** Each secret, then its URL-encoded form where that differs: the order the replacements are made in. */
function formsOf(secrets: readonly string[]): string[] {
  const forms: string[] = [];
  for (const secret of secrets) {
    if (secret.length < minimumSecretLength) continue;
    forms.push(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) forms.push(encoded);
  }
  return forms;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function createSecretRedactor(secrets: readonly string[]): SecretRedactor {
  const forms = formsOf(secrets);
  const shortestForm = forms.reduce((shortest, form) => Math.min(shortest, form.length), Infinity);

  const text = (value: string): string => {
    // Most strings of a record (keys, flags, short names) are shorter than any secret.
    if (value.length < shortestForm) return value;
    let redacted = value;
    for (const form of forms) {
      if (redacted.includes(form)) redacted = redacted.split(form).join(redactedMarker);
    }
    return redacted;
  };

  const copyOf = (value: object): Record<string, unknown> =>
    Object.fromEntries(Object.entries(value).map(([key, item]) => [text(key), deep(item)]));

  const deep = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        const redacted = deep(item);
        if (copy === undefined && redacted !== item) copy = value.slice(0, index);
        copy?.push(redacted);
      }
      return copy ?? value;
    }
    // Anything but a plain object (a class instance) is rebuilt from its own enumerable fields, as it always was.
    if (!isPlainObject(value)) return copyOf(value);
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (text(key) !== key || deep(item) !== item) return copyOf(value);
    }
    return value;
  };

  return { text, deep };
}

/** Replaces every occurrence of each secret (and its URL-encoded form) in `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return createSecretRedactor(secrets).text(text);
}

/**
 * Scrubs every string inside a parsed JSON value; provider error bodies can echo what we sent. Parts
 * without secrets are returned as they are.
 */
export function redactSecretsDeep(value: unknown, secrets: readonly string[]): unknown {
  return createSecretRedactor(secrets).deep(value);
}
