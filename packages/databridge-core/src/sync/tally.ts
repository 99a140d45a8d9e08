import type { RecordOutcome, RunCounts } from '../model/run.js';

/** Running counts of a run, shared by its passes. */
export class Tally {
  seen = 0;
  created = 0;
  updated = 0;
  unchanged = 0;
  skipped = 0;
  failed = 0;
  pages = 0;

  /** Counts one record's outcome. */
  add(outcome: RecordOutcome): void {
    this.seen += 1;
    this[outcome] += 1;
  }

  /** The counts as stored on the run. */
  counts(): RunCounts {
    const { seen, created, updated, unchanged, skipped, failed } = this;
    return { seen, created, updated, unchanged, skipped, failed };
  }
}
