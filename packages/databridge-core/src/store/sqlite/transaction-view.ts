import type { Store } from '../store.js';
import type { SqliteContext } from './context.js';
import { SqliteView } from './sqlite-view.js';

/**
 * The `tx` a {@link SqliteStore} transaction hands to its callback: calls go straight to the database (the
 * transaction is already open), nested transactions become savepoints, and any use after the transaction ended
 * throws.
 * @internal
 */
export class TransactionView extends SqliteView {
  #open = true;
  #savepoints = 0;

  /** @param context - The store's database and clock. */
  constructor(context: SqliteContext) {
    super(context);
  }

  /** Marks the transaction as ended. */
  end(): void {
    this.#open = false;
  }

  /** Runs the step at once while the transaction is open; throws after it ended. */
  protected override async gate<T>(step: () => T): Promise<T> {
    if (!this.#open) throw new Error('This transaction has already ended: use the store, not the old tx');
    return step();
  }

  /** A nested transaction: a savepoint that rolls back alone when `fn` throws. */
  override async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    const name = `tx_${++this.#savepoints}`;
    await this.gate(() => this.context.db.exec(`SAVEPOINT ${name}`));
    try {
      const result = await fn(this);
      this.context.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.context.db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    }
  }

  /** Closing is the outer store's job. */
  override async close(): Promise<void> {
    throw new Error('Close the store, not a transaction');
  }
}
