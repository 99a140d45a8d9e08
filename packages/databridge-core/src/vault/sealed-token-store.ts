import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { TOKENS_PURPOSE } from '../model/index.js';
import type { Store } from '../store/index.js';
import type { TokenVault } from './token-vault.js';

/** A connection's token payload with the store version it was read at. */
export interface StoredTokens<T> {
  /** Token version; pass it to `compareAndSwap`. */
  readonly version: number;
  /** The decrypted payload. */
  readonly connection: T;
}

/**
 * Compare-and-swap token storage over the store's connection rows, sealed by the vault. Structurally a
 * `VismaTokenStore` (with `T = VismaConnection`); for SuperOffice, call {@link SealedTokenStore.save} from
 * `onRenew`. Keys are DataBridge connection ids.
 */
export interface SealedTokenStore<T> {
  /** The decrypted tokens of connection `key`, or `undefined` when it has none (or does not exist). */
  load(key: string): Promise<StoredTokens<T> | undefined>;
  /** Seals and stores `next` only if the token version is still `expectedVersion`; returns whether it did. */
  compareAndSwap(key: string, expectedVersion: number, next: T): Promise<boolean>;
  /**
   * Stores `next` whatever the version (for credentials that do not rotate, such as SuperOffice renewals, and for
   * reconnects). Retries the swap until it wins.
   */
  save(key: string, next: T): Promise<void>;
  /**
   * Takes the connection's refresh lease (a store lease shared by every process on this store) and resolves with its
   * release. Waits up to {@link REFRESH_LEASE_WAIT_MS}; if the holder seems stuck it goes ahead anyway, as n8n does,
   * and compare-and-swap still keeps only one result.
   */
  lock(key: string): Promise<() => Promise<void>>;
}

/** How long a refresh may hold the lease before another process may take it over. */
export const REFRESH_LEASE_TTL_MS = 30_000;
/** How long a process waits for another's refresh before refreshing itself. */
export const REFRESH_LEASE_WAIT_MS = 10_000;

/** A {@link SealedTokenStore} for payloads of type `T` (JSON-serialisable). */
export function sealedTokenStore<T>(store: Store, vault: TokenVault): SealedTokenStore<T> {
  const load = async (key: string): Promise<StoredTokens<T> | undefined> => {
    const connection = await store.getConnection(key);
    if (!connection?.tokens) return undefined;
    const json = vault.open(key, TOKENS_PURPOSE, connection.tokens);
    return { version: connection.version, connection: JSON.parse(json) as T };
  };
  const compareAndSwap = (key: string, expectedVersion: number, next: T) =>
    store.compareAndSwapTokens(key, expectedVersion, vault.seal(key, TOKENS_PURPOSE, JSON.stringify(next)));
  const lock = async (key: string): Promise<() => Promise<void>> => {
    const name = `refresh:${key}`;
    const owner = randomUUID();
    const giveUpAt = Date.now() + REFRESH_LEASE_WAIT_MS;
    while (!(await store.tryAcquireLease(name, owner, REFRESH_LEASE_TTL_MS)) && Date.now() < giveUpAt) {
      await sleep(25);
    }
    return () => store.releaseLease(name, owner);
  };
  return {
    load,
    compareAndSwap,
    lock,
    async save(key, next) {
      for (;;) {
        const current = await store.getConnection(key);
        if (!current) throw new Error(`No connection with id ${JSON.stringify(key)} in the store`);
        if (await compareAndSwap(key, current.version, next)) return;
      }
    },
  };
}
