import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Profile, Run } from '../../src/model/index.js';
import {
  createScheduler,
  InvalidScheduleError,
  type SchedulerEvent,
  type SchedulerOptions,
  validateCron,
} from '../../src/scheduler/index.js';
import { SqliteStore } from '../../src/store/index.js';
import { RunInProgressError, type RunProfileOptions, type RunReport } from '../../src/sync/index.js';

const T0 = new Date('2026-01-05T00:00:00.000Z');

function report(profileId: string, trigger: string | undefined): RunReport {
  const run: Run = {
    id: `run-${profileId}`,
    profileId,
    state: 'succeeded',
    counts: { seen: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
    apiCalls: 0,
    trigger,
    createdAt: new Date().toISOString(),
  };
  return { run, plan: [] };
}

/** A promise with its resolve and reject at hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('validateCron', () => {
  it('accepts five-field expressions and nicknames and says when they fire next', () => {
    expect(validateCron('*/15 * * * *', { timeZone: 'UTC', now: T0 })).toEqual({
      valid: true,
      next: new Date('2026-01-05T00:15:00.000Z'),
    });
    expect(validateCron('@daily', { timeZone: 'UTC', now: T0 })).toMatchObject({ valid: true });
    expect(validateCron('0 6 * * 1-5', { timeZone: 'Europe/Oslo', now: T0 })).toEqual({
      valid: true,
      next: new Date('2026-01-05T05:00:00.000Z'), // 06:00 in Oslo (UTC+1) on a Monday
    });
  });

  it('explains bad expressions, impossible dates and unknown time zones', () => {
    const fields = validateCron('every day');
    expect(fields.valid).toBe(false);
    expect(!fields.valid && fields.message).toMatch(/five, six, or seven.*"\*\/15 \* \* \* \*"/);
    const minute = validateCron('61 * * * *');
    expect(!minute.valid && minute.message).toMatch(/minute: 61/);
    expect(validateCron('0 0 30 2 *')).toEqual({
      valid: false,
      message: expect.stringMatching(/never fires/),
    });
    expect(validateCron('* * * * *', { timeZone: 'Mars/Olympus' })).toEqual({
      valid: false,
      message: expect.stringMatching(/Unknown time zone "Mars\/Olympus"/),
    });
  });
});

describe('createScheduler', () => {
  let home: string;
  let store: SqliteStore;
  let events: SchedulerEvent[];
  let calls: { profileId: string; options: RunProfileOptions }[];
  let sourceId: string;
  let targetId: string;

  const profile = (name: string, schedule?: string): Promise<Profile> =>
    store.createProfile({
      name,
      source: { connectionId: sourceId, entity: 'Contact' },
      target: { connectionId: targetId, entity: 'customer' },
      direction: 'source_to_target',
      mapping: { rules: [{ copy: 'Name', to: 'name' }] },
      matchingKeys: ['corporateId'],
      schedule,
    });

  const scheduler = (
    run: SchedulerOptions['run'] = async (profileId, options) => report(profileId, options.trigger),
    extra: Partial<SchedulerOptions> = {},
  ) =>
    createScheduler({
      store,
      timeZone: 'UTC',
      onEvent: (event) => events.push(event),
      run: (profileId, options) => {
        calls.push({ profileId, options });
        return run(profileId, options);
      },
      ...extra,
    });

  const types = (profileId?: string) =>
    events.filter((e) => profileId === undefined || e.profileId === profileId).map((e) => e.type);

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: T0 });
    home = mkdtempSync(join(tmpdir(), 'databridge-scheduler-'));
    store = await SqliteStore.open({ home });
    sourceId = (await store.createConnection({ system: 'superoffice', name: 'SO', tenantId: 'Cust1' })).id;
    targetId = (await store.createConnection({ system: 'visma', name: 'Visma', tenantId: 'company-1' })).id;
    events = [];
    calls = [];
  });

  afterEach(async () => {
    vi.useRealTimers();
    await store.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('runs a scheduled profile on its cron expression with trigger "schedule"', async () => {
    const scheduled = await profile('Every 15 minutes', '*/15 * * * *');
    const manual = await profile('No schedule');
    const s = scheduler();
    expect(s.next(scheduled.id)).toBeUndefined(); // not started
    await s.start();
    expect(s.next(scheduled.id)).toEqual(new Date('2026-01-05T00:15:00.000Z'));
    expect(s.next(manual.id)).toBeUndefined();
    expect(events).toEqual([
      { type: 'scheduled', profileId: scheduled.id, at: new Date('2026-01-05T00:15:00.000Z') },
    ]);

    await vi.advanceTimersByTimeAsync(15 * 60_000 - 1);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([{ profileId: scheduled.id, options: { trigger: 'schedule' } }]);
    expect(types()).toEqual(['scheduled', 'scheduled', 'started', 'finished']);
    expect(events[3]).toMatchObject({
      type: 'finished',
      trigger: 'schedule',
      run: { profileId: scheduled.id },
    });
    expect(s.next(scheduled.id)).toEqual(new Date('2026-01-05T00:30:00.000Z'));

    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(calls).toHaveLength(3);
    await s.stop();
    expect(s.next(scheduled.id)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(calls).toHaveLength(3);
  });

  it('reads cron expressions in the given time zone', async () => {
    const p = await profile('Six in Oslo', '0 6 * * *');
    const s = scheduler(undefined, { timeZone: 'Europe/Oslo' });
    await s.start();
    expect(s.next(p.id)).toEqual(new Date('2026-01-05T05:00:00.000Z'));
    await s.stop();
    expect(() => scheduler(undefined, { timeZone: 'Nowhere/Land' })).toThrow(
      /Unknown time zone "Nowhere\/Land"/,
    );
  });

  it('never runs overlapping ticks of one profile twice: a tick during a run is refused', async () => {
    const p = await profile('Every minute', '* * * * *');
    const gate = deferred<void>();
    const s = scheduler(async (profileId, options) => {
      await gate.promise;
      return report(profileId, options.trigger);
    });
    await s.start();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(calls).toHaveLength(1);
    expect(s.running()).toEqual([p.id]);
    const refused = events.filter((e) => e.type === 'refused');
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({ profileId: p.id, trigger: 'schedule', reason: /already running/ });

    gate.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.running()).toEqual([]);
    expect(types().filter((t) => t === 'finished')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
    await s.stop();
  });

  it('refuses a trigger at once while this scheduler runs the profile, without calling run', async () => {
    const p = await profile('Manual');
    const gate = deferred<void>();
    const s = scheduler(async (profileId, options) => {
      await gate.promise;
      return report(profileId, options.trigger);
    });
    const first = s.trigger(p.id, { limit: 5 });
    expect(s.running()).toEqual([p.id]);
    const second = s.trigger(p.id);
    await expect(second).rejects.toBeInstanceOf(RunInProgressError);
    await expect(second).rejects.toMatchObject({ profileId: p.id });
    expect(calls).toEqual([{ profileId: p.id, options: { limit: 5, trigger: 'manual' } }]);

    gate.resolve();
    expect((await first).run.trigger).toBe('manual');
    expect(types()).toEqual(['started', 'refused', 'finished']);
    const third = await s.trigger(p.id, { trigger: 'cli' });
    expect(third.run.trigger).toBe('cli');
  });

  it('names the profile in the refusal once it has loaded the profiles', async () => {
    const p = await profile('Contacts to customers');
    const gate = deferred<void>();
    const s = scheduler(async (profileId, options) => {
      await gate.promise;
      return report(profileId, options.trigger);
    });
    await s.reload();
    const first = s.trigger(p.id);
    await expect(s.trigger(p.id)).rejects.toThrow(/"Contacts to customers" is already running/);
    gate.resolve();
    await first;
  });

  it('reports a run refused by another process and keeps going', async () => {
    const p = await profile('Busy elsewhere', '*/5 * * * *');
    let busy = true;
    const s = scheduler(async (profileId, options) => {
      if (busy) throw new RunInProgressError(profileId, 'Busy elsewhere');
      return report(profileId, options.trigger);
    });
    await s.start();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(events.at(-1)).toMatchObject({ type: 'refused', profileId: p.id, trigger: 'schedule' });
    expect((events.at(-1) as { reason: string }).reason).toMatch(/"Busy elsewhere" is already running/);
    busy = false;
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(events.at(-1)).toMatchObject({ type: 'finished', profileId: p.id });
    await s.stop();
  });

  it('reports a failed run as an event, and a failed trigger also rejects', async () => {
    const p = await profile('Failing', '0 * * * *');
    const boom = new Error('boom');
    const s = scheduler(async () => {
      throw boom;
    });
    await s.start();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(events.at(-1)).toEqual({ type: 'failed', profileId: p.id, trigger: 'schedule', error: boom });
    expect(s.next(p.id)).toEqual(new Date('2026-01-05T02:00:00.000Z'));
    await expect(s.trigger(p.id)).rejects.toBe(boom);
    expect(events.at(-1)).toEqual({ type: 'failed', profileId: p.id, trigger: 'manual', error: boom });
    expect(s.running()).toEqual([]);
    await s.stop();
  });

  it('rejects start with an invalid schedule, naming the profile and the expression, and arms nothing', async () => {
    const good = await profile('Good', '* * * * *');
    const bad = await profile('Nightly export', '0 25 * * *');
    const s = scheduler();
    const error = await s.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidScheduleError);
    expect(error).toMatchObject({ profileId: bad.id, expression: '0 25 * * *' });
    expect((error as Error).message).toMatch(/"Nightly export".*"0 25 \* \* \*".*hour/);
    expect(s.next(good.id)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(calls).toEqual([]);
    expect(events).toEqual([]);
  });

  it('reload picks up changed, added and removed schedules, and keeps the old ones on an invalid one', async () => {
    const a = await profile('A', '0 * * * *');
    const s = scheduler();
    await s.start();
    expect(s.next(a.id)).toEqual(new Date('2026-01-05T01:00:00.000Z'));

    await store.updateProfile(a.id, { schedule: '*/10 * * * *' });
    const b = await profile('B', '30 0 * * *');
    await s.reload();
    expect(s.next(a.id)).toEqual(new Date('2026-01-05T00:10:00.000Z'));
    expect(s.next(b.id)).toEqual(new Date('2026-01-05T00:30:00.000Z'));

    await store.updateProfile(b.id, { schedule: 'soon' });
    await expect(s.reload()).rejects.toThrow(/"B".*"soon"/);
    expect(s.next(b.id)).toEqual(new Date('2026-01-05T00:30:00.000Z'));

    await store.updateProfile(b.id, { schedule: null });
    await s.reload();
    expect(s.next(b.id)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(calls.map((c) => c.profileId)).toEqual([a.id, a.id, a.id]);
    await s.stop();
  });

  it('stop disarms the schedules and waits for running runs; triggers are refused meanwhile', async () => {
    const p = await profile('Slow', '* * * * *');
    const gate = deferred<void>();
    const s = scheduler(async (profileId, options) => {
      await gate.promise;
      return report(profileId, options.trigger);
    });
    await s.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.running()).toEqual([p.id]);
    let stopped = false;
    const stopping = s.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(stopped).toBe(false);
    await expect(s.trigger('other')).rejects.toThrow(/stopping/);
    gate.resolve();
    await stopping;
    expect(stopped).toBe(true);
    expect(calls).toHaveLength(1);
    expect(s.running()).toEqual([]);

    await s.start(); // a stopped scheduler can start again
    expect(s.next(p.id)).toEqual(new Date('2026-01-05T00:07:00.000Z'));
    await s.stop();
  });

  it('survives a throwing event listener', async () => {
    const p = await profile('Listener', '* * * * *');
    const s = scheduler(undefined, {
      onEvent: () => {
        throw new Error('listener bug');
      },
    });
    await s.start();
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(calls.map((c) => c.profileId)).toEqual([p.id, p.id]);
    await expect(s.trigger(p.id)).resolves.toMatchObject({ run: { trigger: 'manual' } });
    await s.stop();
  });

  it('checks its options', () => {
    expect(() => createScheduler({ store, run: undefined as never })).toThrow(/needs a `run` function/);
    expect(() => createScheduler({ store: {} as never, run: async () => report('x', undefined) })).toThrow(
      /needs a `store`/,
    );
  });
});
