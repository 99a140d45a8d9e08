/**
 * Mutual exclusion by key within one pass: records of a page run concurrently, but two records whose matching keys
 * resolve to the same values must not both find "no target" and both create one. Each caller queues behind the
 * earlier holders of any of its keys; all keys are registered at once, so the order is total and nobody deadlocks.
 */
export class KeyedLocks {
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `fn` once no earlier caller holds any of `keys`. */
  async run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    if (keys.length === 0) return fn();
    let release = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const unique = [...new Set(keys)];
    const earlier = unique.map((key) => this.#tails.get(key) ?? Promise.resolve());
    for (const key of unique) this.#tails.set(key, mine);
    await Promise.all(earlier);
    try {
      return await fn();
    } finally {
      release();
      for (const key of unique) if (this.#tails.get(key) === mine) this.#tails.delete(key);
    }
  }
}
