import type { FieldChange, JsonValue, PlanEntry, Run, RunCounts, RunRecord } from '@databridge/core';
import { EXIT_CODES } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { colors } from '../render.js';

/** Error kinds that stop a run because the user must act (sign in, grant a role, fix the tenant or the data). */
const NEEDS_ACTION_KINDS = new Set([
  'reauth_required',
  'auth_expired',
  'permission',
  'tenant',
  'validation',
  'not_found',
  'protocol',
  'transient',
  'rate_limited',
  'conflict',
]);

/**
 * The exit code of a finished run: 0 succeeded, 1 partial (some records failed), 2 stopped for something the user
 * can act on (a connection needing sign-in or permission, an unreachable system, a cancel), 3 anything else.
 */
export function exitCodeForRun(run: Run): number {
  if (run.state === 'succeeded') return EXIT_CODES.ok;
  if (run.state === 'partial') return EXIT_CODES.recordsFailed;
  if (run.state === 'cancelled') return EXIT_CODES.needsAction;
  if (run.error && NEEDS_ACTION_KINDS.has(run.error.kind)) return EXIT_CODES.needsAction;
  // An `unknown` failure before any call usually names a configuration problem (a missing entity, a lookup).
  if (run.error && run.apiCalls === 0 && run.counts.seen === 0) return EXIT_CODES.needsAction;
  return EXIT_CODES.internal;
}

/** How long a run took, e.g. `850 ms`, `12.4 s`, `3 min 5 s`; empty while it runs. */
export function formatDuration(run: Pick<Run, 'startedAt' | 'finishedAt'>): string {
  if (!run.startedAt || !run.finishedAt) return '';
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Counts as `30 seen: 25 created, 5 updated` (only the non-zero outcomes). */
export function formatCounts(counts: RunCounts): string {
  const parts = (['created', 'updated', 'unchanged', 'skipped', 'failed'] as const)
    .filter((key) => counts[key] > 0)
    .map((key) => `${counts[key]} ${key}`);
  return `${counts.seen} seen${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** A run state coloured by how it ended. */
export function stateLabel(io: CliIo, state: string): string {
  const c = colors(io);
  if (state === 'succeeded') return c.ok(state);
  if (state === 'partial' || state === 'running' || state === 'queued') return c.warn(state);
  return c.bad(state);
}

/** A value in a diff: text quoted, empty as `(empty)`, objects as JSON. */
export function formatValue(value: JsonValue | undefined): string {
  if (value === undefined || value === null || value === '') return '(empty)';
  return JSON.stringify(value);
}

/** `field: before → after` for an update, `field: value` for a create. */
export function formatChange(change: FieldChange, create = false): string {
  return create
    ? `${change.field}: ${formatValue(change.after)}`
    : `${change.field}: ${formatValue(change.before)} → ${formatValue(change.after)}`;
}

const SIGN: Readonly<Record<PlanEntry['action'], string>> = {
  create: '+',
  update: '~',
  unchanged: '=',
  skip: '-',
  fail: '!',
};

/** The dry-run plan as a readable diff: one header line per record, its fields indented below. */
export function planLines(io: CliIo, plan: readonly PlanEntry[], twoWay: boolean): string[] {
  const c = colors(io);
  const paint: Readonly<Record<PlanEntry['action'], (text: string) => string>> = {
    create: c.ok,
    update: c.warn,
    unchanged: c.dim,
    skip: c.dim,
    fail: c.bad,
  };
  const lines: string[] = [];
  for (const entry of plan) {
    const way = twoWay ? (entry.direction === 'source_to_target' ? '→ ' : '← ') : '';
    const key =
      entry.targetKey && entry.action !== 'create'
        ? `${entry.sourceKey} → ${entry.targetKey}`
        : entry.sourceKey;
    const reason = entry.reason ? ` (${entry.reason})` : '';
    lines.push(paint[entry.action](`${SIGN[entry.action]} ${way}${entry.action} ${key}${reason}`));
    if (entry.action === 'create' || entry.action === 'update') {
      for (const change of entry.changes ?? [])
        lines.push(`    ${formatChange(change, entry.action === 'create')}`);
    }
  }
  return lines;
}

/** What a run record says beyond its outcome: the error and remedy, the changed fields, or the reason. */
export function recordDetail(record: RunRecord): string {
  if (record.error) {
    const { kind, message, remedy } = record.error;
    return `${kind}: ${message}${remedy && !message.includes(remedy) ? ` ${remedy}` : ''}`;
  }
  const changes = record.detail?.changes;
  if (changes && changes.length > 0)
    return changes.map((change) => formatChange(change, record.outcome === 'created')).join('\n');
  return record.detail?.reason ?? '';
}
