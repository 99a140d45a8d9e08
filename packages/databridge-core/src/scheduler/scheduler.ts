import type { Cron } from 'croner';
import type { Run } from '../model/run.js';
import type { Store } from '../store/store.js';
import { RunInProgressError } from '../sync/run-in-progress-error.js';
import type { RunProfileOptions, RunReport } from '../sync/run-options.js';
import { InvalidScheduleError } from './invalid-schedule-error.js';
import { compileCron, isTimeZone, validateCron } from './validate-cron.js';

/** Runs one profile: `runProfile` bound to its store, vault and connector resolver. */
export type RunProfileFunction = (profileId: string, options: RunProfileOptions) => Promise<RunReport>;

/** A scheduled run of a profile is armed: it will start at {@link ScheduledEvent.at}. */
export interface ScheduledEvent {
  /** Discriminant. */
  readonly type: 'scheduled';
  /** The profile. */
  readonly profileId: string;
  /** When the run is due. */
  readonly at: Date;
}

/** The scheduler handed a profile to `run` (which may still refuse it; see {@link RefusedEvent}). */
export interface StartedEvent {
  /** Discriminant. */
  readonly type: 'started';
  /** The profile. */
  readonly profileId: string;
  /** `schedule`, `manual`, or the trigger the caller passed. */
  readonly trigger: string;
}

/** A run ended (succeeded, partial or failed records: the run's state says). */
export interface FinishedEvent {
  /** Discriminant. */
  readonly type: 'finished';
  /** The profile. */
  readonly profileId: string;
  /** What started the run. */
  readonly trigger: string;
  /** The run as stored. */
  readonly run: Run;
  /** Everything `run` returned. */
  readonly report: RunReport;
}

/** `run` threw (other than refusing): the run as a whole failed. The scheduler goes on. */
export interface FailedEvent {
  /** Discriminant. */
  readonly type: 'failed';
  /** The profile. */
  readonly profileId: string;
  /** What started the run. */
  readonly trigger: string;
  /** What `run` threw. */
  readonly error: unknown;
}

/**
 * A run was not started because the profile was already running, in this scheduler (then `run` was not called) or
 * in another process sharing the store (then `run` threw a {@link RunInProgressError}).
 */
export interface RefusedEvent {
  /** Discriminant. */
  readonly type: 'refused';
  /** The profile. */
  readonly profileId: string;
  /** What tried to start the run. */
  readonly trigger: string;
  /** Why, for the log. */
  readonly reason: string;
}

/** Everything a {@link Scheduler} reports through {@link SchedulerOptions.onEvent}. */
export type SchedulerEvent = ScheduledEvent | StartedEvent | FinishedEvent | FailedEvent | RefusedEvent;

/** Options of {@link createScheduler}. */
export interface SchedulerOptions {
  /** Where the profiles and their `schedule` cron expressions are read from. */
  readonly store: Pick<Store, 'listProfiles'>;
  /**
   * Runs a profile; `runProfile` takes the profile's lease and throws {@link RunInProgressError} when another
   * process is running it.
   */
  readonly run: RunProfileFunction;
  /** IANA time zone the cron expressions are read in (such as `Europe/Oslo`); the system's zone when absent. */
  readonly timeZone?: string | undefined;
  /** Told about every scheduled, started, finished, failed and refused run. Must not throw (errors are ignored). */
  readonly onEvent?: ((event: SchedulerEvent) => void) | undefined;
  /** The clock (for tests); `new Date()` when absent. */
  readonly now?: (() => Date) | undefined;
}

/** Runs profiles on their cron schedules, in this process, and one at a time per profile. */
export interface Scheduler {
  /**
   * Loads the profiles' schedules and arms them. Rejects with {@link InvalidScheduleError} (arming nothing) when a
   * schedule is invalid. Calling it again reloads.
   */
  start(): Promise<void>;
  /** Disarms every schedule and resolves once the runs this scheduler started have ended. Triggers are refused meanwhile. */
  stop(): Promise<void>;
  /**
   * Re-reads the profiles' schedules (after a profile was created, changed or deleted) and re-arms them when started.
   * With an invalid schedule it rejects with {@link InvalidScheduleError} and keeps the schedules it had.
   */
  reload(): Promise<void>;
  /**
   * Runs a profile now (trigger `manual` unless `options.trigger` says otherwise) and returns its report. Rejects at
   * once with {@link RunInProgressError}, without calling `run`, when this scheduler is running the profile.
   */
  trigger(profileId: string, options?: RunProfileOptions): Promise<RunReport>;
  /** When the profile's next scheduled run is due, or `undefined` (no schedule, never fires, or not started). */
  next(profileId: string): Date | undefined;
  /** Ids of the profiles this scheduler is running right now. */
  running(): string[];
}

/** setTimeout's longest delay; longer waits are split. */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** A timer that fires this little early still counts as due (timers and clocks are not exact). */
const EARLY_TOLERANCE_MS = 1000;

interface Entry {
  readonly profileId: string;
  readonly cron: Cron;
  next: Date | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Creates an in-process scheduler that runs each profile with a `schedule` on its cron expression, never two runs of
 * one profile at once: a tick that comes while the previous run is still going is refused (reported, not queued).
 *
 * @example
 * ```ts
 * const scheduler = createScheduler({
 *   store,
 *   run: (profileId, options) => runProfile({ store, vault, resolveConnector, profileId, ...options }),
 *   timeZone: 'Europe/Oslo',
 *   onEvent: (event) => console.log(event.type, event.profileId),
 * });
 * await scheduler.start();
 * process.on('SIGTERM', () => void scheduler.stop());
 * ```
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  if (typeof options?.run !== 'function') {
    throw new TypeError('createScheduler needs a `run` function (such as runProfile bound to your store).');
  }
  if (typeof options.store?.listProfiles !== 'function') {
    throw new TypeError('createScheduler needs a `store` to read the profiles from.');
  }
  const { store, run, timeZone } = options;
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    throw new RangeError(
      `Unknown time zone ${JSON.stringify(timeZone)}; use an IANA name such as "Europe/Oslo".`,
    );
  }
  const now = options.now ?? (() => new Date());

  let entries = new Map<string, Entry>();
  let names = new Map<string, string>();
  const active = new Map<string, Promise<void>>();
  let started = false;
  let stopping = false;
  /** Bumped by stop, so a start that was loading when stop came does not arm afterwards. */
  let epoch = 0;
  /** Loads run one after another, so the last one called wins. */
  let loading: Promise<unknown> = Promise.resolve();

  const emit = (event: SchedulerEvent): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's mistake must not stop the schedule.
    }
  };

  const disarm = (entry: Entry): void => {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
  };

  const wait = (entry: Entry): void => {
    disarm(entry);
    if (entry.next === undefined) return;
    const delay = Math.max(0, entry.next.getTime() - now().getTime());
    entry.timer = setTimeout(() => tick(entry), Math.min(delay, MAX_DELAY_MS));
  };

  const arm = (entry: Entry, after: Date): void => {
    entry.next = entry.cron.nextRun(after) ?? undefined;
    wait(entry);
    if (entry.next !== undefined) emit({ type: 'scheduled', profileId: entry.profileId, at: entry.next });
  };

  const execute = async (profileId: string, runOptions: RunProfileOptions & { trigger: string }) => {
    let release = (): void => {};
    active.set(
      profileId,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    const { trigger } = runOptions;
    try {
      emit({ type: 'started', profileId, trigger });
      const report = await run(profileId, runOptions);
      emit({ type: 'finished', profileId, trigger, run: report.run, report });
      return report;
    } catch (error) {
      if (error instanceof RunInProgressError) {
        emit({ type: 'refused', profileId, trigger, reason: error.message });
      } else {
        emit({ type: 'failed', profileId, trigger, error });
      }
      throw error;
    } finally {
      active.delete(profileId);
      release();
    }
  };

  const refuseBusy = (profileId: string, trigger: string): RunInProgressError => {
    const error = new RunInProgressError(profileId, names.get(profileId) ?? profileId);
    emit({ type: 'refused', profileId, trigger, reason: error.message });
    return error;
  };

  function tick(entry: Entry): void {
    entry.timer = undefined;
    if (!started || entries.get(entry.profileId) !== entry || entry.next === undefined) return;
    const due = entry.next;
    const current = now();
    if (due.getTime() - current.getTime() > EARLY_TOLERANCE_MS) {
      wait(entry); // a split long wait, or a timer that fired early
      return;
    }
    arm(entry, new Date(Math.max(current.getTime(), due.getTime())));
    if (active.has(entry.profileId)) {
      refuseBusy(entry.profileId, 'schedule');
      return;
    }
    execute(entry.profileId, { trigger: 'schedule' }).catch(() => {
      // Reported as an event; a scheduled run has nobody else to tell.
    });
  }

  const load = async (arming: boolean): Promise<void> => {
    const startEpoch = epoch;
    const profiles = await store.listProfiles();
    const loaded = new Map<string, Entry>();
    const loadedNames = new Map<string, string>();
    for (const profile of profiles) {
      loadedNames.set(profile.id, profile.name);
      if (profile.schedule === undefined || profile.schedule === null) continue;
      const result = validateCron(profile.schedule, { timeZone, now: now() });
      if (!result.valid) {
        throw new InvalidScheduleError(profile.id, profile.name, profile.schedule, result.message);
      }
      loaded.set(profile.id, {
        profileId: profile.id,
        cron: compileCron(profile.schedule, timeZone),
        next: undefined,
        timer: undefined,
      });
    }
    if (epoch !== startEpoch) return; // stopped while loading
    for (const entry of entries.values()) disarm(entry);
    entries = loaded;
    names = loadedNames;
    if (arming) started = true;
    if (!started) return;
    const from = now();
    for (const entry of entries.values()) arm(entry, from);
  };

  const queue = (arming: boolean): Promise<void> => {
    const next = loading.then(
      () => load(arming),
      () => load(arming),
    );
    loading = next.catch(() => undefined);
    return next;
  };

  return {
    start() {
      if (stopping)
        return Promise.reject(new Error('The scheduler is stopping; start it again once stop() resolved.'));
      return queue(true);
    },

    async stop() {
      epoch += 1;
      started = false;
      stopping = true;
      for (const entry of entries.values()) {
        disarm(entry);
        entry.next = undefined;
      }
      try {
        while (active.size > 0) await Promise.all(active.values());
      } finally {
        stopping = false;
      }
    },

    reload() {
      return queue(false);
    },

    async trigger(profileId, runOptions = {}) {
      const trigger = runOptions.trigger ?? 'manual';
      if (stopping)
        throw new Error('The scheduler is stopping; trigger the profile again once it has restarted.');
      if (active.has(profileId)) throw refuseBusy(profileId, trigger);
      return execute(profileId, { ...runOptions, trigger });
    },

    next(profileId) {
      return started ? entries.get(profileId)?.next : undefined;
    },

    running() {
      return [...active.keys()];
    },
  };
}
