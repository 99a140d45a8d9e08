import type { FieldChange, Run, RunCounts } from '../model/run.js';

/** Bounds on retrying `transient` and `rate_limited` failures within one run. */
export interface RetryBudget {
  /** Attempts per call, the first included (default 6). */
  readonly attempts?: number | undefined;
  /** First backoff in ms, doubled per attempt with full jitter, at least a server's `Retry-After` (default 200). */
  readonly minDelayMs?: number | undefined;
  /** Longest single wait in ms (default 30000). */
  readonly maxDelayMs?: number | undefined;
  /** Total time a run may spend waiting on retries, in ms (default 10 minutes); past it, records fail instead. */
  readonly totalDelayMs?: number | undefined;
}

/** Options of {@link runProfile}. */
export interface RunProfileOptions {
  /** Read real data, write nothing (no API writes, no links, no checkpoint, no run row); return the plan. */
  readonly dryRun?: boolean | undefined;
  /** Stop after this many source records ("first N records" test runs). A limited run never moves the watermark. */
  readonly limit?: number | undefined;
  /** Aborts the run between calls; the checkpoint stays at the last acknowledged page. */
  readonly signal?: AbortSignal | undefined;
  /** Told about progress after every record (for progress bars). */
  readonly onProgress?: ((progress: RunProgress) => void) | undefined;
  /** What started the run (`manual`, `schedule`, `cli`, `web`), kept on the run. */
  readonly trigger?: string | undefined;
  /** Retry bounds for this run. */
  readonly retry?: RetryBudget | undefined;
}

/** Progress of a running profile. */
export interface RunProgress {
  /** The run's id (`dry-run` for a dry run). */
  readonly runId: string;
  /** Which pass of a two-way profile is running. */
  readonly direction: 'source_to_target' | 'target_to_source';
  /** Counts so far. */
  readonly counts: RunCounts;
  /** API calls so far. */
  readonly apiCalls: number;
  /** Pages acknowledged so far. */
  readonly pages: number;
}

/** One record's line in a dry-run plan. */
export interface PlanEntry {
  /** Which way the record would move. */
  readonly direction: 'source_to_target' | 'target_to_source';
  /** Key of the source record. */
  readonly sourceKey: string;
  /** Key of the target record, when one was found. */
  readonly targetKey?: string | undefined;
  /** What a real run would do. */
  readonly action: 'create' | 'update' | 'unchanged' | 'skip' | 'fail';
  /** For `update`: field by field, before and after. For `create`: every field with only `after`. */
  readonly changes?: readonly FieldChange[] | undefined;
  /** For `skip`, `unchanged` and `fail`: why. */
  readonly reason?: string | undefined;
}

/** What {@link runProfile} returns. */
export interface RunReport {
  /** The run as stored (for a dry run, an unsaved run with the would-be counts). */
  readonly run: Run;
  /** The per-record plan of a dry run; empty for a real run (read its records from the store). */
  readonly plan: readonly PlanEntry[];
}
