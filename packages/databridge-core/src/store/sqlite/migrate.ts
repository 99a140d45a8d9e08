import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../migrations.js';
import { SchemaVersionError } from '../schema-version-error.js';

/** Checks that migrations are numbered 1, 2, 3… in order, so a prefix of the list is an earlier schema. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(
        `Migration ${JSON.stringify(migration.name)} has version ${migration.version}, expected ${index + 1}`,
      );
  });
}

/** The schema version recorded in the database (0 for an empty file). */
export function schemaVersion(db: DatabaseSync): number {
  const table = db
    .prepare("SELECT 1 AS present FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get();
  return typeof row?.version === 'number' ? row.version : 0;
}

/**
 * Brings the database up to the last of `migrations` in one immediate transaction (so two processes opening the
 * same file at once apply each step once), recording each step in `schema_migrations`.
 *
 * @returns The schema version after migrating.
 * @throws SchemaVersionError when the file is newer than `migrations`; nothing is changed then.
 */
export function applyMigrations(db: DatabaseSync, file: string, migrations: readonly Migration[]): number {
  assertMigrationOrder(migrations);
  // Foreign keys off while tables are rebuilt (the pragma is a no-op inside a transaction); checked before COMMIT.
  db.exec('PRAGMA foreign_keys = OFF');
  try {
    return migrateInTransaction(db, file, migrations);
  } finally {
    db.exec('PRAGMA foreign_keys = ON');
  }
}

function migrateInTransaction(db: DatabaseSync, file: string, migrations: readonly Migration[]): number {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
    );
    const current = schemaVersion(db);
    if (current > migrations.length) throw new SchemaVersionError(file, current, migrations.length);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of migrations.slice(current)) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
    const broken = db.prepare('PRAGMA foreign_key_check').all();
    if (broken.length > 0)
      throw new Error(`Migrating ${file} would break ${broken.length} foreign key(s); nothing was changed`);
    db.exec('COMMIT');
    return migrations.length;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
