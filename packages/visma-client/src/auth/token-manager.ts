import { isVismaError } from '../errors/visma-error.js';
import { refreshConnection } from './refresh.js';
import type { VismaConnection } from './token-set.js';
import type { VismaTokenStore } from './token-store.js';
import type { VismaAuth } from './visma-auth.js';

/** Options for {@link VismaTokenManager}. */
export interface VismaTokenManagerOptions {
  /** Sign-in settings from {@link discoverVismaAuth}, used to call the token endpoint when refreshing. */
  readonly auth: VismaAuth;
  /** The connection as loaded by the caller (from its store, or fresh from sign-in). */
  readonly connection: VismaConnection;
  /** Where refreshed tokens are saved with compare-and-swap. Without one, refreshed tokens live in memory only. */
  readonly store?: VismaTokenStore | undefined;
  /** The connection's key in `store`. */
  readonly storeKey?: string | undefined;
  /** Refresh this long before the access token expires (default 60 s, visma-net.md §2.8). */
  readonly refreshSkewMs?: number | undefined;
  /** Called with each new connection after a refresh was saved. */
  readonly onRefresh?: ((connection: VismaConnection) => void) | undefined;
  /** A human name for the company, used in the remedies of refresh failures. */
  readonly companyName?: string | undefined;
}

/**
 * Keeps one connection's access token fresh. Refreshes ahead of expiry, single-flight: any number of concurrent
 * callers share one token request. With a store, the new token set is saved with compare-and-swap before it is used,
 * and a process that loses the race adopts the winner's tokens, so a one-time refresh token is never spent twice
 * for nothing (lessons-from-peers.md §3).
 */
export class VismaTokenManager {
  readonly #auth: VismaAuth;
  readonly #store: VismaTokenStore | undefined;
  readonly #storeKey: string;
  readonly #skewMs: number;
  readonly #onRefresh: ((connection: VismaConnection) => void) | undefined;
  readonly #companyName: string | undefined;
  #connection: VismaConnection;
  #version: number | undefined;
  #inflight: Promise<VismaConnection> | undefined;

  constructor(options: VismaTokenManagerOptions) {
    this.#auth = options.auth;
    this.#connection = options.connection;
    this.#store = options.store;
    this.#storeKey = options.storeKey ?? `${options.connection.clientId}:${options.connection.companyId}`;
    this.#skewMs = options.refreshSkewMs ?? 60_000;
    this.#onRefresh = options.onRefresh;
    this.#companyName = options.companyName;
  }

  /** The connection as last known (its token may be about to expire; use {@link current} before a call). */
  get connection(): VismaConnection {
    return this.#connection;
  }

  /** A connection whose access token is valid for at least the refresh skew, refreshing first if needed. */
  async current(): Promise<VismaConnection> {
    if (this.#isFresh(this.#connection)) return this.#connection;
    return this.refresh(this.#connection.tokens.accessToken);
  }

  /**
   * Refreshes unless the token was already replaced since `usedAccessToken` was handed out (e.g. by another caller
   * that also got a 401). Concurrent calls share one refresh.
   */
  refresh(usedAccessToken: string = this.#connection.tokens.accessToken): Promise<VismaConnection> {
    if (this.#connection.tokens.accessToken !== usedAccessToken && this.#isFresh(this.#connection)) {
      return Promise.resolve(this.#connection);
    }
    this.#inflight ??= this.#refreshOnce().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #refreshOnce(): Promise<VismaConnection> {
    const release = await this.#store?.lock?.(this.#storeKey);
    try {
      return await this.#refreshLocked();
    } finally {
      await release?.();
    }
  }

  async #refreshLocked(): Promise<VismaConnection> {
    // Another process may have refreshed already: re-read after "acquiring" (lessons-from-peers.md §3).
    const stored = await this.#loadStored();
    if (
      stored &&
      stored.tokens.accessToken !== this.#connection.tokens.accessToken &&
      this.#isFresh(stored)
    ) {
      return this.#adopt(stored);
    }
    let next: VismaConnection;
    try {
      next = await refreshConnection(this.#auth, this.#connection, { companyName: this.#companyName });
    } catch (error) {
      // A rotated refresh token spent by another process: its result is in the store.
      if (isVismaError(error, 'reauth_required')) {
        const winner = await this.#loadStored();
        if (winner && winner.tokens.refreshToken !== this.#connection.tokens.refreshToken)
          return this.#adopt(winner);
      }
      throw error;
    }
    if (this.#store && this.#version !== undefined) {
      const saved = await this.#store.compareAndSwap(this.#storeKey, this.#version, next);
      if (!saved) {
        const winner = await this.#loadStored();
        if (winner) return this.#adopt(winner);
      }
      this.#version += 1;
    }
    this.#connection = next;
    this.#onRefresh?.(next);
    return next;
  }

  async #loadStored(): Promise<VismaConnection | undefined> {
    if (!this.#store) return undefined;
    const stored = await this.#store.load(this.#storeKey);
    if (!stored) {
      this.#version = undefined;
      return undefined;
    }
    this.#version = stored.version;
    return stored.connection;
  }

  #adopt(connection: VismaConnection): VismaConnection {
    this.#connection = connection;
    return connection;
  }

  #isFresh(connection: VismaConnection): boolean {
    return connection.tokens.expiresAt - this.#skewMs > Date.now();
  }
}
