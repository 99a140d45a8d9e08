import type { JsonObject, NewProfile, Profile, ProfilePatch, SyncDirection } from '../../model/index.js';
import { StoreNotFoundError } from '../store-not-found-error.js';
import { json, optionalText, type Row, setClause, text } from './columns.js';
import { newId, type SqliteContext } from './context.js';

function toProfile(row: Row): Profile {
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    source: { connectionId: text(row, 'source_connection_id'), entity: text(row, 'source_entity') },
    target: { connectionId: text(row, 'target_connection_id'), entity: text(row, 'target_entity') },
    direction: text(row, 'direction') as SyncDirection,
    mapping: json(row, 'mapping'),
    matchingKeys: json(row, 'matching_keys') as string[],
    schedule: optionalText(row, 'schedule'),
    options: json(row, 'options') as JsonObject,
    createdAt: text(row, 'created_at'),
    updatedAt: text(row, 'updated_at'),
  };
}

/** See {@link Store.getProfile}. */
export function getProfile(context: SqliteContext, id: string): Profile | undefined {
  const row = context.db.prepare('SELECT * FROM profiles WHERE id = ?').get(id);
  return row ? toProfile(row) : undefined;
}

function mustGet(context: SqliteContext, id: string): Profile {
  const profile = getProfile(context, id);
  if (!profile) throw new StoreNotFoundError('profile', id);
  return profile;
}

/** See {@link Store.createProfile}. */
export function createProfile(context: SqliteContext, input: NewProfile): Profile {
  const id = newId(input.id);
  const now = context.now();
  context.db
    .prepare(
      `INSERT INTO profiles (id, name, source_connection_id, source_entity, target_connection_id, target_entity,
         direction, mapping, matching_keys, schedule, options, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      input.name,
      input.source.connectionId,
      input.source.entity,
      input.target.connectionId,
      input.target.entity,
      input.direction,
      JSON.stringify(input.mapping),
      JSON.stringify(input.matchingKeys ?? []),
      input.schedule ?? null,
      JSON.stringify(input.options ?? {}),
      now,
      now,
    );
  return mustGet(context, id);
}

/** See {@link Store.listProfiles}. */
export function listProfiles(context: SqliteContext, connectionId: string | undefined): Profile[] {
  const rows =
    connectionId === undefined
      ? context.db.prepare('SELECT * FROM profiles ORDER BY created_at, id').all()
      : context.db
          .prepare(
            `SELECT * FROM profiles WHERE source_connection_id = ? OR target_connection_id = ?
             ORDER BY created_at, id`,
          )
          .all(connectionId, connectionId);
  return rows.map(toProfile);
}

/** See {@link Store.updateProfile}. */
export function updateProfile(context: SqliteContext, id: string, patch: ProfilePatch): Profile {
  const set = setClause([
    ['name', patch.name],
    ['source_connection_id', patch.source?.connectionId],
    ['source_entity', patch.source?.entity],
    ['target_connection_id', patch.target?.connectionId],
    ['target_entity', patch.target?.entity],
    ['direction', patch.direction],
    ['mapping', patch.mapping === undefined ? undefined : JSON.stringify(patch.mapping)],
    ['matching_keys', patch.matchingKeys && JSON.stringify(patch.matchingKeys)],
    ['schedule', patch.schedule],
    ['options', patch.options && JSON.stringify(patch.options)],
    ['updated_at', context.now()],
  ]);
  const result = context.db.prepare(`UPDATE profiles SET ${set.sql} WHERE id = ?`).run(...set.values, id);
  if (result.changes === 0) throw new StoreNotFoundError('profile', id);
  return mustGet(context, id);
}

/** See {@link Store.deleteProfile}: runs, records, checkpoint and links go with it (ON DELETE CASCADE). */
export function deleteProfile(context: SqliteContext, id: string): void {
  const result = context.db.prepare('DELETE FROM profiles WHERE id = ?').run(id);
  if (result.changes === 0) throw new StoreNotFoundError('profile', id);
}
