import { healthForErrorKind, isUsable } from '../connections/health.js';
import type { HealthEvents } from '../connections/health-events.js';
import type { Connector, EntityDescription } from '../connectors/connector.js';
import type { ConnectorResolver } from '../connectors/connector-resolver.js';
import { toClassifiedError } from '../errors/to-classified-error.js';
import type { ClassifiedError } from '../model/classified-error.js';
import type { Connection } from '../model/connection.js';
import type { Profile } from '../model/profile.js';
import type { Run, RunState } from '../model/run.js';
import type { Store } from '../store/store.js';
import { StoreNotFoundError } from '../store/store-not-found-error.js';
import {
  checkpointJson,
  type PassCheckpoint,
  type ProfileCheckpoint,
  readCheckpoint,
} from './checkpoint-state.js';
import { KeyedLocks } from './keyed-locks.js';
import { buildLookups } from './lookups.js';
import { runPass } from './pass.js';
import { type PassSettings, type ProfileSettings, resolveProfileSettings } from './profile-settings.js';
import { type RecordSyncContext, StopRunSignal } from './record-sync.js';
import { isStopKind, kindOf, RetryAllowance } from './retry.js';
import { RunInProgressError } from './run-in-progress-error.js';
import { acquireRunLease, RUN_LEASE_TTL_MS, type RunLease } from './run-lease.js';
import type { PlanEntry, RunProfileOptions, RunReport } from './run-options.js';
import { PairLinks, type PassDirection, type Side } from './sides.js';
import { Tally } from './tally.js';

/** What {@link runProfile} needs. */
export interface SyncDeps {
  /** Profiles, connections, runs, links and checkpoints. */
  readonly store: Store;
  /** The connector of each connection (see `createConnectorResolver`). */
  readonly connectors: ConnectorResolver;
  /** Told when a run changes a connection's health. */
  readonly events?: HealthEvents | undefined;
  /** Clock (tests). */
  readonly now?: (() => Date) | undefined;
  /** Lifetime of the per-profile run lease in ms (default 60 s); a crashed run frees its profile after it. */
  readonly leaseTtlMs?: number | undefined;
}

const INTERRUPTED: Omit<ClassifiedError, 'at'> = {
  kind: 'unknown',
  message: 'Interrupted: the process running it ended before the run finished',
  remedy: 'Nothing to do: the next run resumed from its last acknowledged page.',
};

/**
 * Runs a profile once: takes its run lease (refusing with {@link RunInProgressError} while another run holds it),
 * checks both connections' health first, then syncs source → target and, for two-way profiles, target → source.
 * Every page is acknowledged (run records, counts and checkpoint in one transaction) only after its writes finished.
 * An error about a connection (`reauth_required`, `permission`, `tenant`) stops the run at once, keeps the
 * checkpoint at the last acknowledged page and sets that connection's health and remedy, which every profile on it
 * then shows; the next run after reconnecting resumes there.
 *
 * A dry run reads real data and writes nothing (no API writes, links, checkpoint or run row) and returns the plan;
 * only a connection it finds broken gets its health recorded, as a health check would.
 *
 * @example
 * ```ts
 * const { run } = await runProfile({ store, connectors }, profile.id, { onProgress: (p) => bar.update(p.counts.seen) });
 * console.log(run.state, run.counts);
 * ```
 * @throws ProfileConfigError for an invalid profile, RunInProgressError while it runs elsewhere.
 */
export async function runProfile(
  deps: SyncDeps,
  profileId: string,
  options: RunProfileOptions = {},
): Promise<RunReport> {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const profile = await store.getProfile(profileId);
  if (!profile) throw new StoreNotFoundError('profile', profileId);
  const settings = resolveProfileSettings(profile);
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit > 0))
    throw new RangeError(`limit must be a positive whole number, got ${String(options.limit)}`);
  const dryRun = options.dryRun === true;
  const lease = dryRun
    ? undefined
    : await acquireRunLease(store, profile.id, deps.leaseTtlMs ?? RUN_LEASE_TTL_MS);
  if (!dryRun && !lease) throw new RunInProgressError(profile.id, profile.name);
  try {
    return await execute(deps, profile, settings, options, now, lease);
  } finally {
    await lease?.release();
  }
}

async function execute(
  deps: SyncDeps,
  profile: Profile,
  settings: ProfileSettings,
  options: RunProfileOptions,
  now: () => Date,
  lease: RunLease | undefined,
): Promise<RunReport> {
  const { store } = deps;
  const dryRun = options.dryRun === true;
  // The caller's abort and the loss of the lease both stop the run between calls.
  const signals = [options.signal, lease?.signal].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length === 0 ? undefined : AbortSignal.any(signals);
  const startedAt = now().toISOString();
  const stored = await store.getCheckpoint(profile.id);
  let checkpoint: ProfileCheckpoint = readCheckpoint(stored?.value, profile.name);
  const tally = new Tally();
  const plan: PlanEntry[] = [];

  if (!dryRun) await closeInterruptedRuns(store, profile.id, now);
  let run: Run = dryRun
    ? dryRunShell(profile, startedAt, stored?.value, options.trigger)
    : await store.createRun({
        profileId: profile.id,
        state: 'running',
        startedAt,
        checkpointBefore: stored?.value,
        trigger: options.trigger,
      });

  const finish = async (state: RunState, error?: ClassifiedError, apiCalls = 0): Promise<RunReport> => {
    const patch = {
      state,
      counts: tally.counts(),
      apiCalls,
      finishedAt: now().toISOString(),
      ...(error ? { error } : {}),
      ...(state === 'succeeded' || state === 'partial'
        ? { checkpointAfter: checkpointJson(checkpoint) }
        : {}),
    };
    run = dryRun ? { ...run, ...patch } : await store.updateRun(run.id, patch);
    return { run, plan };
  };

  // Health first (issue 6 §3): a connection known to need the user fails the run before any call.
  const connections = await bothConnections(store, profile);
  for (const connection of connections) {
    if (!isUsable(connection.health)) return finish('failed', blockedBy(connection, now()));
  }

  let sides: { source: Side; target: Side };
  try {
    sides = {
      source: await side(deps, connections[0], profile.source.entity),
      target: await side(deps, connections[1], profile.target.entity),
    };
  } catch (error) {
    const classified = toClassifiedError(error, now());
    const broken = isStopKind(classified.kind) ? connectionOf(error, connections) : undefined;
    if (broken) await setHealth(deps, broken, classified, now);
    return finish('failed', classified);
  }
  const connectors = [...new Set([sides.source.connector, sides.target.connector])];
  const callsBefore = connectors.reduce((sum, c) => sum + (c.apiCalls?.() ?? 0), 0);
  const apiCalls = () => connectors.reduce((sum, c) => sum + (c.apiCalls?.() ?? 0), 0) - callsBefore;

  const allowance = new RetryAllowance({ ...settings.retry, ...options.retry }, signal);
  let lookups: Awaited<ReturnType<typeof buildLookups>>;
  try {
    lookups = await buildLookups(deps, settings.lookups, settings.optionalLookups);
  } catch (error) {
    return finish('failed', toClassifiedError(error, now()), apiCalls());
  }
  let remaining = options.limit;
  try {
    const passes: [PassDirection, PassSettings | undefined][] = [
      ['source_to_target', settings.forward],
      ['target_to_source', settings.reverse],
    ];
    for (const [direction, pass] of passes) {
      if (!pass || (remaining !== undefined && remaining <= 0)) continue;
      const forward = direction === 'source_to_target';
      const from = forward ? sides.source : sides.target;
      const to = forward ? sides.target : sides.source;
      const key = forward ? 'forward' : 'reverse';
      const ctx: RecordSyncContext = {
        direction,
        settings,
        pass,
        from,
        to,
        links: new PairLinks(store, profile, direction),
        allowance,
        dryRun,
        me: settings.skipOwnChanges ? await whoAmI(from, now) : undefined,
        mappingContext: { lookups },
        signal,
        now,
        locks: new KeyedLocks(),
        planned: dryRun ? new Map() : undefined,
      };
      const result = await runPass({
        ctx,
        checkpoint: checkpoint[key] ?? {},
        runStartedAt: startedAt,
        limit: remaining,
        tally,
        onRecord: () =>
          options.onProgress?.({
            runId: run.id,
            direction,
            counts: tally.counts(),
            apiCalls: apiCalls(),
            pages: tally.pages,
          }),
        acknowledge: async (page) => {
          tally.pages += 1;
          if (dryRun) {
            plan.push(...page.plan);
            return;
          }
          const next = page.checkpoint ? withPass(checkpoint, key, page.checkpoint) : undefined;
          lease?.check();
          await store.transaction(async (tx) => {
            if (page.records.length > 0) await tx.appendRunRecords(run.id, page.records);
            await tx.updateRun(run.id, { counts: tally.counts(), apiCalls: apiCalls() });
            if (next) await tx.setCheckpoint(profile.id, checkpointJson(next));
          });
          if (next) checkpoint = next;
        },
      });
      if (remaining !== undefined) remaining -= result.read;
      if (result.checkpoint && !dryRun) {
        checkpoint = withPass(checkpoint, key, result.checkpoint);
        await store.setCheckpoint(profile.id, checkpointJson(checkpoint));
      }
    }
  } catch (error) {
    if (error instanceof StopRunSignal) {
      await setHealth(deps, error.side.connection, error.error, now);
      return finish('failed', error.error, apiCalls());
    }
    if (lease?.signal.aborted) {
      const lost = lease.signal.reason as Error;
      return finish(
        'failed',
        { kind: 'unknown', message: lost.message, at: now().toISOString() },
        apiCalls(),
      );
    }
    if (options.signal?.aborted) {
      return finish(
        'cancelled',
        { kind: 'unknown', message: 'Cancelled', at: now().toISOString() },
        apiCalls(),
      );
    }
    const classified = toClassifiedError(error, now());
    if (isStopKind(classified.kind)) {
      await setHealth(deps, sides.source.connection, classified, now);
      return finish('failed', classified, apiCalls());
    }
    await finish('failed', classified, apiCalls());
    throw error;
  }
  return finish(tally.failed > 0 ? 'partial' : 'succeeded', undefined, apiCalls());
}

function withPass(
  checkpoint: ProfileCheckpoint,
  key: 'forward' | 'reverse',
  pass: PassCheckpoint,
): ProfileCheckpoint {
  return { ...checkpoint, [key]: pass };
}

async function bothConnections(store: Store, profile: Profile): Promise<[Connection, Connection]> {
  const source = await store.getConnection(profile.source.connectionId);
  if (!source) throw new StoreNotFoundError('connection', profile.source.connectionId);
  const target = await store.getConnection(profile.target.connectionId);
  if (!target) throw new StoreNotFoundError('connection', profile.target.connectionId);
  return [source, target];
}

async function side(deps: SyncDeps, connection: Connection, entity: string): Promise<Side> {
  const connector: Connector = await deps.connectors(connection);
  const description: EntityDescription | undefined = connector.describe().find((e) => e.name === entity);
  if (!description) {
    throw new Error(
      `${connector.system} has no entity ${JSON.stringify(entity)}; it offers ${connector
        .describe()
        .map((e) => e.name)
        .join(', ')}`,
    );
  }
  return { connection, connector, entity, description };
}

async function whoAmI(side: Side, now: () => Date): Promise<string | undefined> {
  if (!side.connector.whoAmI) return undefined;
  try {
    return await side.connector.whoAmI();
  } catch (error) {
    if (isStopKind(kindOf(error))) throw new StopRunSignal(toClassifiedError(error, now()), side);
    throw error;
  }
}

function connectionOf(error: unknown, connections: readonly Connection[]): Connection | undefined {
  const id = (error as { connectionId?: unknown }).connectionId;
  return connections.find((c) => c.id === id) ?? connections[0];
}

const HEALTH_PHRASES: Readonly<Record<string, string>> = {
  needs_reauth: 'needs a new sign-in',
  needs_permission: 'lacks a permission',
  unreachable: 'unreachable',
  expiring: 'about to expire',
};

function blockedBy(connection: Connection, at: Date): ClassifiedError {
  const last = connection.lastError;
  return {
    kind: last?.kind ?? (connection.health === 'needs_permission' ? 'permission' : 'reauth_required'),
    message: `Connection "${connection.name}" ${HEALTH_PHRASES[connection.health] ?? connection.health}${
      last ? `: ${last.message}` : ''
    }`,
    remedy: last?.remedy ?? `Reconnect "${connection.name}".`,
    at: at.toISOString(),
  };
}

/** Records on the connection what the run learnt about it, so every profile on it shows the same remedy. */
async function setHealth(
  deps: SyncDeps,
  connection: Connection,
  error: ClassifiedError,
  now: () => Date,
): Promise<void> {
  const health = healthForErrorKind(error.kind);
  if (!health) return;
  const current = await deps.store.getConnection(connection.id);
  await deps.store.updateConnection(connection.id, {
    health,
    lastError: error,
    lastCheckedAt: now().toISOString(),
  });
  if (current && current.health !== health)
    deps.events?.emit({ connectionId: connection.id, from: current.health, to: health, error });
}

/** Runs left `running` by a process that died are closed as interrupted (we hold the lease, so none is live). */
async function closeInterruptedRuns(store: Store, profileId: string, now: () => Date): Promise<void> {
  for (const run of await store.listRuns(profileId, { limit: 20 })) {
    if (run.state !== 'running' && run.state !== 'queued') continue;
    await store.updateRun(run.id, {
      state: 'failed',
      finishedAt: now().toISOString(),
      error: { ...INTERRUPTED, at: now().toISOString() },
    });
  }
}

function dryRunShell(
  profile: Profile,
  startedAt: string,
  before: Run['checkpointBefore'],
  trigger?: string,
): Run {
  return {
    id: 'dry-run',
    profileId: profile.id,
    state: 'running',
    counts: { seen: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
    startedAt,
    checkpointBefore: before,
    apiCalls: 0,
    trigger,
    createdAt: startedAt,
  };
}
