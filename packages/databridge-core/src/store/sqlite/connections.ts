import type { ConnectionHealth } from '../../connections/health.js';
import {
  type Connection,
  type ConnectionPatch,
  type ConnectionSystem,
  classifiedErrorSchema,
  type NewConnection,
  type SealedRecord,
  sealedRecordSchema,
  TOKENS_PURPOSE,
} from '../../model/index.js';
import type { SealedBlobRef } from '../store.js';
import { StoreNotFoundError } from '../store-not-found-error.js';
import { integer, optionalText, parsedJson, type Row, setClause, text, toJson } from './columns.js';
import { newId, type SqliteContext } from './context.js';

function toConnection(row: Row): Connection {
  return {
    id: text(row, 'id'),
    system: text(row, 'system') as ConnectionSystem,
    name: text(row, 'name'),
    tenantId: text(row, 'tenant_id'),
    tenantName: optionalText(row, 'tenant_name'),
    accountUser: optionalText(row, 'account_user'),
    scopes: JSON.parse(text(row, 'scopes')) as string[],
    tokens: parsedJson(row, 'tokens', sealedRecordSchema),
    health: text(row, 'health') as ConnectionHealth,
    lastError: parsedJson(row, 'last_error', classifiedErrorSchema),
    lastCheckedAt: optionalText(row, 'last_checked_at'),
    lastRefreshedAt: optionalText(row, 'last_refreshed_at'),
    version: integer(row, 'version'),
    createdAt: text(row, 'created_at'),
    updatedAt: text(row, 'updated_at'),
  };
}

/** See {@link Store.getConnection}. */
export function getConnection(context: SqliteContext, id: string): Connection | undefined {
  const row = context.db.prepare('SELECT * FROM connections WHERE id = ?').get(id);
  return row ? toConnection(row) : undefined;
}

function mustGet(context: SqliteContext, id: string): Connection {
  const connection = getConnection(context, id);
  if (!connection) throw new StoreNotFoundError('connection', id);
  return connection;
}

/** See {@link Store.createConnection}. */
export function createConnection(context: SqliteContext, input: NewConnection): Connection {
  const id = newId(input.id);
  const now = context.now();
  context.db
    .prepare(
      `INSERT INTO connections (id, system, name, tenant_id, tenant_name, account_user, scopes, tokens, health,
         version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    )
    .run(
      id,
      input.system,
      input.name,
      input.tenantId,
      input.tenantName ?? null,
      input.accountUser ?? null,
      JSON.stringify(input.scopes ?? []),
      toJson(input.tokens),
      input.health ?? 'ok',
      now,
      now,
    );
  return mustGet(context, id);
}

/** See {@link Store.listConnections}. */
export function listConnections(context: SqliteContext): Connection[] {
  return context.db.prepare('SELECT * FROM connections ORDER BY created_at, id').all().map(toConnection);
}

/** See {@link Store.updateConnection}. */
export function updateConnection(context: SqliteContext, id: string, patch: ConnectionPatch): Connection {
  const set = setClause([
    ['name', patch.name],
    ['tenant_name', patch.tenantName],
    ['account_user', patch.accountUser],
    ['scopes', patch.scopes && JSON.stringify(patch.scopes)],
    ['health', patch.health],
    ['last_error', patch.lastError === undefined ? undefined : toJson(patch.lastError)],
    ['last_checked_at', patch.lastCheckedAt],
    ['updated_at', context.now()],
  ]);
  const result = context.db.prepare(`UPDATE connections SET ${set.sql} WHERE id = ?`).run(...set.values, id);
  if (result.changes === 0) throw new StoreNotFoundError('connection', id);
  return mustGet(context, id);
}

/** See {@link Store.compareAndSwapTokens}. */
export function compareAndSwapTokens(
  context: SqliteContext,
  id: string,
  expectedVersion: number,
  tokens: SealedRecord,
): boolean {
  const now = context.now();
  const result = context.db
    .prepare(
      `UPDATE connections SET tokens = ?, version = version + 1, last_refreshed_at = ?, updated_at = ?
       WHERE id = ? AND version = ?`,
    )
    .run(JSON.stringify(sealedRecordSchema.parse(tokens)), now, now, id, expectedVersion);
  return result.changes === 1;
}

/** See {@link Store.listSealedBlobs}. */
export function listSealedBlobs(context: SqliteContext): SealedBlobRef[] {
  return context.db
    .prepare('SELECT id, tokens FROM connections WHERE tokens IS NOT NULL ORDER BY id')
    .all()
    .map((row) => ({
      connectionId: text(row, 'id'),
      purpose: TOKENS_PURPOSE,
      sealed: sealedRecordSchema.parse(JSON.parse(text(row, 'tokens'))),
    }));
}

/** See {@link Store.replaceSealedBlob}. Compares parsed records, then swaps on the exact stored text. */
export function replaceSealedBlob(context: SqliteContext, ref: SealedBlobRef, next: SealedRecord): boolean {
  if (ref.purpose !== TOKENS_PURPOSE) return false;
  const row = context.db.prepare('SELECT tokens FROM connections WHERE id = ?').get(ref.connectionId);
  const stored = row ? optionalText(row, 'tokens') : undefined;
  if (stored === undefined) return false;
  const canonical = (record: SealedRecord) => JSON.stringify(sealedRecordSchema.parse(record));
  if (canonical(JSON.parse(stored) as SealedRecord) !== canonical(ref.sealed)) return false;
  const result = context.db
    .prepare('UPDATE connections SET tokens = ? WHERE id = ? AND tokens = ?')
    .run(canonical(next), ref.connectionId, stored);
  return result.changes === 1;
}
