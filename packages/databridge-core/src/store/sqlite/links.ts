import type { Link, LinkInput } from '../../model/index.js';
import { optionalText, type Row, text } from './columns.js';
import type { SqliteContext } from './context.js';

function toLink(row: Row): Link {
  return {
    profileId: text(row, 'profile_id'),
    sourceKey: text(row, 'source_key'),
    targetKey: text(row, 'target_key'),
    hash: text(row, 'hash'),
    reverseHash: optionalText(row, 'reverse_hash'),
    sourceVersion: optionalText(row, 'source_version'),
    targetVersion: optionalText(row, 'target_version'),
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
      `INSERT INTO links (profile_id, source_key, target_key, hash, reverse_hash, source_version, target_version,
         updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (profile_id, source_key)
       DO UPDATE SET target_key = excluded.target_key, hash = excluded.hash, reverse_hash = excluded.reverse_hash,
         source_version = excluded.source_version, target_version = excluded.target_version,
         updated_at = excluded.updated_at`,
    )
    .run(
      input.profileId,
      input.sourceKey,
      input.targetKey,
      input.hash,
      input.reverseHash ?? null,
      input.sourceVersion ?? null,
      input.targetVersion ?? null,
      context.now(),
    );
  const link = getLinkBySource(context, input.profileId, input.sourceKey);
  if (!link) throw new Error('Link vanished after upsert');
  return link;
}

/** See {@link Store.listLinks}. */
export function listLinks(
  context: SqliteContext,
  profileId: string,
  options: { readonly afterSourceKey?: string; readonly limit?: number } = {},
): Link[] {
  return context.db
    .prepare('SELECT * FROM links WHERE profile_id = ? AND source_key > ? ORDER BY source_key LIMIT ?')
    .all(profileId, options.afterSourceKey ?? '', options.limit ?? -1)
    .map(toLink);
}
