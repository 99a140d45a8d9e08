import type { ClassifiedError } from './classified-error.js';
import type { JsonValue } from './json.js';

/** Where a run is in its life. */
export type RunState = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled';

/** How many records ended each way. */
export interface RunCounts {
  /** Read from the source (each read of a record counts, so an overlap re-read counts twice). */
  readonly seen: number;
  /** Created in the target. */
  readonly created: number;
  /** Updated in the target. */
  readonly updated: number;
  /** Same content hash as the last write: nothing sent. */
  readonly unchanged: number;
  /** Skipped by a mapping condition or policy. */
  readonly skipped: number;
  /** Failed with a classified error. */
  readonly failed: number;
}

/** One execution of a profile. */
export interface Run {
  /** Store-wide unique id. */
  readonly id: string;
  /** The profile it ran. */
  readonly profileId: string;
  /** Current state. */
  readonly state: RunState;
  /** Outcome counts so far. */
  readonly counts: RunCounts;
  /** ISO 8601, when it started. */
  readonly startedAt?: string | undefined;
  /** ISO 8601, when it finished. */
  readonly finishedAt?: string | undefined;
  /** The profile's checkpoint when the run began. */
  readonly checkpointBefore?: JsonValue | undefined;
  /** The checkpoint the run ended at (committed only when the run succeeded). */
  readonly checkpointAfter?: JsonValue | undefined;
  /** Why the run as a whole failed. */
  readonly error?: ClassifiedError | undefined;
  /** API calls made by both connectors. */
  readonly apiCalls: number;
  /** What started it: `manual`, `schedule`, `cli`, `web`, or your own word. */
  readonly trigger?: string | undefined;
  /** ISO 8601. */
  readonly createdAt: string;
}

/** What a caller gives to create a {@link Run}. */
export interface NewRun {
  /** Id to use; a random UUID when absent. */
  readonly id?: string | undefined;
  /** See {@link Run.profileId}. */
  readonly profileId: string;
  /** See {@link Run.state}; `queued` when absent. */
  readonly state?: RunState | undefined;
  /** See {@link Run.startedAt}. */
  readonly startedAt?: string | undefined;
  /** See {@link Run.checkpointBefore}. */
  readonly checkpointBefore?: JsonValue | undefined;
  /** See {@link Run.trigger}. */
  readonly trigger?: string | undefined;
}

/** Fields of a {@link Run} that `updateRun` may change. */
export interface RunPatch {
  /** New state. */
  readonly state?: RunState;
  /** New counts (replaces all of them). */
  readonly counts?: RunCounts;
  /** New API call count. */
  readonly apiCalls?: number;
  /** Start time. */
  readonly startedAt?: string;
  /** Finish time. */
  readonly finishedAt?: string;
  /** Checkpoint reached. */
  readonly checkpointAfter?: JsonValue;
  /** Run-level error, or `null` to clear. */
  readonly error?: ClassifiedError | null;
}

/** How one record ended in a run. */
export type RecordOutcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

/** One field that an update changes (or a dry run would change). */
export interface FieldChange {
  /** The target field path, e.g. `mainAddress.city`. */
  readonly field: string;
  /** The value in the target before (absent when the field was empty). */
  readonly before?: JsonValue | undefined;
  /** The value written. */
  readonly after?: JsonValue | undefined;
}

/** What explains a run record beyond its outcome. */
export interface RunRecordDetail {
  /** Which way the record moved in a two-way profile. */
  readonly direction?: 'source_to_target' | 'target_to_source' | undefined;
  /** Why it was skipped or left unchanged, in words. */
  readonly reason?: string | undefined;
  /** The fields an update changed. */
  readonly changes?: readonly FieldChange[] | undefined;
  /** How the target record was found: `link`, `match:<keys>`, `lookup_after_ambiguous_create`, `created`. */
  readonly matchedBy?: string | undefined;
}

/** The per-record log line of a run. */
export interface RunRecord {
  /** The run it belongs to. */
  readonly runId: string;
  /** Position in the run, from 1, assigned by the store. */
  readonly seq: number;
  /** Key of the record in the source. */
  readonly sourceKey: string;
  /** Key of the record in the target, when known. */
  readonly targetKey?: string | undefined;
  /** How it ended. */
  readonly outcome: RecordOutcome;
  /** Why it failed. */
  readonly error?: ClassifiedError | undefined;
  /** Why it was skipped, what changed, how it was matched. */
  readonly detail?: RunRecordDetail | undefined;
  /** ISO 8601. */
  readonly at: string;
}

/** A run record before the store numbers it. */
export type NewRunRecord = Omit<RunRecord, 'runId' | 'seq' | 'at'> & {
  /** ISO 8601; the store's clock when absent. */
  readonly at?: string | undefined;
};
