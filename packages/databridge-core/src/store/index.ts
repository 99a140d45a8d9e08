export { MIGRATIONS, type Migration } from './migrations.js';
export { SchemaVersionError } from './schema-version-error.js';
export type { SqliteContext } from './sqlite/context.js';
export { DATABASE_FILE, SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export type { RunRecordQuery, SealedBlobRef, Store } from './store.js';
export { StoreNotFoundError } from './store-not-found-error.js';
