import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewConnection, SealedRecord } from '../../src/model/index.js';
import { type Store, StoreNotFoundError } from '../../src/store/index.js';

/** A fresh, empty store and how to dispose of it. */
export interface StoreFixture {
  /** The empty store under test. */
  readonly store: Store;
  /** Closes the store and removes what it created. */
  dispose(): Promise<void>;
}

/** A syntactically valid sealed record (the store never decrypts). */
export function fakeSealed(tag: string): SealedRecord {
  const b = Buffer.from(tag).toString('base64');
  return { v: 1, kid: 'kid-1', iv: b, tag: b, ct: b, wrappedDek: b, dekIv: b, dekTag: b };
}

const visma: NewConnection = {
  system: 'visma',
  name: 'Visma prod',
  tenantId: 'company-1',
  scopes: ['ea:api'],
};
const superoffice: NewConnection = { system: 'superoffice', name: 'SO', tenantId: 'Cust12345' };

/**
 * The behaviour every {@link Store} implementation must have. Call it from a test file with a factory for the
 * implementation under test.
 */
export function storeContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;
    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    const twoConnections = async () => [
      await store.createConnection(visma),
      await store.createConnection(superoffice),
    ];
    const profileOn = async (sourceId: string, targetId: string, id?: string) =>
      store.createProfile({
        id,
        name: 'Contacts to customers',
        source: { connectionId: sourceId, entity: 'Contact' },
        target: { connectionId: targetId, entity: 'customer' },
        direction: 'source_to_target',
        mapping: { rules: [{ copy: 'Name', to: 'name' }] },
        matchingKeys: ['corporateId'],
        schedule: '*/15 * * * *',
      });

    describe('connections', () => {
      it('creates a connection at version 1 with defaults and reads it back', async () => {
        const created = await store.createConnection({ ...visma, tokens: fakeSealed('t1') });
        expect(created).toMatchObject({ system: 'visma', name: 'Visma prod', health: 'ok', version: 1 });
        expect(created.tokens).toEqual(fakeSealed('t1'));
        expect(await store.getConnection(created.id)).toEqual(created);
        expect(await store.getConnection('missing')).toBeUndefined();
        expect((await store.listConnections()).map((c) => c.id)).toEqual([created.id]);
      });

      it('updates health and the last error without bumping the token version, and clears with null', async () => {
        const { id } = await store.createConnection(visma);
        const lastError = {
          kind: 'reauth_required' as const,
          message: 'The refresh token was revoked',
          remedy: 'Reconnect Visma',
          at: '2026-01-01T00:00:00.000Z',
        };
        const updated = await store.updateConnection(id, {
          health: 'needs_reauth',
          lastError,
          lastCheckedAt: '2026-01-01T00:00:01.000Z',
          accountUser: 'ann@example.com',
        });
        expect(updated).toMatchObject({
          health: 'needs_reauth',
          lastError,
          accountUser: 'ann@example.com',
          version: 1,
        });
        const cleared = await store.updateConnection(id, {
          health: 'ok',
          lastError: null,
          accountUser: null,
        });
        expect(cleared.lastError).toBeUndefined();
        expect(cleared.accountUser).toBeUndefined();
      });

      it('refuses to update a missing connection', async () => {
        await expect(store.updateConnection('missing', { name: 'x' })).rejects.toBeInstanceOf(
          StoreNotFoundError,
        );
      });
    });

    describe('leases', () => {
      it('gives a free lease to one owner at a time, lets the holder renew it, and frees it on release', async () => {
        expect(await store.tryAcquireLease('refresh:a', 'p1', 60_000)).toBe(true);
        expect(await store.tryAcquireLease('refresh:a', 'p2', 60_000)).toBe(false);
        expect(await store.tryAcquireLease('refresh:a', 'p1', 60_000)).toBe(true);
        expect(await store.tryAcquireLease('refresh:b', 'p2', 60_000)).toBe(true);
        await store.releaseLease('refresh:a', 'p2'); // not the holder: nothing happens
        expect(await store.tryAcquireLease('refresh:a', 'p2', 60_000)).toBe(false);
        await store.releaseLease('refresh:a', 'p1');
        expect(await store.tryAcquireLease('refresh:a', 'p2', 60_000)).toBe(true);
      });

      it('lets another owner take an expired lease', async () => {
        expect(await store.tryAcquireLease('refresh:c', 'p1', 1)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(await store.tryAcquireLease('refresh:c', 'p2', 60_000)).toBe(true);
      });
    });

    describe('compareAndSwapTokens', () => {
      it('swaps at the expected version, bumps it and records the refresh', async () => {
        const { id } = await store.createConnection({ ...visma, tokens: fakeSealed('t1') });
        expect(await store.compareAndSwapTokens(id, 1, fakeSealed('t2'))).toBe(true);
        const after = await store.getConnection(id);
        expect(after).toMatchObject({ version: 2, tokens: fakeSealed('t2') });
        expect(after?.lastRefreshedAt).toBeDefined();
      });

      it('refuses a stale version and keeps the newer tokens', async () => {
        const { id } = await store.createConnection({ ...visma, tokens: fakeSealed('t1') });
        expect(await store.compareAndSwapTokens(id, 1, fakeSealed('t2'))).toBe(true);
        expect(await store.compareAndSwapTokens(id, 1, fakeSealed('stale'))).toBe(false);
        expect(await store.getConnection(id)).toMatchObject({ version: 2, tokens: fakeSealed('t2') });
      });

      it('lets exactly one of many concurrent swaps from the same version win', async () => {
        const { id } = await store.createConnection(visma);
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) => store.compareAndSwapTokens(id, 1, fakeSealed(`t${i}`))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await store.getConnection(id))?.version).toBe(2);
      });

      it('returns false for a missing connection', async () => {
        expect(await store.compareAndSwapTokens('missing', 1, fakeSealed('t'))).toBe(false);
      });
    });

    describe('sealed blobs', () => {
      it('lists sealed tokens and replaces one only while it is unchanged, keeping the version', async () => {
        const a = await store.createConnection({ ...visma, tokens: fakeSealed('a') });
        await store.createConnection(superoffice);
        const [ref, ...rest] = await store.listSealedBlobs();
        expect(rest).toEqual([]);
        expect(ref).toEqual({ connectionId: a.id, purpose: 'tokens', sealed: fakeSealed('a') });
        if (!ref) throw new Error('no blob');
        expect(await store.replaceSealedBlob(ref, fakeSealed('a2'))).toBe(true);
        expect(await store.replaceSealedBlob(ref, fakeSealed('a3'))).toBe(false);
        expect(await store.getConnection(a.id)).toMatchObject({ tokens: fakeSealed('a2'), version: 1 });
      });
    });

    describe('profiles', () => {
      it('creates, lists by connection and updates profiles', async () => {
        const [so, vi] = await twoConnections();
        if (!so || !vi) throw new Error('setup');
        const profile = await profileOn(vi.id, so.id);
        expect(await store.getProfile(profile.id)).toEqual(profile);
        expect(profile.options).toEqual({});
        expect(await store.listProfiles({ connectionId: so.id })).toEqual([profile]);
        expect(await store.listProfiles({ connectionId: 'other' })).toEqual([]);
        const updated = await store.updateProfile(profile.id, { schedule: null, options: { dryRun: true } });
        expect(updated.schedule).toBeUndefined();
        expect(updated.options).toEqual({ dryRun: true });
        expect(updated.mapping).toEqual(profile.mapping);
      });

      it('refuses a profile on a connection that does not exist', async () => {
        const [vi] = await twoConnections();
        if (!vi) throw new Error('setup');
        await expect(profileOn(vi.id, 'missing')).rejects.toThrow();
        expect(await store.listProfiles()).toEqual([]);
      });
    });

    describe('runs and run records', () => {
      it('tracks a run from start to finish with numbered records', async () => {
        const [a, b] = await twoConnections();
        if (!a || !b) throw new Error('setup');
        const profile = await profileOn(a.id, b.id);
        const run = await store.createRun({ profileId: profile.id, checkpointBefore: { since: 'x' } });
        expect(run).toMatchObject({
          state: 'queued',
          counts: { created: 0, failed: 0 },
          checkpointBefore: { since: 'x' },
        });
        const first = await store.appendRunRecords(run.id, [
          { sourceKey: 's1', targetKey: 't1', outcome: 'created' },
          {
            sourceKey: 's2',
            outcome: 'failed',
            error: { kind: 'validation', message: 'Name is required', at: '2026-01-01T00:00:00.000Z' },
          },
        ]);
        expect(first.map((r) => r.seq)).toEqual([1, 2]);
        const second = await store.appendRunRecords(run.id, [
          {
            sourceKey: 's3',
            outcome: 'unchanged',
            detail: { reason: 'same content hash as the last write' },
          },
        ]);
        expect(second.map((r) => r.seq)).toEqual([3]);
        expect(second[0]?.detail).toEqual({ reason: 'same content hash as the last write' });
        expect(
          (await store.listRunRecords(run.id, { afterSeq: 1, limit: 1 })).map((r) => r.sourceKey),
        ).toEqual(['s2']);
        expect((await store.listRunRecords(run.id))[1]?.error?.kind).toBe('validation');
        const done = await store.updateRun(run.id, {
          state: 'partial',
          counts: { seen: 3, created: 1, updated: 0, unchanged: 1, skipped: 0, failed: 1 },
          apiCalls: 7,
          finishedAt: '2026-01-01T00:01:00.000Z',
          checkpointAfter: { since: 'y' },
        });
        expect(done).toMatchObject({
          state: 'partial',
          counts: { seen: 3, created: 1, unchanged: 1, failed: 1 },
          apiCalls: 7,
        });
        expect(await store.listRunRecords(run.id, { outcome: 'failed' })).toMatchObject([
          { sourceKey: 's2' },
        ]);
        expect(await store.listRunRecords(run.id, { kind: 'validation' })).toMatchObject([
          { sourceKey: 's2' },
        ]);
        expect(await store.listRunRecords(run.id, { kind: 'conflict' })).toEqual([]);
        expect(await store.getRun(run.id)).toEqual(done);
        const later = await store.createRun({ profileId: profile.id });
        expect((await store.listRuns(profile.id)).map((r) => r.id)).toEqual([later.id, run.id]);
        expect(await store.listRuns(profile.id, { limit: 1 })).toHaveLength(1);
      });

      it('refuses records for a missing run', async () => {
        await expect(
          store.appendRunRecords('missing', [{ sourceKey: 's', outcome: 'created' }]),
        ).rejects.toThrow();
      });
    });

    describe('deleting a profile', () => {
      it('takes its runs, records, checkpoint and links with it, and keeps the connections', async () => {
        const [a, b] = await twoConnections();
        if (!a || !b) throw new Error('setup');
        const profile = await profileOn(a.id, b.id);
        const run = await store.createRun({ profileId: profile.id });
        await store.appendRunRecords(run.id, [{ sourceKey: 's', outcome: 'created' }]);
        await store.setCheckpoint(profile.id, { v: 1 });
        await store.upsertLink({ profileId: profile.id, sourceKey: 's', targetKey: 't', hash: 'h' });
        await store.deleteProfile(profile.id);
        expect(await store.getProfile(profile.id)).toBeUndefined();
        expect(await store.getRun(run.id)).toBeUndefined();
        expect(await store.getCheckpoint(profile.id)).toBeUndefined();
        expect(await store.listLinks(profile.id)).toEqual([]);
        expect(await store.getConnection(a.id)).toBeDefined();
        await expect(store.deleteProfile(profile.id)).rejects.toThrow(/profile/);
      });
    });

    describe('checkpoints and links', () => {
      it('sets and replaces a checkpoint', async () => {
        const [a, b] = await twoConnections();
        if (!a || !b) throw new Error('setup');
        const profile = await profileOn(a.id, b.id);
        expect(await store.getCheckpoint(profile.id)).toBeUndefined();
        await store.setCheckpoint(profile.id, { cursor: 1 });
        await store.setCheckpoint(profile.id, { cursor: 2 });
        expect((await store.getCheckpoint(profile.id))?.value).toEqual({ cursor: 2 });
      });

      it('finds links both ways, updates the hash, and keeps target keys unique per profile', async () => {
        const [a, b] = await twoConnections();
        if (!a || !b) throw new Error('setup');
        const profile = await profileOn(a.id, b.id);
        await store.upsertLink({ profileId: profile.id, sourceKey: 's1', targetKey: 't1', hash: 'h1' });
        await store.upsertLink({ profileId: profile.id, sourceKey: 's1', targetKey: 't1', hash: 'h2' });
        expect(await store.getLinkBySource(profile.id, 's1')).toMatchObject({ targetKey: 't1', hash: 'h2' });
        expect(await store.getLinkByTarget(profile.id, 't1')).toMatchObject({ sourceKey: 's1', hash: 'h2' });
        expect(await store.getLinkBySource(profile.id, 'nope')).toBeUndefined();
        await store.upsertLink({
          profileId: profile.id,
          sourceKey: 's0',
          targetKey: 't0',
          hash: 'h0',
          reverseHash: 'r0',
          sourceVersion: 'sv',
          targetVersion: 'tv',
        });
        expect(await store.getLinkBySource(profile.id, 's0')).toMatchObject({
          reverseHash: 'r0',
          sourceVersion: 'sv',
          targetVersion: 'tv',
        });
        expect((await store.listLinks(profile.id)).map((l) => l.sourceKey)).toEqual(['s0', 's1']);
        expect((await store.listLinks(profile.id, { afterSourceKey: 's0', limit: 5 })).length).toBe(1);
        await expect(
          store.upsertLink({ profileId: profile.id, sourceKey: 's2', targetKey: 't1', hash: 'h' }),
        ).rejects.toThrow();
      });
    });

    describe('transaction', () => {
      it('keeps everything written when the callback resolves', async () => {
        const result = await store.transaction(async (tx) => {
          const a = await tx.createConnection(visma);
          const b = await tx.createConnection(superoffice);
          return profileOnTx(tx, a.id, b.id);
        });
        expect(await store.getProfile(result.id)).toBeDefined();
      });

      it('rolls back everything when the callback throws, and rethrows', async () => {
        const [a, b] = await twoConnections();
        if (!a || !b) throw new Error('setup');
        const profile = await profileOn(a.id, b.id);
        const failure = new Error('boom');
        await expect(
          store.transaction(async (tx) => {
            await tx.createConnection({ ...visma, id: 'half' });
            expect(await tx.compareAndSwapTokens(a.id, 1, fakeSealed('new'))).toBe(true);
            await tx.upsertLink({ profileId: profile.id, sourceKey: 's', targetKey: 't', hash: 'h' });
            await tx.setCheckpoint(profile.id, 'c');
            const run = await tx.createRun({ profileId: profile.id });
            await tx.appendRunRecords(run.id, [{ sourceKey: 's', outcome: 'created' }]);
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await store.getConnection('half')).toBeUndefined();
        expect(await store.getConnection(a.id)).toMatchObject({ version: 1 });
        expect(await store.getLinkBySource(profile.id, 's')).toBeUndefined();
        expect(await store.getCheckpoint(profile.id)).toBeUndefined();
        expect(await store.listRuns(profile.id)).toEqual([]);
      });

      it('makes other calls wait until the transaction ends', async () => {
        const { id } = await store.createConnection(visma);
        let release = () => {};
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        const tx = store.transaction(async (t) => {
          await gate;
          return t.compareAndSwapTokens(id, 1, fakeSealed('in-tx'));
        });
        const outside = store.compareAndSwapTokens(id, 1, fakeSealed('outside'));
        release();
        expect(await tx).toBe(true);
        expect(await outside).toBe(false);
      });

      it('rolls back only a failed nested transaction', async () => {
        await store.transaction(async (tx) => {
          await tx.createConnection({ ...visma, id: 'kept' });
          await expect(
            tx.transaction(async (inner) => {
              await inner.createConnection({ ...visma, id: 'dropped' });
              throw new Error('inner');
            }),
          ).rejects.toThrow('inner');
        });
        expect(await store.getConnection('kept')).toBeDefined();
        expect(await store.getConnection('dropped')).toBeUndefined();
      });

      it('refuses a tx used after its transaction ended', async () => {
        let leaked: Store | undefined;
        await store.transaction(async (tx) => {
          leaked = tx;
        });
        await expect(leaked?.listConnections()).rejects.toThrow(/ended/);
      });
    });
  });
}

function profileOnTx(tx: Store, sourceId: string, targetId: string) {
  return tx.createProfile({
    name: 'p',
    source: { connectionId: sourceId, entity: 'Contact' },
    target: { connectionId: targetId, entity: 'customer' },
    direction: 'two_way',
    mapping: {},
  });
}
