import {
  classifiedErrorSchema,
  type NewRun,
  type NewRunRecord,
  type RecordOutcome,
  type Run,
  type RunPatch,
  type RunRecord,
  type RunRecordDetail,
  type RunState,
} from '../../model/index.js';
import type { RunRecordQuery } from '../store.js';
import { StoreNotFoundError } from '../store-not-found-error.js';
import {
  integer,
  optionalJson,
  optionalText,
  parsedJson,
  type Row,
  setClause,
  text,
  toJson,
} from './columns.js';
import { atomically, newId, type SqliteContext } from './context.js';

function toRun(row: Row): Run {
  return {
    id: text(row, 'id'),
    profileId: text(row, 'profile_id'),
    state: text(row, 'state') as RunState,
    counts: {
      seen: integer(row, 'seen'),
      created: integer(row, 'created'),
      updated: integer(row, 'updated'),
      unchanged: integer(row, 'unchanged'),
      skipped: integer(row, 'skipped'),
      failed: integer(row, 'failed'),
    },
    startedAt: optionalText(row, 'started_at'),
    finishedAt: optionalText(row, 'finished_at'),
    checkpointBefore: optionalJson(row, 'checkpoint_before'),
    checkpointAfter: optionalJson(row, 'checkpoint_after'),
    error: parsedJson(row, 'error', classifiedErrorSchema),
    apiCalls: integer(row, 'api_calls'),
    trigger: optionalText(row, 'trigger'),
    createdAt: text(row, 'created_at'),
  };
}

function toRunRecord(row: Row): RunRecord {
  return {
    runId: text(row, 'run_id'),
    seq: integer(row, 'seq'),
    sourceKey: text(row, 'source_key'),
    targetKey: optionalText(row, 'target_key'),
    outcome: text(row, 'outcome') as RecordOutcome,
    error: parsedJson(row, 'error', classifiedErrorSchema),
    detail: optionalJson(row, 'detail') as RunRecordDetail | undefined,
    at: text(row, 'at'),
  };
}

/** See {@link Store.getRun}. */
export function getRun(context: SqliteContext, id: string): Run | undefined {
  const row = context.db.prepare('SELECT * FROM runs WHERE id = ?').get(id);
  return row ? toRun(row) : undefined;
}

function mustGet(context: SqliteContext, id: string): Run {
  const run = getRun(context, id);
  if (!run) throw new StoreNotFoundError('run', id);
  return run;
}

/** See {@link Store.createRun}. */
export function createRun(context: SqliteContext, input: NewRun): Run {
  const id = newId(input.id);
  context.db
    .prepare(
      `INSERT INTO runs (id, profile_id, state, started_at, checkpoint_before, trigger, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      input.profileId,
      input.state ?? 'queued',
      input.startedAt ?? null,
      toJson(input.checkpointBefore),
      input.trigger ?? null,
      context.now(),
    );
  return mustGet(context, id);
}

/** See {@link Store.listRuns}. */
export function listRuns(context: SqliteContext, profileId: string, limit: number | undefined): Run[] {
  return context.db
    .prepare('SELECT * FROM runs WHERE profile_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?')
    .all(profileId, limit ?? -1)
    .map(toRun);
}

/** See {@link Store.updateRun}. */
export function updateRun(context: SqliteContext, id: string, patch: RunPatch): Run {
  const set = setClause([
    ['state', patch.state],
    ['seen', patch.counts?.seen],
    ['api_calls', patch.apiCalls],
    ['created', patch.counts?.created],
    ['updated', patch.counts?.updated],
    ['unchanged', patch.counts?.unchanged],
    ['skipped', patch.counts?.skipped],
    ['failed', patch.counts?.failed],
    ['started_at', patch.startedAt],
    ['finished_at', patch.finishedAt],
    ['checkpoint_after', patch.checkpointAfter === undefined ? undefined : toJson(patch.checkpointAfter)],
    ['error', patch.error === undefined ? undefined : toJson(patch.error)],
  ]);
  if (set.values.length === 0) return mustGet(context, id);
  const result = context.db.prepare(`UPDATE runs SET ${set.sql} WHERE id = ?`).run(...set.values, id);
  if (result.changes === 0) throw new StoreNotFoundError('run', id);
  return mustGet(context, id);
}

/** See {@link Store.appendRunRecords}. */
export function appendRunRecords(
  context: SqliteContext,
  runId: string,
  records: readonly NewRunRecord[],
): RunRecord[] {
  return atomically(context, () => {
    mustGet(context, runId);
    const last = context.db.prepare('SELECT MAX(seq) AS seq FROM run_records WHERE run_id = ?').get(runId);
    let seq = typeof last?.seq === 'number' ? last.seq : 0;
    const first = seq + 1;
    const insert = context.db.prepare(
      'INSERT INTO run_records (run_id, seq, source_key, target_key, outcome, error, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const now = context.now();
    for (const record of records) {
      seq += 1;
      insert.run(
        runId,
        seq,
        record.sourceKey,
        record.targetKey ?? null,
        record.outcome,
        toJson(record.error),
        toJson(record.detail),
        record.at ?? now,
      );
    }
    return listRunRecords(context, runId, { afterSeq: first - 1 });
  });
}

/** See {@link Store.listRunRecords}. */
export function listRunRecords(
  context: SqliteContext,
  runId: string,
  query: RunRecordQuery = {},
): RunRecord[] {
  return context.db
    .prepare(
      `SELECT * FROM run_records WHERE run_id = ? AND seq > ?
         AND (? IS NULL OR outcome = ?) AND (? IS NULL OR json_extract(error, '$.kind') = ?)
       ORDER BY seq LIMIT ?`,
    )
    .all(
      runId,
      query.afterSeq ?? 0,
      query.outcome ?? null,
      query.outcome ?? null,
      query.kind ?? null,
      query.kind ?? null,
      query.limit ?? -1,
    )
    .map(toRunRecord);
}
