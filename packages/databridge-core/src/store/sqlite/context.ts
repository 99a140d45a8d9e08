import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';

/** What the table modules of the SQLite store share. */
export interface SqliteContext {
  /** The open database. */
  readonly db: DatabaseSync;
  /** The current time, ISO 8601. */
  now(): string;
}

/** A caller's id, or a fresh random UUID. */
export function newId(id: string | undefined): string {
  return id ?? randomUUID();
}

/**
 * Runs `fn` atomically: in a savepoint inside an open transaction, otherwise in its own immediate transaction (so a
 * read followed by a write cannot race another process).
 */
export function atomically<T>(context: SqliteContext, fn: () => T): T {
  const { db } = context;
  const nested = db.isTransaction;
  db.exec(nested ? 'SAVEPOINT atomically' : 'BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec(nested ? 'RELEASE atomically' : 'COMMIT');
    return result;
  } catch (error) {
    db.exec(nested ? 'ROLLBACK TO atomically; RELEASE atomically' : 'ROLLBACK');
    throw error;
  }
}
