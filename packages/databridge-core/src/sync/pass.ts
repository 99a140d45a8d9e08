import type { ConnectorRecord } from '../connectors/connector.js';
import { toClassifiedError } from '../errors/to-classified-error.js';
import type { JsonValue } from '../model/json.js';
import type { NewRunRecord } from '../model/run.js';
import type { PassCheckpoint } from './checkpoint-state.js';
import {
  type RecordResult,
  type RecordSyncContext,
  StopRunSignal,
  stopGuard,
  syncRecord,
} from './record-sync.js';
import { isRetryableKind, isStopKind, kindOf, withRetry } from './retry.js';
import type { PlanEntry } from './run-options.js';
import type { Tally } from './tally.js';

/** At most this many failed keys ride along in a checkpoint; beyond it the watermark stays put instead. */
export const MAX_RETRY_KEYS = 1000;

/** One acknowledged page: its records, and the checkpoint to save with them (none for limited or dry runs). */
export interface AcknowledgedPage {
  /** The run records, in read order. */
  readonly records: readonly NewRunRecord[];
  /** The plan lines (dry runs). */
  readonly plan: readonly PlanEntry[];
  /** The pass checkpoint after this page. */
  readonly checkpoint: PassCheckpoint | undefined;
}

/** What {@link runPass} needs beyond the record context. */
export interface PassRun {
  /** The record context of this pass. */
  readonly ctx: RecordSyncContext;
  /** Where this pass stood. */
  readonly checkpoint: PassCheckpoint;
  /** When this run started (becomes the watermark unless an interrupted run started earlier). */
  readonly runStartedAt: string;
  /** Records left for a "first N records" run; `undefined` for a full run. */
  readonly limit: number | undefined;
  /** Shared counts. */
  readonly tally: Tally;
  /** Commits a page (records, counts, checkpoint) in one transaction: the page's acknowledgement. */
  readonly acknowledge: (page: AcknowledgedPage) => Promise<void>;
  /** After every record. */
  readonly onRecord: () => void;
}

/**
 * One direction of a run (lessons §6): first the records that failed last time, then the changes since the
 * watermark minus the overlap, resuming after the last acknowledged page of an interrupted run. Each page is
 * acknowledged only after every write of it finished, together with its checkpoint; the final checkpoint moves the
 * watermark to the run's start. Returns that final checkpoint (`undefined` for a limited run, which never moves it),
 * and how many records it read.
 */
export async function runPass(
  run: PassRun,
): Promise<{ checkpoint: PassCheckpoint | undefined; read: number }> {
  const { ctx, checkpoint, limit } = run;
  const startedAt = checkpoint.resume?.startedAt ?? run.runStartedAt;
  const failed = new Set<string>();
  // More failures than a checkpoint carries: the watermark must then stay where it was, also across a resume.
  let overflowed = checkpoint.resume?.overflow === true;
  let remaining = limit ?? Number.POSITIVE_INFINITY;
  let read = 0;
  const progress = (cursor: JsonValue): PassCheckpoint | undefined => {
    if (limit !== undefined) return undefined;
    if (failed.size > MAX_RETRY_KEYS) overflowed = true;
    return {
      watermark: checkpoint.watermark,
      resume: { startedAt, cursor, ...(overflowed ? { overflow: true } : {}) },
      retry: failed.size > 0 ? [...failed].slice(0, MAX_RETRY_KEYS) : undefined,
    };
  };
  const page = async (records: readonly ConnectorRecord[], cursor: JsonValue, extra: NewRunRecord[] = []) => {
    const { results, stop } = await processPage(run, records, failed);
    const done = results.filter((result): result is RecordResult => result !== undefined);
    const acknowledged = { records: [...extra, ...done.map((r) => r.record)], plan: done.map((r) => r.plan) };
    if (stop !== undefined) {
      // Record what was written before the stop; the checkpoint stays at the last whole page.
      await run.acknowledge({ ...acknowledged, checkpoint: undefined });
      throw stop;
    }
    await run.acknowledge({ ...acknowledged, checkpoint: progress(cursor) });
  };

  const retryKeys = (checkpoint.retry ?? []).slice(0, remaining);
  const retried = new Set(retryKeys);
  if (retryKeys.length > 0) {
    const records: ConnectorRecord[] = [];
    const unreadable: NewRunRecord[] = [];
    for (const key of retryKeys) {
      try {
        const record = await withRetry(ctx.allowance, () =>
          ctx.from.connector.read(ctx.from.entity, key, ctx.signal ? { signal: ctx.signal } : {}),
        );
        if (record) records.push(record);
      } catch (error) {
        if (isStopKind(kindOf(error))) stopGuard(ctx, ctx.from)(error);
        // One unreadable record must not block the profile: it stays on the list for the next run.
        failed.add(key);
        run.tally.add('failed');
        unreadable.push({ sourceKey: key, outcome: 'failed', error: toClassifiedError(error, ctx.now()) });
      }
    }
    remaining -= retryKeys.length;
    read += records.length;
    await page(records, checkpoint.resume?.cursor ?? null, unreadable);
  }

  if (remaining > 0) {
    const since =
      checkpoint.watermark === undefined
        ? undefined
        : new Date(Date.parse(checkpoint.watermark) - ctx.settings.overlapMs);
    let after: JsonValue | undefined = checkpoint.resume?.cursor ?? undefined;
    // A read that fails half-way (after the client's own retries) starts again after the last acknowledged page;
    // the attempts count per page, not per pass.
    let attempt = 0;
    for (;;) {
      try {
        const pages = ctx.from.connector.readChanges(ctx.from.entity, {
          since,
          after: after === null ? undefined : after,
          pageSize: Math.min(ctx.settings.pageSize, remaining),
          signal: ctx.signal,
        });
        for await (const changed of pages) {
          const records = changed.records.filter((record) => !retried.has(record.key)).slice(0, remaining);
          remaining -= records.length;
          read += records.length;
          await page(records, changed.cursor);
          after = changed.cursor;
          attempt = 0;
          if (remaining <= 0) break;
        }
        break;
      } catch (error) {
        if (error instanceof StopRunSignal || !isRetryableKind(kindOf(error)))
          stopGuard(ctx, ctx.from)(error);
        attempt += 1;
        if (attempt >= ctx.allowance.attempts || !(await ctx.allowance.wait(attempt, error))) throw error;
      }
    }
  }

  if (limit !== undefined) return { checkpoint: undefined, read };
  const keys = [...failed];
  if (keys.length > MAX_RETRY_KEYS) overflowed = true;
  return {
    checkpoint: {
      // Too many failures to carry: keep the old watermark so the next run reads them again as changes.
      watermark: overflowed ? checkpoint.watermark : startedAt,
      retry: keys.length > 0 ? keys.slice(0, MAX_RETRY_KEYS) : undefined,
    },
    read,
  };
}

/**
 * Syncs a page's records, `concurrency` at a time (records are independent; their order in the run log is kept).
 * A stop signal lets the records in flight finish, starts no new ones, and is returned with the results so far, so
 * the page is never acknowledged as a whole.
 */
async function processPage(
  run: PassRun,
  records: readonly ConnectorRecord[],
  failed: Set<string>,
): Promise<{ results: (RecordResult | undefined)[]; stop: unknown }> {
  const results: (RecordResult | undefined)[] = new Array(records.length).fill(undefined);
  let next = 0;
  let stop: unknown;
  const worker = async (): Promise<void> => {
    while (stop === undefined && next < records.length) {
      const index = next++;
      const record = records[index] as ConnectorRecord;
      if (run.ctx.signal?.aborted) {
        stop = run.ctx.signal.reason ?? new Error('aborted');
        return;
      }
      try {
        const result = await syncRecord(run.ctx, record);
        results[index] = result;
        run.tally.add(result.record.outcome);
        if (result.retry) failed.add(record.key);
        else failed.delete(record.key);
        run.onRecord();
      } catch (error) {
        stop ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(run.ctx.settings.concurrency, records.length) }, worker));
  return { results, stop };
}
