import { AsyncLocalStorage } from 'node:async_hooks';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS, type Migration } from '../migrations.js';
import type { Store } from '../store.js';
import type { SqliteContext } from './context.js';
import { applyMigrations } from './migrate.js';
import { SqliteView } from './sqlite-view.js';
import { TransactionView } from './transaction-view.js';

/** Options of {@link SqliteStore.open}. */
export interface SqliteStoreOptions {
  /** The DataBridge home folder; the store is `<home>/databridge.db`. Created with mode 0700 if missing. */
  readonly home: string;
  /** How long to wait for another process's write lock, in milliseconds (default 5000). */
  readonly busyTimeoutMs?: number;
  /** The clock (default: the system clock). */
  readonly now?: () => Date;
  /**
   * The migrations to apply (default {@link MIGRATIONS}). Tests pass a prefix to create an earlier schema version;
   * production code leaves it alone.
   */
  readonly migrations?: readonly Migration[];
}

/** The database file name inside the DataBridge home. */
export const DATABASE_FILE = 'databridge.db';

/**
 * The embedded default {@link Store}: one SQLite file shared safely by several processes (WAL, busy timeout,
 * immediate write transactions), with foreign keys on and migrations applied on open.
 */
export class SqliteStore extends SqliteView {
  /** The database file. */
  readonly file: string;
  /** The schema version after opening. */
  readonly schemaVersion: number;
  #transaction: Promise<void> | undefined;
  #closed = false;
  readonly #insideTransaction = new AsyncLocalStorage<true>();

  private constructor(context: SqliteContext, file: string, schemaVersion: number) {
    super(context);
    this.file = file;
    this.schemaVersion = schemaVersion;
  }

  /**
   * Opens (creating if needed) `<home>/databridge.db` and migrates it.
   *
   * @throws SchemaVersionError when the file was written by a newer DataBridge.
   */
  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    mkdirSync(options.home, { recursive: true, mode: 0o700 });
    const file = join(options.home, DATABASE_FILE);
    closeSync(openSync(file, 'a', 0o600));
    const db = new DatabaseSync(file, { timeout: options.busyTimeoutMs ?? 5000 });
    try {
      db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL');
      const version = applyMigrations(db, file, options.migrations ?? MIGRATIONS);
      const clock = options.now ?? (() => new Date());
      return new SqliteStore({ db, now: () => clock().toISOString() }, file, version);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Waits for a running transaction of this store, then runs the step (refused from inside the transaction). */
  protected override async gate<T>(step: () => T): Promise<T> {
    this.#refuseInsideTransaction();
    while (this.#transaction) await this.#transaction;
    if (this.#closed) throw new Error(`The store ${this.file} is closed`);
    return step();
  }

  /** {@inheritDoc Store.transaction} */
  override async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    this.#refuseInsideTransaction();
    while (this.#transaction) await this.#transaction;
    if (this.#closed) throw new Error(`The store ${this.file} is closed`);
    let finish = () => {};
    this.#transaction = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const tx = new TransactionView(this.context);
    try {
      this.context.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.#insideTransaction.run(true, () => fn(tx));
        this.context.db.exec('COMMIT');
        return result;
      } catch (error) {
        this.context.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      tx.end();
      this.#transaction = undefined;
      finish();
    }
  }

  /** Calling the store (not `tx`) from inside its own transaction would wait for itself forever. */
  #refuseInsideTransaction(): void {
    if (this.#insideTransaction.getStore())
      throw new Error('Use the tx passed to the transaction callback, not the store, inside a transaction');
  }

  /** {@inheritDoc Store.close} */
  override async close(): Promise<void> {
    while (this.#transaction) await this.#transaction;
    if (this.#closed) return;
    this.#closed = true;
    this.context.db.close();
  }
}
