/** One schema step. `version` numbers run 1, 2, 3… without gaps; a released migration is never edited. */
export interface Migration {
  /** Schema version this step produces. */
  readonly version: number;
  /** Short description, recorded in `schema_migrations`. */
  readonly name: string;
  /** SQL applied as one unit, inside the migration transaction. */
  readonly sql: string;
}

/** Every migration of the embedded store, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        system TEXT NOT NULL CHECK (system IN ('visma', 'superoffice')),
        name TEXT NOT NULL,
        tenant_id TEXT NOT NULL,
        tenant_name TEXT,
        account_user TEXT,
        scopes TEXT NOT NULL,
        tokens TEXT,
        health TEXT NOT NULL,
        last_error TEXT,
        last_checked_at TEXT,
        last_refreshed_at TEXT,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        source_connection_id TEXT NOT NULL REFERENCES connections (id),
        source_entity TEXT NOT NULL,
        target_connection_id TEXT NOT NULL REFERENCES connections (id),
        target_entity TEXT NOT NULL,
        direction TEXT NOT NULL,
        mapping TEXT NOT NULL,
        matching_keys TEXT NOT NULL,
        schedule TEXT,
        options TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        state TEXT NOT NULL,
        created INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        started_at TEXT,
        finished_at TEXT,
        checkpoint_before TEXT,
        checkpoint_after TEXT,
        error TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE run_records (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        source_key TEXT NOT NULL,
        target_key TEXT,
        outcome TEXT NOT NULL,
        error TEXT,
        at TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      ) STRICT;
      CREATE TABLE checkpoints (
        profile_id TEXT PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE links (
        profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        source_key TEXT NOT NULL,
        target_key TEXT NOT NULL,
        hash TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (profile_id, source_key),
        UNIQUE (profile_id, target_key)
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'indexes for run history and profile lookups by connection',
    sql: `
      CREATE INDEX runs_by_profile ON runs (profile_id, created_at);
      CREATE INDEX profiles_by_source ON profiles (source_connection_id);
      CREATE INDEX profiles_by_target ON profiles (target_connection_id);
    `,
  },
  {
    version: 3,
    name: 'leases for cross-process token refresh (and later run locks)',
    sql: `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    name: 'connectors of any system; per-side hashes and versions on links; run statistics and record details',
    // SQLite cannot drop a CHECK constraint, so `connections` is rebuilt the documented way
    // (sqlite.org/lang_altertable.html, "other kinds of table schema changes"): migrations run with foreign keys off
    // and `foreign_key_check` must pass before the commit.
    sql: `
      CREATE TABLE connections_v4 (
        id TEXT PRIMARY KEY,
        system TEXT NOT NULL CHECK (length(system) > 0),
        name TEXT NOT NULL,
        tenant_id TEXT NOT NULL,
        tenant_name TEXT,
        account_user TEXT,
        scopes TEXT NOT NULL,
        tokens TEXT,
        health TEXT NOT NULL,
        last_error TEXT,
        last_checked_at TEXT,
        last_refreshed_at TEXT,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO connections_v4 SELECT * FROM connections;
      DROP TABLE connections;
      ALTER TABLE connections_v4 RENAME TO connections;
      ALTER TABLE links ADD COLUMN reverse_hash TEXT;
      ALTER TABLE links ADD COLUMN source_version TEXT;
      ALTER TABLE links ADD COLUMN target_version TEXT;
      ALTER TABLE runs ADD COLUMN seen INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE runs ADD COLUMN api_calls INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE runs ADD COLUMN trigger TEXT;
      ALTER TABLE run_records ADD COLUMN detail TEXT;
    `,
  },
];
