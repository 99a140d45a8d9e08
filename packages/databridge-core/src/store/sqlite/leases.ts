import type { SqliteContext } from './context.js';

/**
 * See `Store.tryAcquireLease`. One statement, so SQLite's write lock makes it atomic across processes: the row is
 * inserted, or taken over when it expired or is already ours. Times are epoch milliseconds of the calling process.
 */
export function tryAcquireLease(context: SqliteContext, name: string, owner: string, ttlMs: number): boolean {
  const now = Date.now();
  const result = context.db
    .prepare(
      `INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.expires_at <= ? OR leases.owner = excluded.owner`,
    )
    .run(name, owner, now + ttlMs, now);
  return result.changes === 1;
}

/** See `Store.releaseLease`. */
export function releaseLease(context: SqliteContext, name: string, owner: string): void {
  context.db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?').run(name, owner);
}
