import type { ConnectorRecord, MatchCriteria, WriteResult } from '../connectors/connector.js';
import { ConnectorError } from '../connectors/connector-error.js';
import type { ErrorKind } from '../errors/error-kind.js';
import { toClassifiedError, withRemedy } from '../errors/to-classified-error.js';
import type { MappingContext } from '../mapping/context.js';
import { mustParsePath, readPath, writePath } from '../mapping/path.js';
import type { ClassifiedError } from '../model/classified-error.js';
import type { NewRunRecord, RecordOutcome, RunRecordDetail } from '../model/run.js';
import { contentHash } from './content-hash.js';
import { allFields, diffFields } from './field-diff.js';
import type { KeyedLocks } from './keyed-locks.js';
import type { PassSettings, ProfileSettings } from './profile-settings.js';
import { isRetryableKind, isStopKind, kindOf, type RetryAllowance, withRetry } from './retry.js';
import type { PlanEntry } from './run-options.js';
import type { PairLinks, PassDirection, Side } from './sides.js';

/** Everything one pass needs to sync a record. */
export interface RecordSyncContext {
  readonly direction: PassDirection;
  readonly settings: ProfileSettings;
  readonly pass: PassSettings;
  /** Where records are read. */
  readonly from: Side;
  /** Where they are written. */
  readonly to: Side;
  readonly links: PairLinks;
  readonly allowance: RetryAllowance;
  readonly dryRun: boolean;
  /** The read-from side's own user, when own changes are skipped. */
  readonly me: string | undefined;
  readonly mappingContext: MappingContext;
  readonly signal: AbortSignal | undefined;
  readonly now: () => Date;
  /** Serialises records of a pass whose matching keys resolve to the same values. */
  readonly locks: KeyedLocks;
  /**
   * Dry runs only: the matching values of records this run would create, so a later record of the same run that
   * matches one is planned as the ambiguous match the real run will find.
   */
  readonly planned?: Map<string, string> | undefined;
}

/** How one record ended. */
export interface RecordResult {
  /** The run record to append. */
  readonly record: NewRunRecord;
  /** Its line in a dry-run plan. */
  readonly plan: PlanEntry;
  /** Read it again first next run (it failed in a way that may pass later). */
  readonly retry: boolean;
}

/** A failure that stops the run: the connection on `side` needs the user. */
export class StopRunSignal extends Error {
  override readonly name = 'StopRunSignal';
  constructor(
    readonly error: ClassifiedError,
    readonly side: Side,
  ) {
    super(error.message);
  }
}

/** The plan line of each outcome (a dry run plans what a real run records). */
const PLAN_ACTION: Readonly<Record<RecordOutcome, PlanEntry['action']>> = {
  created: 'create',
  updated: 'update',
  unchanged: 'unchanged',
  skipped: 'skip',
  failed: 'fail',
};

/** Raised inside the flow to end a record with an outcome. */
class Outcome {
  constructor(
    readonly outcome: RecordOutcome,
    readonly detail: RunRecordDetail,
    readonly targetKey?: string | undefined,
    readonly action?: PlanEntry['action'] | undefined,
  ) {}
}

/**
 * Syncs one record: loop prevention, mapping, write-schema check, content hash against the link, finding the
 * receiving record (link, then matching keys in order, never guessing between two), then create (looking up before
 * any repeat of an ambiguous create) or update of only the changed fields, and write-back. Errors that concern
 * the record end it as `failed`; errors that concern the connection throw {@link StopRunSignal}.
 */
export async function syncRecord(ctx: RecordSyncContext, source: ConnectorRecord): Promise<RecordResult> {
  const onSide: Guard = (side) => stopGuard(ctx, side);
  try {
    const done = await flow(ctx, source, onSide);
    return result(ctx, source.key, done);
  } catch (error) {
    if (error instanceof StopRunSignal) throw error;
    if ((error as Error).name === 'AbortError' && ctx.signal?.aborted) throw error;
    const classified = toClassifiedError(error, ctx.now());
    // Everything else is read again first by the next run (an API's validation error may pass once the target's
    // data is fixed); mapping failures wait for the source record to change, which brings it back anyway.
    const retry = (error as { noRetry?: boolean }).noRetry !== true;
    return {
      record: {
        sourceKey: source.key,
        outcome: 'failed',
        error: classified,
        detail: { direction: ctx.direction },
      },
      plan: {
        direction: ctx.direction,
        sourceKey: source.key,
        action: 'fail',
        reason: withRemedy(classified.message, classified.remedy),
      },
      retry,
    };
  }
}

function result(ctx: RecordSyncContext, key: string, done: Outcome): RecordResult {
  const detail: RunRecordDetail = { direction: ctx.direction, ...done.detail };
  const action: PlanEntry['action'] = done.action ?? PLAN_ACTION[done.outcome];
  return {
    record: { sourceKey: key, targetKey: done.targetKey, outcome: done.outcome, detail },
    plan: {
      direction: ctx.direction,
      sourceKey: key,
      targetKey: done.targetKey,
      action,
      changes: detail.changes,
      reason: detail.reason,
    },
    retry: false,
  };
}

type Guard = (side: Side) => (error: unknown) => never;

/** A `.catch` handler that turns a connection-level error from `side` into a {@link StopRunSignal}. */
export function stopGuard(ctx: RecordSyncContext, side: Side): (error: unknown) => never {
  return (error) => {
    if (isStopKind(kindOf(error))) throw new StopRunSignal(toClassifiedError(error, ctx.now()), side);
    throw error;
  };
}

async function flow(ctx: RecordSyncContext, source: ConnectorRecord, guard: Guard): Promise<Outcome> {
  const { to, links, allowance } = ctx;
  const pair = await links.get(source.key);
  // Loop prevention (lessons §9): the version we left behind means the last change was our own write.
  if (pair && source.version !== undefined && pair.fromVersion === source.version)
    return new Outcome(
      'skipped',
      { reason: 'the last change was written by this profile (loop prevention)' },
      pair.toKey,
    );
  if (ctx.me !== undefined && source.modifiedBy === ctx.me)
    return new Outcome(
      'skipped',
      { reason: `last changed by the integration's own user ${ctx.me} (loop prevention)` },
      pair?.toKey,
    );

  const mapped = ctx.pass.map(source.data, ctx.mappingContext);
  if (mapped.status === 'skipped') return new Outcome('skipped', { reason: mapped.skipped }, pair?.toKey);
  if (mapped.status === 'failed') {
    throw Object.assign(
      new ConnectorError(
        'validation',
        `Mapping failed: ${mapped.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
        { remedy: 'Fix the source record or the profile mapping.' },
      ),
      { noRetry: true },
    );
  }
  const payload = mapped.output;
  const invalid = to.description?.validateWrite?.(payload) ?? [];
  if (invalid.length > 0) {
    throw Object.assign(
      new ConnectorError(
        'validation',
        `The mapped record is not a valid ${to.entity}: ${invalid.join('; ')}`,
        {
          remedy: 'Fix the source record or the profile mapping.',
        },
      ),
      { noRetry: true },
    );
  }
  const hash = contentHash(payload);
  if (pair && pair.hash === hash)
    return new Outcome(
      'unchanged',
      { reason: 'same content as the last write', matchedBy: 'link' },
      pair.toKey,
    );

  if (pair?.toKey.startsWith(UNCONFIRMED)) {
    // An earlier create may have gone through without an answer. Only matching keys can tell; never create again
    // without them.
    if (ctx.pass.matchingKeys.length === 0) {
      throw new ConnectorError(
        'conflict',
        `An earlier create of this ${to.connector.system} ${to.entity} may have gone through without an answer, and the profile has no matching keys to check`,
        {
          remedy: `Check ${to.connector.system} for it, then add matching keys to the profile: the engine links it or creates it.`,
        },
      );
    }
  } else if (pair) {
    const target = await withRetry(allowance, () =>
      to.connector.read(to.entity, pair.toKey, opts(ctx)),
    ).catch(guard(to));
    if (!target) {
      throw new ConnectorError(
        'not_found',
        `The linked ${to.connector.system} ${to.entity} ${pair.toKey} no longer exists`,
        {
          remedy: `Restore it in ${to.connector.system}, or remove the link so the record is matched or created again.`,
        },
      );
    }
    return write(ctx, source, payload, hash, target, 'link', guard);
  }
  // No link yet: find or create under a lock on the matching values, so two records of this page that look like
  // the same target never both create it (the second then finds it linked to the first: an ambiguous match).
  const keys = lockKeys(ctx, payload);
  return ctx.locks.run(keys, async () => {
    const plannedFor =
      ctx.planned && keys.map((key) => ctx.planned?.get(key)).find((other) => other !== undefined);
    if (plannedFor !== undefined && plannedFor !== source.key) {
      throw new ConnectorError(
        'conflict',
        `Ambiguous match: the ${to.connector.system} ${to.entity} this record matches would be created for record ${plannedFor} earlier in this run`,
        {
          remedy:
            'Two source records look like the same target record; merge them or make the matching keys more specific.',
        },
      );
    }
    const found = await match(ctx, payload, source.key, guard);
    if (!found && ctx.planned) for (const key of keys) ctx.planned.set(key, source.key);
    return write(ctx, source, payload, hash, found?.record, found?.by ?? 'created', guard);
  });
}

async function write(
  ctx: RecordSyncContext,
  source: ConnectorRecord,
  payload: Record<string, unknown>,
  hash: string,
  target: ConnectorRecord | undefined,
  matchedBy: string,
  guard: Guard,
): Promise<Outcome> {
  if (!target) {
    if (ctx.pass.mode === 'update_only')
      return new Outcome('skipped', { reason: 'no linked or matching record, and this pass only updates' });
    return create(ctx, source, payload, hash, guard);
  }
  if (ctx.pass.mode === 'create_only' && matchedBy !== 'created')
    return new Outcome(
      'skipped',
      { reason: `a matching record exists (${matchedBy}), and this pass only creates`, matchedBy },
      target.key,
    );
  return update(ctx, source, payload, hash, target, matchedBy, guard);
}

/** The values of every matching key set that resolves, as lock keys. */
function lockKeys(ctx: RecordSyncContext, payload: Record<string, unknown>): string[] {
  return ctx.pass.matchingKeys.flatMap((keys) => {
    const criteria = criteriaOf(keys, payload);
    // Connectors compare trimmed and case-insensitively, so the locks do too.
    return criteria
      ? [
          JSON.stringify(
            Object.entries(criteria).map(([key, value]) => [key, String(value).trim().toLowerCase()]),
          ),
        ]
      : [];
  });
}

async function create(
  ctx: RecordSyncContext,
  source: ConnectorRecord,
  payload: Record<string, unknown>,
  hash: string,
  guard: Guard,
): Promise<Outcome> {
  if (ctx.dryRun) return new Outcome('created', { changes: allFields(payload), matchedBy: 'created' });
  const { to, allowance } = ctx;
  for (let attempt = 1; ; attempt++) {
    let created: WriteResult;
    try {
      created = await to.connector.create(to.entity, payload, opts(ctx));
    } catch (error) {
      const kind = kindOf(error);
      if (isStopKind(kind)) guard(to)(error);
      if (!isRetryableKind(kind) || attempt >= allowance.attempts || !(await allowance.wait(attempt, error)))
        throw mayHaveCommitted(kind) ? await ambiguousCreate(ctx, source, error, attempt) : error;
      // A 429 was refused before processing; anything else may have committed: look before creating again
      // (lessons §7: no idempotency keys at either API).
      if (kind !== 'rate_limited') {
        if (ctx.pass.matchingKeys.length === 0) throw await ambiguousCreate(ctx, source, error, attempt);
        const found = await match(ctx, payload, source.key, guard);
        if (found?.record) {
          return update(
            ctx,
            source,
            payload,
            hash,
            found.record,
            'lookup_after_ambiguous_create',
            guard,
            'created',
          );
        }
      }
      continue;
    }
    await linkAndWriteBack(ctx, source, created, hash, created.version, guard);
    return new Outcome('created', { changes: allFields(payload), matchedBy: 'created' }, created.key);
  }
}

/** The target key of a link whose create may or may not have happened (the real key is unknown). */
const UNCONFIRMED = '?unconfirmed:';

/**
 * A create that may or may not have committed. With matching keys, the next run looks it up first; without, a
 * placeholder link makes every later run refuse to create it again until someone checks.
 */
async function ambiguousCreate(
  ctx: RecordSyncContext,
  source: ConnectorRecord,
  error: unknown,
  attempts: number,
): Promise<Error> {
  if (ctx.pass.matchingKeys.length === 0)
    await ctx.links.save(source.key, `${UNCONFIRMED}${source.key}`, { hash: '' });
  return ambiguous(ctx, error, attempts);
}

/** The error of a create that may or may not have committed; the record is read again next run, never blindly. */
function ambiguous(ctx: RecordSyncContext, error: unknown, attempts: number): Error {
  const keys = ctx.pass.matchingKeys.length > 0;
  return new ConnectorError(
    'transient',
    `Creating the ${ctx.to.connector.system} ${ctx.to.entity} failed without a clear answer after ${attempts} attempt(s) (${(error as Error).message})`,
    {
      remedy: keys
        ? 'It will be looked up by its matching keys on the next run before anything is created again.'
        : 'Check whether it was created; add matching keys to the profile so the engine can check by itself.',
      cause: error,
    },
  );
}

async function update(
  ctx: RecordSyncContext,
  source: ConnectorRecord,
  mapped: Record<string, unknown>,
  hash: string,
  found: ConnectorRecord,
  matchedBy: string,
  guard: Guard,
  outcomeIfWritten: RecordOutcome = 'updated',
): Promise<Outcome> {
  const { to, allowance } = ctx;
  let target = found;
  const payload = withoutCreateOnly(mapped, to.description?.createOnlyFields);
  let diff = diffFields(payload, target.data);
  if (ctx.dryRun) {
    return diff.list.length === 0
      ? new Outcome('unchanged', { reason: 'the target already has these values', matchedBy }, target.key)
      : new Outcome(outcomeIfWritten, { changes: diff.list, matchedBy }, target.key, 'update');
  }
  if (diff.list.length === 0) {
    await linkAndWriteBack(ctx, source, target, hash, undefined, guard);
    const outcome: RecordOutcome = outcomeIfWritten === 'created' ? 'created' : 'unchanged';
    return new Outcome(outcome, { reason: 'the target already has these values', matchedBy }, target.key);
  }
  let written: WriteResult | undefined;
  // Set when an update failed in a way that may have applied it (then retried): a conflict after that is most
  // likely our own earlier attempt.
  let maybeApplied = false;
  for (let conflicts = 0; written === undefined; ) {
    try {
      const version = target.version;
      written = await withRetry(allowance, async () => {
        try {
          return await to.connector.update(to.entity, target.key, diff.changes, {
            ...opts(ctx),
            ifVersion: version,
          });
        } catch (error) {
          if (mayHaveCommitted(kindOf(error))) maybeApplied = true;
          throw error;
        }
      });
    } catch (error) {
      const kind = kindOf(error);
      if (isStopKind(kind)) guard(to)(error);
      // A conflict: someone changed the record since we read it. Re-read it and try once more (issue 6 §3).
      if (kind !== 'conflict' || conflicts++ > 0) throw error;
      const reread = await withRetry(allowance, () =>
        to.connector.read(to.entity, target.key, opts(ctx)),
      ).catch(guard(to));
      if (!reread) throw error;
      target = reread;
      diff = diffFields(payload, target.data);
      if (diff.list.length === 0) {
        await linkAndWriteBack(ctx, source, target, hash, target.version, guard);
        return maybeApplied
          ? new Outcome(
              outcomeIfWritten,
              { changes: [], matchedBy, reason: 'applied by a retried write' },
              target.key,
            )
          : new Outcome(
              'unchanged',
              { reason: 'the target already has these values', matchedBy },
              target.key,
            );
      }
    }
  }
  await linkAndWriteBack(
    ctx,
    source,
    { ...written, data: written.data ?? target.data },
    hash,
    written.version,
    guard,
  );
  return new Outcome(outcomeIfWritten, { changes: diff.list, matchedBy }, target.key);
}

/**
 * Saves the link right after a write (so a crash never loses it), and the content hash only once the write-back is
 * done too: a write-back that failed leaves the hash out, so the next run does the record again instead of calling
 * it unchanged.
 */
async function linkAndWriteBack(
  ctx: RecordSyncContext,
  source: ConnectorRecord,
  written: WriteResult,
  hash: string,
  toVersion: string | undefined,
  guard: Guard,
): Promise<void> {
  const pending = ctx.settings.writeBack !== undefined && ctx.direction === 'source_to_target';
  await ctx.links.save(source.key, written.key, { hash: pending ? '' : hash, toVersion });
  if (!pending) return;
  await writeBack(ctx, source, written, guard);
  await ctx.links.save(source.key, written.key, { hash });
}

/** Whether a failed write may still have been applied (no clear refusal): look before repeating a create. */
function mayHaveCommitted(kind: ErrorKind): boolean {
  return kind === 'transient' || kind === 'unknown' || kind === 'protocol';
}

/** Writes a value of the receiving record back into the read-from record (forward passes only). */
async function writeBack(
  ctx: RecordSyncContext,
  source: ConnectorRecord,
  written: WriteResult,
  guard: Guard,
): Promise<void> {
  const setting = ctx.settings.writeBack;
  if (!setting || ctx.direction !== 'source_to_target') return;
  const value = readPath(written.data, mustParsePath(setting.from));
  if (value === undefined || value === null) return;
  const field = mustParsePath(setting.field);
  if (readPath(source.data, field) === value) return;
  const changes: Record<string, unknown> = {};
  writePath(changes, field, value);
  const { from, allowance } = ctx;
  const result = await withRetry(allowance, () =>
    from.connector.update(from.entity, source.key, changes, opts(ctx)),
  ).catch(guard(from));
  // Remember the version we left, so the next run sees our own write-back as ours and skips it.
  await ctx.links.save(source.key, written.key, { fromVersion: result.version });
}

/** The receiving record found by the ordered matching keys; `undefined` when none matches. */
async function match(
  ctx: RecordSyncContext,
  payload: Record<string, unknown>,
  fromKey: string,
  guard: Guard,
): Promise<{ record: ConnectorRecord; by: string } | undefined> {
  const { to, allowance } = ctx;
  for (const keys of ctx.pass.matchingKeys) {
    const criteria = criteriaOf(keys, payload);
    if (!criteria) continue;
    const hits = await withRetry(allowance, () => to.connector.find(to.entity, criteria, opts(ctx))).catch(
      guard(to),
    );
    const by = `match:${keys.join('+')}`;
    if (hits.length === 0) continue;
    if (hits.length > 1) {
      // Never guess between two (issue 6 §2): record it and let a person decide; retried until they have.
      throw new ConnectorError(
        'conflict',
        `Ambiguous match: ${hits.length} ${to.connector.system} ${to.entity} records have ${describe(criteria)} (keys ${hits
          .map((hit) => hit.key)
          .join(', ')})`,
        { remedy: 'Merge the duplicates in the target, or make the matching keys more specific.' },
      );
    }
    const hit = hits[0] as ConnectorRecord;
    const other = await ctx.links.linkedElsewhere(hit.key, fromKey);
    if (other !== undefined) {
      throw new ConnectorError(
        'conflict',
        `Ambiguous match: ${to.connector.system} ${to.entity} ${hit.key} (${describe(criteria)}) is already linked to record ${other}`,
        {
          remedy:
            'Two source records look like the same target record; merge them or make the matching keys more specific.',
        },
      );
    }
    return { record: hit, by };
  }
  return undefined;
}

/** The payload without the fields an update must not send (a copy; the payload is left alone). */
function withoutCreateOnly(
  payload: Record<string, unknown>,
  fields: readonly string[] | undefined,
): Record<string, unknown> {
  if (!fields || fields.length === 0) return payload;
  const copy = structuredClone(payload);
  for (const field of fields) {
    const segments = mustParsePath(field);
    const parent = readPath(copy, segments.slice(0, -1));
    if (parent !== null && typeof parent === 'object')
      delete (parent as Record<string | number, unknown>)[segments.at(-1) as string | number];
  }
  return copy;
}

function criteriaOf(keys: readonly string[], payload: Record<string, unknown>): MatchCriteria | undefined {
  const criteria: Record<string, string | number | boolean> = {};
  for (const key of keys) {
    const value = readPath(payload, mustParsePath(key));
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return undefined;
    criteria[key] = value;
  }
  return criteria;
}

function describe(criteria: MatchCriteria): string {
  return Object.entries(criteria)
    .map(([key, value]) => `${key} = ${JSON.stringify(value)}`)
    .join(' and ');
}

function opts(ctx: RecordSyncContext): { signal?: AbortSignal } {
  return ctx.signal ? { signal: ctx.signal } : {};
}
