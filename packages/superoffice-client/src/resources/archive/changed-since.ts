import { validationError } from '../shared/errors.js';
import { condition, type Filter, or } from './filter.js';

/** Options of {@link changedSince}. */
export interface ChangedSinceOptions {
  /**
   * Milliseconds subtracted from the watermark, so records written around it (clock skew, the date-vs-datetime
   * granularity question of §14) are read again; dedupe by primary key. Defaults to 0.
   */
  readonly overlapMs?: number | undefined;
  /** The "last updated" column; defaults to `updatedDate` (SimpleContact and friends, §14). */
  readonly updatedColumn?: string | undefined;
  /** The "created" column; defaults to `registeredDate`. */
  readonly registeredColumn?: string | undefined;
}

/**
 * The incremental-pull filter of superoffice.md §24 item 10: `updatedDate afterTime W or registeredDate afterTime W`,
 * with W = `since` − `overlapMs` in UTC. Both columns, because whether `updated` is set on insert is UNCERTAIN (§14).
 *
 * @example
 * ```ts
 * changedSince(new Date('2026-05-01T00:05:00Z'), { overlapMs: 5 * 60_000 }).toString();
 * // "updatedDate afterTime '2026-05-01T00:00:00' or registeredDate afterTime '2026-05-01T00:00:00'"
 * ```
 */
export function changedSince(since: Date, options: ChangedSinceOptions = {}): Filter {
  const overlapMs = options.overlapMs ?? 0;
  if (!Number.isFinite(overlapMs) || overlapMs < 0) {
    throw validationError(`overlapMs must be a non-negative number, got ${String(overlapMs)}`);
  }
  if (Number.isNaN(since.getTime())) throw validationError('changedSince needs a valid Date');
  const watermark = new Date(since.getTime() - overlapMs);
  return or(
    condition(options.updatedColumn ?? 'updatedDate', 'afterTime', watermark),
    condition(options.registeredColumn ?? 'registeredDate', 'afterTime', watermark),
  );
}
