import type { ConnectorRecord } from '../connectors/connector.js';
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
import { isRetryableKind, kindOf, withRetry } from './retry.js';
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
  let remaining = limit ?? Number.POSITIVE_INFINITY;
  let read = 0;
  const progress = (cursor: JsonValue): PassCheckpoint | undefined =>
    limit === undefined
      ? {
          watermark: checkpoint.watermark,
          resume: { startedAt, cursor },
          retry: failed.size > 0 ? [...failed].slice(0, MAX_RETRY_KEYS) : undefined,
        }
      : undefined;

  const retryKeys = (checkpoint.retry ?? []).slice(0, remaining);
  const retried = new Set(retryKeys);
  if (retryKeys.length > 0) {
    const records: ConnectorRecord[] = [];
    for (const key of retryKeys) {
      const record = await withRetry(ctx.allowance, () =>
        ctx.from.connector.read(ctx.from.entity, key, ctx.signal ? { signal: ctx.signal } : {}),
      ).catch(stopGuard(ctx, ctx.from));
      if (record) records.push(record);
    }
    remaining -= retryKeys.length;
    read += records.length;
    const results = await processPage(run, records, failed);
    await run.acknowledge({ ...split(results), checkpoint: progress(checkpoint.resume?.cursor ?? null) });
  }

  if (remaining > 0) {
    const since =
      checkpoint.watermark === undefined
        ? undefined
        : new Date(Date.parse(checkpoint.watermark) - ctx.settings.overlapMs);
    let after: JsonValue | undefined = checkpoint.resume?.cursor ?? undefined;
    // A read that fails half-way (after the client's own retries) starts again after the last acknowledged page.
    for (let attempt = 1; remaining > 0; attempt++) {
      try {
        const pages = ctx.from.connector.readChanges(ctx.from.entity, {
          since,
          after: after === null ? undefined : after,
          pageSize: Math.min(ctx.settings.pageSize, remaining),
          signal: ctx.signal,
        });
        for await (const page of pages) {
          const records = page.records.filter((record) => !retried.has(record.key)).slice(0, remaining);
          remaining -= records.length;
          read += records.length;
          const results = await processPage(run, records, failed);
          await run.acknowledge({ ...split(results), checkpoint: progress(page.cursor) });
          after = page.cursor;
          if (remaining <= 0) break;
        }
        break;
      } catch (error) {
        if (error instanceof StopRunSignal || !isRetryableKind(kindOf(error)))
          stopGuard(ctx, ctx.from)(error);
        if (attempt >= ctx.allowance.attempts || !(await ctx.allowance.wait(attempt, error))) throw error;
      }
    }
  }

  if (limit !== undefined) return { checkpoint: undefined, read };
  const keys = [...failed];
  return {
    checkpoint: {
      // Too many failures to carry: keep the old watermark so the next run reads them again as changes.
      watermark: keys.length > MAX_RETRY_KEYS ? checkpoint.watermark : startedAt,
      retry: keys.length > 0 ? keys.slice(0, MAX_RETRY_KEYS) : undefined,
    },
    read,
  };
}

/**
 * Syncs a page's records, `concurrency` at a time (records are independent; their order in the run log is kept).
 * A stop signal lets the records in flight finish, starts no new ones, and is rethrown, so the page is never
 * acknowledged.
 */
async function processPage(
  run: PassRun,
  records: readonly ConnectorRecord[],
  failed: Set<string>,
): Promise<RecordResult[]> {
  const results: RecordResult[] = new Array(records.length);
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
  if (stop !== undefined) throw stop;
  return results;
}

function split(results: readonly RecordResult[]): { records: NewRunRecord[]; plan: PlanEntry[] } {
  return { records: results.map((r) => r.record), plan: results.map((r) => r.plan) };
}
