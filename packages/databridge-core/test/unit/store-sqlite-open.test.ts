import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, MIGRATIONS, SchemaVersionError, SqliteStore } from '../../src/store/index.js';
import { fakeSealed } from './store-contract.js';

let root: string;
let home: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'databridge-open-'));
  home = join(root, 'home');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const recordedVersions = (file: string) => {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((row) => row.version);
  } finally {
    db.close();
  }
};

describe('SqliteStore.open', () => {
  it('creates the home folder with mode 0700 and one database file in WAL mode', async () => {
    const store = await SqliteStore.open({ home });
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(store.file).toBe(join(home, DATABASE_FILE));
    expect(statSync(store.file).mode & 0o077).toBe(0);
    await store.close();
    const db = new DatabaseSync(join(home, DATABASE_FILE));
    expect(db.prepare('PRAGMA journal_mode').get()?.journal_mode).toBe('wal');
    db.close();
  });

  it('migrates an empty file to the latest version and records every step', async () => {
    const store = await SqliteStore.open({ home });
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    await store.close();
    expect(recordedVersions(join(home, DATABASE_FILE))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  for (let earlier = 1; earlier < MIGRATIONS.length; earlier++) {
    it(`migrates a file at schema version ${earlier} and keeps its data`, async () => {
      const old = await SqliteStore.open({ home, migrations: MIGRATIONS.slice(0, earlier) });
      expect(old.schemaVersion).toBe(earlier);
      const connection = await old.createConnection({
        system: 'visma',
        name: 'Old',
        tenantId: 'c1',
        tokens: fakeSealed('t'),
      });
      await old.close();

      const store = await SqliteStore.open({ home });
      expect(store.schemaVersion).toBe(MIGRATIONS.length);
      expect(await store.getConnection(connection.id)).toEqual(connection);
      expect(await store.compareAndSwapTokens(connection.id, 1, fakeSealed('t2'))).toBe(true);
      await store.close();
      expect(recordedVersions(join(home, DATABASE_FILE))).toEqual(MIGRATIONS.map((m) => m.version));
    });
  }

  it('rebuilds connections at version 4 without breaking the profiles that point at them', async () => {
    const old = await SqliteStore.open({ home, migrations: MIGRATIONS.slice(0, 3) });
    const a = await old.createConnection({ system: 'visma', name: 'V', tenantId: 'c1' });
    const b = await old.createConnection({ system: 'superoffice', name: 'S', tenantId: 'Cust1' });
    const profile = await old.createProfile({
      name: 'P',
      source: { connectionId: b.id, entity: 'Contact' },
      target: { connectionId: a.id, entity: 'customer' },
      direction: 'source_to_target',
      mapping: {},
    });
    await old.close();
    const v3 = new DatabaseSync(join(home, DATABASE_FILE));
    v3.prepare("INSERT INTO links VALUES (?, 's', 't', 'h', '2026-01-01T00:00:00.000Z')").run(profile.id);
    v3.close();

    const store = await SqliteStore.open({ home });
    expect(await store.getProfile(profile.id)).toEqual(profile);
    expect(await store.getLinkBySource(profile.id, 's')).toMatchObject({ hash: 'h', reverseHash: undefined });
    expect(await store.createConnection({ system: 'file', name: 'CSV', tenantId: 'exports' })).toMatchObject({
      system: 'file',
    });
    await store.close();
    const db = new DatabaseSync(join(home, DATABASE_FILE));
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(String(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'profiles'").get()?.sql)).toContain(
      'REFERENCES connections',
    );
    db.close();
  });

  it('reopens an up-to-date file without applying anything again', async () => {
    await (await SqliteStore.open({ home })).close();
    const again = await SqliteStore.open({ home });
    expect(again.schemaVersion).toBe(MIGRATIONS.length);
    await again.close();
    expect(recordedVersions(join(home, DATABASE_FILE))).toHaveLength(MIGRATIONS.length);
  });

  it('refuses a file from a newer DataBridge with a clear error and leaves it unchanged', async () => {
    const future = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'future', sql: 'CREATE TABLE x (a)' },
    ];
    await (await SqliteStore.open({ home, migrations: future })).close();
    const file = join(home, DATABASE_FILE);
    const before = readFileSync(file);
    const failure = SqliteStore.open({ home });
    await expect(failure).rejects.toBeInstanceOf(SchemaVersionError);
    await expect(failure).rejects.toThrow(
      `schema version ${future.length}, but this DataBridge only knows up to`,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('rejects migrations that are not numbered 1, 2, 3…', async () => {
    await expect(
      SqliteStore.open({ home, migrations: [{ version: 2, name: 'gap', sql: '' }] }),
    ).rejects.toThrow(/expected 1/);
  });

  it('turns foreign keys on', async () => {
    const store = await SqliteStore.open({ home });
    await expect(store.createRun({ profileId: 'no-such-profile' })).rejects.toThrow(/FOREIGN KEY/);
    await store.close();
  });
});

describe('two stores on one file (as two processes)', () => {
  it('lets exactly one compare-and-swap win across connections', async () => {
    const first = await SqliteStore.open({ home });
    const second = await SqliteStore.open({ home });
    const { id } = await first.createConnection({ system: 'visma', name: 'Shared', tenantId: 'c1' });
    const results = [
      await first.compareAndSwapTokens(id, 1, fakeSealed('from-first')),
      await second.compareAndSwapTokens(id, 1, fakeSealed('from-second')),
    ];
    expect(results).toEqual([true, false]);
    expect(await second.getConnection(id)).toMatchObject({ version: 2, tokens: fakeSealed('from-first') });
    await first.close();
    await second.close();
  });

  it('waits for the other store’s write transaction instead of failing', async () => {
    const first = await SqliteStore.open({ home, busyTimeoutMs: 2000 });
    const second = await SqliteStore.open({ home, busyTimeoutMs: 2000 });
    const { id } = await first.createConnection({ system: 'visma', name: 'Shared', tenantId: 'c1' });
    await first.transaction(async (tx) => {
      await tx.compareAndSwapTokens(id, 1, fakeSealed('a'));
    });
    expect(await second.compareAndSwapTokens(id, 2, fakeSealed('b'))).toBe(true);
    await first.close();
    await second.close();
  });

  it('refuses calls on the store itself from inside its transaction (they would wait forever)', async () => {
    const store = await SqliteStore.open({ home });
    await expect(store.transaction(async () => store.listConnections())).rejects.toThrow(/Use the tx/);
    expect(await store.listConnections()).toEqual([]);
    await store.close();
  });
});
