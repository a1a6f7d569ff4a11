/** Values shorter than this are not scrubbed by value: they would mangle ordinary words. */
const minimumSecretLength = 6;

/**
 * The secret values this process currently holds (decrypted credentials, access tokens). Every log line
 * and every error body is scrubbed of them, whatever field they hide in.
 */
export class SecretRegistry {
  private readonly owners = new Map<string, Set<string>>();
  private readonly counts = new Map<string, number>();

  /** Replaces the secrets held for `owner` (an account id) with those found in `value`. */
  set(owner: string, value: unknown): void {
    this.delete(owner);
    const found = new Set<string>();
    collectStrings(value, found);
    this.owners.set(owner, found);
    for (const secret of found) this.counts.set(secret, (this.counts.get(secret) ?? 0) + 1);
  }

  add(owner: string, value: unknown): void {
    const found = new Set<string>();
    collectStrings(value, found);
    const existing = this.owners.get(owner) ?? new Set<string>();
    for (const secret of found) {
      if (existing.has(secret)) continue;
      existing.add(secret);
      this.counts.set(secret, (this.counts.get(secret) ?? 0) + 1);
    }
    this.owners.set(owner, existing);
  }

  delete(owner: string): void {
    for (const secret of this.owners.get(owner) ?? []) {
      const count = (this.counts.get(secret) ?? 1) - 1;
      if (count <= 0) this.counts.delete(secret);
      else this.counts.set(secret, count);
    }
    this.owners.delete(owner);
  }

  /** The text with every known secret (and its JSON-escaped form) replaced by [REDACTED]. */
  scrub(text: string): string {
    let result = text;
    for (const secret of this.counts.keys()) {
      if (result.includes(secret)) result = result.replaceAll(secret, '[REDACTED]');
      const escaped = JSON.stringify(secret).slice(1, -1);
      if (escaped !== secret && result.includes(escaped)) result = result.replaceAll(escaped, '[REDACTED]');
    }
    return result;
  }
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length >= minimumSecretLength) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) collectStrings(item, into);
  }
}
