import type { Link, LinkInput } from '../../model/index.js';
import { type Row, text } from './columns.js';
import type { SqliteContext } from './context.js';

function toLink(row: Row): Link {
  return {
    profileId: text(row, 'profile_id'),
    sourceKey: text(row, 'source_key'),
    targetKey: text(row, 'target_key'),
    hash: text(row, 'hash'),
    updatedAt: text(row, 'updated_at'),
  };
}

/** See {@link Store.getLinkBySource}. */
export function getLinkBySource(
  context: SqliteContext,
  profileId: string,
  sourceKey: string,
): Link | undefined {
  const row = context.db
    .prepare('SELECT * FROM links WHERE profile_id = ? AND source_key = ?')
    .get(profileId, sourceKey);
  return row ? toLink(row) : undefined;
}

/** See {@link Store.getLinkByTarget}. */
export function getLinkByTarget(
  context: SqliteContext,
  profileId: string,
  targetKey: string,
): Link | undefined {
  const row = context.db
    .prepare('SELECT * FROM links WHERE profile_id = ? AND target_key = ?')
    .get(profileId, targetKey);
  return row ? toLink(row) : undefined;
}

/** See {@link Store.upsertLink}. A target key already linked to another source key is a constraint error. */
export function upsertLink(context: SqliteContext, input: LinkInput): Link {
  context.db
    .prepare(
      `INSERT INTO links (profile_id, source_key, target_key, hash, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (profile_id, source_key)
       DO UPDATE SET target_key = excluded.target_key, hash = excluded.hash, updated_at = excluded.updated_at`,
    )
    .run(input.profileId, input.sourceKey, input.targetKey, input.hash, context.now());
  const link = getLinkBySource(context, input.profileId, input.sourceKey);
  if (!link) throw new Error('Link vanished after upsert');
  return link;
}
