import type { Checkpoint, JsonValue } from '../../model/index.js';
import { json, text } from './columns.js';
import type { SqliteContext } from './context.js';

/** See {@link Store.getCheckpoint}. */
export function getCheckpoint(context: SqliteContext, profileId: string): Checkpoint | undefined {
  const row = context.db.prepare('SELECT * FROM checkpoints WHERE profile_id = ?').get(profileId);
  return row
    ? { profileId: text(row, 'profile_id'), value: json(row, 'value'), updatedAt: text(row, 'updated_at') }
    : undefined;
}

/** See {@link Store.setCheckpoint}. */
export function setCheckpoint(context: SqliteContext, profileId: string, value: JsonValue): Checkpoint {
  const now = context.now();
  context.db
    .prepare(
      `INSERT INTO checkpoints (profile_id, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (profile_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .run(profileId, JSON.stringify(value), now);
  return { profileId, value, updatedAt: now };
}
