/**
 * One value an account client reuses for a while (the tenant's SKU names): read once however many
 * operations ask for it at the same time, then kept until it expires.
 */
export class ExpiringValue<Value> {
  #entry: { value: Value; expiresAt: number } | undefined;
  #pending: Promise<Value> | undefined;

  /** The value, while it has not expired. */
  lookup(now: number): { value: Value } | undefined {
    const entry = this.#entry;
    return entry !== undefined && entry.expiresAt > now ? { value: entry.value } : undefined;
  }

  store(value: Value, expiresAt: number): void {
    this.#entry = { value, expiresAt };
  }

  /** Runs `loader` unless a load is already running, whose result every caller then shares. */
  load(loader: () => Promise<{ value: Value; expiresAt: number }>): Promise<Value> {
    this.#pending ??= loader()
      .then(({ value, expiresAt }) => {
        this.store(value, expiresAt);
        return value;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }
}
