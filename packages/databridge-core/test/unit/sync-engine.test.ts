import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HealthEvents } from '../../src/connections/health-events.js';
import { ConnectorError } from '../../src/connectors/connector-error.js';
import type { MappingSpec } from '../../src/mapping/spec-types.js';
import type { Profile } from '../../src/model/profile.js';
import { SqliteStore } from '../../src/store/index.js';
import { ProfileConfigError, RunInProgressError, runProfile, type SyncDeps } from '../../src/sync/index.js';
import { MemoryConnector } from '../support/memory-connector.js';

const FORWARD: MappingSpec = {
  version: 1,
  name: 'crm → erp',
  source: 'crm.company',
  target: 'erp.customer',
  skip: [{ path: 'deleted', is: 'equals', value: true, reason: 'deleted in the CRM' }],
  fields: [
    { target: 'name', rule: { kind: 'copy', from: 'name' }, pipe: [{ op: 'trim' }], required: true },
    { target: 'corporateId', rule: { kind: 'copy', from: 'orgNr' } },
    { target: 'address.city', rule: { kind: 'copy', from: 'city' } },
  ],
};

const REVERSE: MappingSpec = {
  version: 1,
  name: 'erp → crm',
  source: 'erp.customer',
  target: 'crm.company',
  // Per-field direction: the CRM owns name and org.nr (they only flow forward); the ERP owns the balance.
  fields: [
    { target: 'name', rule: { kind: 'copy', from: 'name' }, direction: 'source_to_target' },
    { target: 'orgNr', rule: { kind: 'copy', from: 'corporateId' }, direction: 'source_to_target' },
    { target: 'balance', rule: { kind: 'copy', from: 'balance' }, direction: 'target_to_source' },
  ],
};

let home: string;
let store: SqliteStore;
let crm: MemoryConnector;
let erp: MemoryConnector;
let deps: SyncDeps;
let crmId: string;
let erpId: string;

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'databridge-sync-'));
  store = await SqliteStore.open({ home });
  crm = new MemoryConnector('crm', ['company']);
  erp = new MemoryConnector('erp', ['customer']);
  crmId = (await store.createConnection({ system: 'crm', name: 'CRM', tenantId: 't1' })).id;
  erpId = (await store.createConnection({ system: 'erp', name: 'ERP', tenantId: 'c1' })).id;
  deps = { store, connectors: (c) => (c.system === 'crm' ? crm : erp), leaseTtlMs: 2000 };
});

afterEach(async () => {
  await store.close();
  rmSync(home, { recursive: true, force: true });
});

async function profile(overrides: Partial<Profile> = {}): Promise<Profile> {
  return store.createProfile({
    name: overrides.name ?? 'Companies',
    source: { connectionId: crmId, entity: 'company' },
    target: { connectionId: erpId, entity: 'customer' },
    direction: overrides.direction ?? 'source_to_target',
    mapping: overrides.mapping ?? (FORWARD as never),
    matchingKeys: overrides.matchingKeys ?? ['corporateId', 'name+address.city'],
    options: overrides.options ?? { pageSize: 3, retry: { minDelayMs: 0 } },
  });
}

function seed(count: number): void {
  for (let i = 1; i <= count; i++)
    crm.put('company', String(i), {
      name: ` Company ${i} `,
      orgNr: `9${String(i).padStart(8, '0')}`,
      city: 'Oslo',
    });
}

describe('runProfile', () => {
  it('creates every record once, links them, and a second run over unchanged data makes no call but the read', async () => {
    seed(7);
    const p = await profile();
    const first = await runProfile(deps, p.id);
    expect(first.run).toMatchObject({ state: 'succeeded', counts: { seen: 7, created: 7, failed: 0 } });
    expect(erp.rows('customer').size).toBe(7);
    expect([...erp.rows('customer').values()][0]?.data).toEqual({
      name: 'Company 1',
      corporateId: '900000001',
      address: { city: 'Oslo' },
    });
    expect(await store.listLinks(p.id)).toHaveLength(7);
    expect((await store.listRunRecords(first.run.id)).map((r) => r.outcome)).toEqual(
      Array(7).fill('created'),
    );
    expect(first.run.apiCalls).toBeGreaterThan(0);

    // Overlap: everything is re-read, and the content hash stops every write.
    const writesBefore = erp.calls.create + erp.calls.update;
    const readsBefore = erp.apiCalls();
    const second = await runProfile(deps, p.id);
    expect(second.run).toMatchObject({ state: 'succeeded', counts: { seen: 7, unchanged: 7 } });
    expect(erp.calls.create + erp.calls.update).toBe(writesBefore);
    expect(erp.apiCalls()).toBe(readsBefore);
  });

  it('saves a checkpoint per page and sets the watermark to the run start at the end', async () => {
    seed(5);
    const p = await profile();
    const { run } = await runProfile(deps, p.id);
    const checkpoint = (await store.getCheckpoint(p.id))?.value as { forward: { watermark: string } };
    expect(checkpoint.forward.watermark).toBe(run.startedAt);
    expect(checkpoint.forward).not.toHaveProperty('resume');
  });

  it('matches existing target records by the ordered keys, updates only changed fields, and never guesses', async () => {
    seed(3);
    erp.put('customer', '1', {
      name: 'Company 1',
      corporateId: '900000001',
      address: { city: 'Bergen' },
      note: 'keep',
    });
    erp.put('customer', '2', { name: 'Company 2', address: { city: 'Oslo' } });
    erp.put('customer', '3', { name: 'Other', corporateId: '900000003' });
    erp.put('customer', '4', { name: 'Other too', corporateId: '900000003' });
    const p = await profile();
    const { run } = await runProfile(deps, p.id);
    expect(run).toMatchObject({ state: 'partial', counts: { updated: 2, failed: 1 } });
    const records = await store.listRunRecords(run.id);
    expect(records[0]).toMatchObject({
      outcome: 'updated',
      targetKey: '1',
      detail: {
        matchedBy: 'match:corporateId',
        changes: [{ field: 'address.city', before: 'Bergen', after: 'Oslo' }],
      },
    });
    expect(erp.rows('customer').get('1')?.data.note).toBe('keep');
    expect(records[1]).toMatchObject({
      outcome: 'updated',
      targetKey: '2',
      detail: { matchedBy: 'match:name+address.city' },
    });
    expect(records[2]).toMatchObject({ outcome: 'failed', error: { kind: 'conflict' } });
    expect(records[2]?.error?.message).toContain(
      'Ambiguous match: 2 erp customer records have corporateId = "900000003"',
    );
    expect(erp.rows('customer').size).toBe(4);
    // The ambiguous record is read again next run.
    const checkpoint = (await store.getCheckpoint(p.id))?.value as { forward: { retry: string[] } };
    expect(checkpoint.forward.retry).toEqual(['3']);
  });

  it('looks a record up after an ambiguous create instead of creating it twice', async () => {
    seed(2);
    erp.faults = [{ method: 'create', kind: 'transient', commit: true }];
    const p = await profile();
    const { run } = await runProfile(deps, p.id);
    expect(run).toMatchObject({ state: 'succeeded', counts: { created: 2 } });
    expect(erp.rows('customer').size).toBe(2);
    const [first] = await store.listRunRecords(run.id);
    expect(first?.detail?.matchedBy).toBe('lookup_after_ambiguous_create');
  });

  it('never repeats an ambiguous create it cannot check, and says so', async () => {
    seed(1);
    erp.faults = [{ method: 'create', kind: 'transient', commit: true }];
    const p = await profile({ matchingKeys: [] });
    const { run } = await runProfile(deps, p.id);
    expect(run.counts.failed).toBe(1);
    expect(erp.calls.create).toBe(1);
    const [record] = await store.listRunRecords(run.id);
    expect(record?.error?.remedy).toContain('add matching keys');
  });

  it('retries rate limits and transient failures within the budget', async () => {
    seed(3);
    erp.faults = [
      { method: 'find', kind: 'transient', times: 2 },
      { method: 'create', kind: 'rate_limited', times: 2 },
    ];
    const p = await profile();
    const { run } = await runProfile(deps, p.id);
    expect(run).toMatchObject({ state: 'succeeded', counts: { created: 3 } });
    expect(erp.rows('customer').size).toBe(3);
  });

  it('records validation failures and goes on', async () => {
    seed(2);
    crm.put('company', '3', { name: 'x'.repeat(150) });
    crm.put('company', '4', { name: '   ' });
    const p = await profile();
    const { run } = await runProfile(deps, p.id);
    expect(run).toMatchObject({ state: 'partial', counts: { created: 2, failed: 2 } });
    const failed = await store.listRunRecords(run.id, { outcome: 'failed' });
    expect(failed.map((r) => r.error?.message)).toEqual([
      expect.stringContaining('name: at most 100 characters'),
      expect.stringContaining('name: a value is required'),
    ]);
  });

  it('stops at once on a connection error, keeps the checkpoint at the last acknowledged page, and resumes after reconnecting', async () => {
    seed(8);
    const p = await profile();
    const events = new HealthEvents();
    const seen: string[] = [];
    events.on((event) => seen.push(`${event.connectionId}:${event.to}`));
    // Page 1 (3 records) goes through; the 4th create fails with an expired grant.
    let creates = 0;
    const create = erp.create.bind(erp);
    erp.create = async (entity, payload) => {
      creates += 1;
      if (creates === 4) erp.faults.push({ method: 'create', kind: 'reauth_required' });
      return create(entity, payload);
    };
    const stopped = await runProfile({ ...deps, events }, p.id);
    expect(stopped.run).toMatchObject({
      state: 'failed',
      error: { kind: 'reauth_required', remedy: 'Reconnect erp.' },
    });
    expect(creates).toBeLessThanOrEqual(6);
    const checkpoint = (await store.getCheckpoint(p.id))?.value as {
      forward: { watermark?: string; resume: { cursor: unknown } };
    };
    expect(checkpoint.forward.watermark).toBeUndefined();
    expect(checkpoint.forward.resume.cursor).toEqual({ afterKey: 3 });
    expect(await store.getConnection(erpId)).toMatchObject({
      health: 'needs_reauth',
      lastError: { kind: 'reauth_required', remedy: 'Reconnect erp.' },
    });
    expect(seen).toEqual([`${erpId}:needs_reauth`]);

    // While the connection needs the user, a run fails before any call.
    const callsBefore = erp.apiCalls() + crm.apiCalls();
    const blocked = await runProfile(deps, p.id);
    expect(blocked.run).toMatchObject({
      state: 'failed',
      error: { kind: 'reauth_required', remedy: 'Reconnect erp.' },
    });
    expect(erp.apiCalls() + crm.apiCalls()).toBe(callsBefore);

    // Reconnect (health back to ok): the run resumes after page 1 and creates no duplicate.
    await store.updateConnection(erpId, { health: 'ok', lastError: null });
    const resumed = await runProfile(deps, p.id);
    expect(resumed.run.state).toBe('succeeded');
    expect(resumed.run.counts.seen).toBe(5);
    expect(erp.rows('customer').size).toBe(8);
    const names = [...erp.rows('customer').values()].map((row) => row.data.name);
    expect(new Set(names).size).toBe(8);
    const final = (await store.getCheckpoint(p.id))?.value as { forward: { watermark: string } };
    expect(final.forward.watermark).toBe(stopped.run.startedAt);
  });

  it('closes a run left running by a dead process as interrupted', async () => {
    seed(1);
    const p = await profile();
    const dead = await store.createRun({
      profileId: p.id,
      state: 'running',
      startedAt: new Date().toISOString(),
    });
    await runProfile(deps, p.id);
    expect(await store.getRun(dead.id)).toMatchObject({
      state: 'failed',
      error: { message: expect.stringContaining('Interrupted') },
    });
  });

  it('refuses a second run of the same profile while one holds the lease', async () => {
    seed(3);
    const p = await profile();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const read = crm.read.bind(crm);
    const find = erp.find.bind(erp);
    erp.find = async (entity, criteria) => {
      await gate;
      return find(entity, criteria);
    };
    const first = runProfile(deps, p.id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(runProfile(deps, p.id)).rejects.toBeInstanceOf(RunInProgressError);
    await expect(runProfile(deps, p.id)).rejects.toThrow(/already running/);
    release();
    expect((await first).run.state).toBe('succeeded');
    crm.read = read;
    expect((await runProfile(deps, p.id)).run.state).toBe('succeeded');
  });

  it('dry run reads real data, writes nothing, and its plan is what the real run then does', async () => {
    seed(4);
    erp.put('customer', '1', { name: 'Company 1', corporateId: '900000001', address: { city: 'Bergen' } });
    crm.put('company', '5', { name: 'Gone', deleted: true });
    const p = await profile();
    const before = {
      erp: structuredClone([...erp.rows('customer')]),
      checkpoint: await store.getCheckpoint(p.id),
    };
    const dry = await runProfile(deps, p.id, { dryRun: true });
    expect([...erp.rows('customer')]).toEqual(before.erp);
    expect(await store.getCheckpoint(p.id)).toEqual(before.checkpoint);
    expect(await store.listRuns(p.id)).toEqual([]);
    expect(await store.listLinks(p.id)).toEqual([]);
    expect(erp.calls.create + erp.calls.update).toBe(0);
    expect(dry.plan.map((e) => [e.sourceKey, e.action])).toEqual([
      ['1', 'update'],
      ['2', 'create'],
      ['3', 'create'],
      ['4', 'create'],
      ['5', 'skip'],
    ]);
    expect(dry.plan[0]?.changes).toEqual([{ field: 'address.city', before: 'Bergen', after: 'Oslo' }]);
    expect(dry.plan[4]?.reason).toBe('deleted in the CRM');

    const real = await runProfile(deps, p.id);
    const records = await store.listRunRecords(real.run.id);
    expect(records.map((r) => [r.sourceKey, r.outcome])).toEqual([
      ['1', 'updated'],
      ['2', 'created'],
      ['3', 'created'],
      ['4', 'created'],
      ['5', 'skipped'],
    ]);
    expect(records[0]?.detail?.changes).toEqual(dry.plan[0]?.changes);
  });

  it('runs only the first N records and leaves the checkpoint alone', async () => {
    seed(6);
    const p = await profile();
    const { run } = await runProfile(deps, p.id, { limit: 4 });
    expect(run.counts.seen).toBe(4);
    expect(erp.rows('customer').size).toBe(4);
    expect(await store.getCheckpoint(p.id)).toBeUndefined();
    const full = await runProfile(deps, p.id);
    expect(full.run.counts).toMatchObject({ seen: 6, created: 2, unchanged: 4 });
  });

  it('re-reads and retries once on a conflict', async () => {
    seed(1);
    const p = await profile();
    await runProfile(deps, p.id);
    crm.put('company', '1', { name: 'Company 1', orgNr: '900000001', city: 'Trondheim' });
    erp.faults = [{ method: 'update', kind: 'conflict' }];
    const { run } = await runProfile(deps, p.id);
    expect(run.counts.updated).toBe(1);
    expect([...erp.rows('customer').values()][0]?.data).toMatchObject({ address: { city: 'Trondheim' } });
  });

  it('writes the target key back into the source and does not sync that echo again', async () => {
    seed(2);
    const p = await profile({ options: { writeBack: { field: 'erpNumber', from: 'corporateId' } } });
    await runProfile(deps, p.id);
    expect(crm.rows('company').get('1')?.data.erpNumber).toBe('900000001');
    const second = await runProfile(deps, p.id);
    const records = await store.listRunRecords(second.run.id);
    expect(records.map((r) => r.outcome)).toEqual(['skipped', 'skipped']);
    expect(records[0]?.detail?.reason).toContain('loop prevention');
    expect(erp.calls.update).toBe(0);
  });

  it('syncs both ways with per-field direction and skips its own echoes', async () => {
    seed(2);
    const p = await profile({
      direction: 'two_way',
      mapping: { sourceToTarget: FORWARD, targetToSource: REVERSE } as never,
      options: { reverseMatchingKeys: ['orgNr'] },
    });
    const first = await runProfile(deps, p.id);
    // Forward creates two customers; the reverse pass sees them as its own writes and skips them.
    expect(first.run.counts).toMatchObject({ created: 2, skipped: 2 });
    // Someone sets a balance in the ERP: only that flows back, into the linked company.
    const [key] = [...erp.rows('customer').keys()];
    const row = erp.rows('customer').get(key as string);
    erp.put('customer', key as string, { ...row?.data, name: 'Renamed in ERP', balance: 1200 }, 'accountant');
    const second = await runProfile(deps, p.id);
    expect(crm.rows('company').get('1')?.data).toMatchObject({
      name: ' Company 1 ',
      balance: 1200,
      city: 'Oslo',
    });
    const reverse = (await store.listRunRecords(second.run.id)).filter(
      (r) => r.detail?.direction === 'target_to_source',
    );
    expect(reverse.find((r) => r.outcome === 'updated')?.detail?.changes).toEqual([
      { field: 'balance', after: 1200 },
    ]);
    // The company changed by our own reverse write is not pushed forward again.
    const third = await runProfile(deps, p.id);
    expect(third.run.counts.created + third.run.counts.updated).toBe(0);
  });

  it('skips changes made by the integration user in two-way profiles', async () => {
    seed(1);
    crm.put('company', '2', { name: 'Made by us', orgNr: '1' }, 'integration');
    const p = await profile({
      direction: 'two_way',
      mapping: { sourceToTarget: FORWARD, targetToSource: REVERSE } as never,
    });
    const { run } = await runProfile(deps, p.id);
    const records = await store.listRunRecords(run.id);
    expect(records.find((r) => r.sourceKey === '2')?.detail?.reason).toContain("integration's own user");
  });

  it('names every problem of an invalid profile', async () => {
    const p = await profile({
      options: { pageSize: 0, colour: 'red' } as never,
      matchingKeys: ['bad path!'],
      mapping: 'no-such-mapping',
    });
    const error = await runProfile(deps, p.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfileConfigError);
    expect((error as ProfileConfigError).message).toMatch(/options\.pageSize/);
    expect((error as ProfileConfigError).message).toMatch(/colour/);
    expect((error as ProfileConfigError).message).toMatch(/matchingKeys\[0\]/);
    expect((error as ProfileConfigError).message).toMatch(
      /no ready-made mapping is called "no-such-mapping"/,
    );
    expect(await store.listRuns(p.id)).toEqual([]);
  });

  it('reports progress after every record', async () => {
    seed(4);
    const p = await profile();
    const seen: number[] = [];
    await runProfile(deps, p.id, { onProgress: (progress) => seen.push(progress.counts.seen) });
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  describe('regressions from review', () => {
    it('two records of one page that match the same target never both create it', async () => {
      crm.put('company', '1', { name: 'Acme', orgNr: '900000001', city: 'Oslo' });
      crm.put('company', '2', { name: 'Acme AS', orgNr: '900000001', city: 'Oslo' });
      const p = await profile({
        matchingKeys: ['corporateId'],
        options: { concurrency: 4, retry: { minDelayMs: 0 } },
      });
      const { run } = await runProfile(deps, p.id);
      expect(erp.rows('customer').size).toBe(1);
      expect(run.counts).toMatchObject({ created: 1, failed: 1 });
      const [failure] = await store.listRunRecords(run.id, { outcome: 'failed' });
      expect(failure?.error?.message).toContain('already linked');
    });

    it('the dry run plans the ambiguous match two records of one run will hit', async () => {
      crm.put('company', '1', { name: 'Acme', orgNr: '900000001', city: 'Oslo' });
      crm.put('company', '2', { name: 'Acme AS', orgNr: '900000001', city: 'Oslo' });
      const p = await profile({ matchingKeys: ['corporateId'] });
      const dry = await runProfile(deps, p.id, { dryRun: true });
      expect(dry.plan.map((e) => e.action)).toEqual(['create', 'fail']);
      expect(dry.plan[1]?.reason).toContain('Ambiguous match');
      const real = await runProfile(deps, p.id);
      expect((await store.listRunRecords(real.run.id)).map((r) => r.outcome)).toEqual(['created', 'failed']);
    });

    it('a write-back that failed is done again by the next run', async () => {
      seed(1);
      const p = await profile({
        options: {
          writeBack: { field: 'erpNumber', from: 'corporateId' },
          retry: { attempts: 1, minDelayMs: 0 },
        },
      });
      crm.faults = [{ method: 'update', kind: 'transient' }];
      const first = await runProfile(deps, p.id);
      expect(first.run.counts.failed).toBe(1);
      const second = await runProfile(deps, p.id);
      expect(second.run.counts.failed).toBe(0);
      expect(crm.rows('company').get('1')?.data.erpNumber).toBe('900000001');
      expect(erp.rows('customer').size).toBe(1);
    });

    it('more failures than a checkpoint carries, then a stop: nothing is lost after the resume', async () => {
      crm.clock = () => new Date('2020-01-01T00:00:00Z');
      for (let i = 1; i <= 1200; i++)
        crm.put('company', String(i), { name: `C${i}`, orgNr: `9${String(i).padStart(8, '0')}` });
      erp.faults = [
        { method: 'create', kind: 'validation', times: 1100 },
        { method: 'create', kind: 'reauth_required' },
      ];
      const p = await profile({ options: { pageSize: 100, overlapMs: 0, retry: { minDelayMs: 0 } } });
      expect((await runProfile(deps, p.id)).run.state).toBe('failed');
      await store.updateConnection(erpId, { health: 'ok', lastError: null });
      await runProfile(deps, p.id);
      await runProfile(deps, p.id);
      expect(erp.rows('customer').size).toBe(1200);
    }, 60_000);

    it('recovered page-read failures do not add up over a pass', async () => {
      seed(6);
      const p = await profile({ options: { pageSize: 1, retry: { attempts: 2, minDelayMs: 0 } } });
      const original = crm.readChanges.bind(crm);
      let pages = 0;
      crm.readChanges = async function* (entity, options) {
        for await (const page of original(entity, options)) {
          pages += 1;
          if (pages === 2 || pages === 5) throw new ConnectorError('transient', 'blip');
          yield page;
        }
      };
      const { run } = await runProfile(deps, p.id);
      expect(run).toMatchObject({ state: 'succeeded', counts: { created: 6 } });
    });

    it('a create that may have committed is never repeated blindly, whatever the error kind', async () => {
      seed(1);
      erp.faults = [{ method: 'create', kind: 'protocol', commit: true }];
      const p = await profile({ matchingKeys: [] });
      await runProfile(deps, p.id);
      await runProfile(deps, p.id);
      expect(erp.rows('customer').size).toBe(1);
    });

    it('an update applied and then retried is reported as updated, with its version kept for loop prevention', async () => {
      seed(1);
      erp.put('customer', '1', { name: 'Old', corporateId: '900000001' });
      erp.faults = [{ method: 'update', kind: 'transient', commit: true }];
      const p = await profile();
      const { run } = await runProfile(deps, p.id);
      expect(run.counts.updated).toBe(1);
      const [link] = await store.listLinks(p.id);
      expect(link?.targetVersion).toBe(String(erp.rows('customer').get('1')?.version));
    });

    it('a run whose lease cannot be renewed stops before another run can overlap it', async () => {
      seed(3);
      const p = await profile({ options: { pageSize: 1, concurrency: 1, retry: { minDelayMs: 0 } } });
      const real = store.tryAcquireLease.bind(store);
      let owner: string | undefined;
      store.tryAcquireLease = async (name, who, ttl) => {
        owner ??= who;
        if (who === owner && name.startsWith('run:') && (await store.getLinkBySource(p.id, '1')))
          throw new Error('SQLITE_BUSY');
        return real(name, who, ttl);
      };
      const create = erp.create.bind(erp);
      erp.create = async (entity, payload) => {
        await new Promise((resolve) => setTimeout(resolve, 120));
        return create(entity, payload);
      };
      const { run } = await runProfile({ ...deps, leaseTtlMs: 150 }, p.id);
      expect(run.state).toBe('failed');
      expect(run.error?.message).toContain('lost its lease');
      store.tryAcquireLease = real;
      erp.create = create;
      expect((await runProfile(deps, p.id)).run.state).toBe('succeeded');
      expect(erp.rows('customer').size).toBe(3);
    });

    it('a failed record that cannot even be read back does not block the profile', async () => {
      seed(2);
      erp.faults = [{ method: 'create', kind: 'validation' }];
      const p = await profile();
      await runProfile(deps, p.id);
      crm.faults = [{ method: 'read', kind: 'protocol' }];
      const second = await runProfile(deps, p.id);
      expect(second.run.state).toBe('partial');
      const third = await runProfile(deps, p.id);
      expect(third.run.state).toBe('succeeded');
      expect(erp.rows('customer').size).toBe(2);
    });
  });
});
