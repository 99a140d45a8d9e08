import type { VismaConnection } from './token-set.js';

/** A stored connection with the version the store gave it. */
export interface StoredVismaConnection {
  /** Store-assigned version, starting at 1 and bumped on every save; pass it to `compareAndSwap`. */
  readonly version: number;
  /** The connection as last saved. */
  readonly connection: VismaConnection;
}

/**
 * Where refreshed tokens go. The library persists nothing itself: give it a store backed by your database (the
 * DataBridge core vault is one). `compareAndSwap` must be atomic across processes, so that when two processes
 * refresh at once only one result is kept and a rotating refresh token is never lost.
 */
export interface VismaTokenStore {
  /** The current connection for `key`, or `undefined`. */
  load(key: string): Promise<StoredVismaConnection | undefined>;
  /** Replaces the connection only if its version is still `expectedVersion`; returns whether it did. */
  compareAndSwap(key: string, expectedVersion: number, next: VismaConnection): Promise<boolean>;
  /**
   * Optional cross-process lock around a refresh: resolves with a release function once this process may refresh
   * `key`. With it, processes sharing a connection make exactly one token request; the others re-read the result.
   */
  lock?(key: string): Promise<() => Promise<void>>;
}

/** An in-memory {@link VismaTokenStore} for tests and single-process scripts. */
export class MemoryTokenStore implements VismaTokenStore {
  readonly #entries = new Map<string, StoredVismaConnection>();

  /** Puts a connection in place (version 1, or one above the current). */
  set(key: string, connection: VismaConnection): void {
    this.#entries.set(key, { version: (this.#entries.get(key)?.version ?? 0) + 1, connection });
  }

  async load(key: string): Promise<StoredVismaConnection | undefined> {
    return this.#entries.get(key);
  }

  async compareAndSwap(key: string, expectedVersion: number, next: VismaConnection): Promise<boolean> {
    const current = this.#entries.get(key);
    if ((current?.version ?? 0) !== expectedVersion) return false;
    this.#entries.set(key, { version: expectedVersion + 1, connection: next });
    return true;
  }
}
