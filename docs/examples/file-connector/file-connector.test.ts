import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChangePage,
  type Connector,
  ConnectorError,
  type ConnectorRecord,
  isClassifiableError,
  type JsonValue,
  type ReadChangesOptions,
} from '@databridge/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileConnector, type FileConnectorOptions } from './file-connector.js';

let dir: string;
let clock: Date;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'databridge-file-connector-'));
  clock = new Date('2026-03-01T12:00:00.000Z');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const connector = (entities: FileConnectorOptions['entities']) =>
  createFileConnector({ directory: dir, entities, now: () => clock });

async function pages(c: Connector, entity: string, options?: ReadChangesOptions): Promise<ChangePage[]> {
  const out: ChangePage[] = [];
  for await (const page of c.readChanges(entity, options)) out.push(page);
  return out;
}

const keys = (list: readonly { records: readonly ConnectorRecord[] }[]) =>
  list.flatMap((p) => p.records.map((r) => r.key));

async function caught(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

const customersCsv = [
  'id,name,orgNo,updated_at',
  '2,Beta AS,222,2026-01-02T00:00:00Z',
  '10,Kappa AS,101,2026-01-10T00:00:00Z',
  '1,"Alpha, Inc.",111,2026-01-01T00:00:00Z',
  '',
].join('\n');

const customersJsonl = [
  '{"id":2,"name":"Beta AS","orgNo":"222","updated_at":"2026-01-02T00:00:00Z","address":{"city":"Oslo"}}',
  '',
  '{"id":10,"name":"Kappa AS","orgNo":"101","updated_at":"2026-01-10T00:00:00Z"}',
  '{"id":1,"name":"Alpha, Inc.","orgNo":"111","updated_at":"2026-01-01T00:00:00Z"}',
  '',
].join('\n');

/**
 * The behaviour every connector must have (run here against both file formats): stable paging with a cursor that
 * resumes, reads and look-ups agreeing with the pages, writes reading back as they report, versions changing with
 * content, and every failure classified.
 */
function connectorContract(name: string, make: () => { connector: Connector; entity: string }) {
  describe(`connector contract: ${name}`, () => {
    it('describes its entities', () => {
      const { connector: c, entity } = make();
      expect(typeof c.system).toBe('string');
      const description = c.describe().find((d) => d.name === entity);
      expect(description).toMatchObject({ name: entity, readable: true, writable: true });
      expect(description?.findableBy.length).toBeGreaterThan(0);
    });

    it('pages in a stable order, and a cursor resumes right after its page', async () => {
      const { connector: c, entity } = make();
      const all = await pages(c, entity, { pageSize: 2 });
      const allKeys = keys(all);
      expect(new Set(allKeys).size).toBe(allKeys.length);
      expect(keys(await pages(c, entity, { pageSize: 2 }))).toEqual(allKeys);
      for (const [index, page] of all.entries()) {
        expect(JSON.parse(JSON.stringify(page.cursor))).toEqual(page.cursor); // plain JSON
        const rest = await pages(c, entity, { pageSize: 2, after: page.cursor });
        expect(keys(rest)).toEqual(keys(all.slice(index + 1)));
      }
    });

    it('reads and finds the records it pages', async () => {
      const { connector: c, entity } = make();
      const [first] = (await pages(c, entity))[0]?.records ?? [];
      if (first === undefined) throw new Error('the contract needs at least one record');
      expect(await c.read(entity, first.key)).toEqual(first);
      expect(await c.read(entity, 'no-such-key')).toBeUndefined();
      const field = c.describe().find((d) => d.name === entity)?.findableBy[0] as string;
      const value = first.data[field] as string | number;
      expect((await c.find(entity, { [field]: value })).map((r) => r.key)).toContain(first.key);
    });

    it('creates and updates, and what it returns reads back with the same version', async () => {
      const { connector: c, entity } = make();
      const created = await c.create(entity, { name: 'Contract Ltd' });
      const read = await c.read(entity, created.key);
      expect(read?.version).toBe(created.version);
      expect(read?.data).toEqual(created.data);
      const updated = await c.update(
        entity,
        created.key,
        { name: 'Contract Ltd 2' },
        { ifVersion: created.version },
      );
      expect(updated.key).toBe(created.key);
      expect(updated.version).not.toBe(created.version);
      expect((await c.read(entity, created.key))?.version).toBe(updated.version);
      const conflict = await caught(
        c.update(entity, created.key, { name: 'x' }, { ifVersion: created.version }),
      );
      expect(conflict.kind).toBe('conflict');
    });

    it('classifies every failure', async () => {
      const { connector: c, entity } = make();
      const failures = [
        c.read('no-such-entity', '1'),
        c.update(entity, 'no-such-key', { name: 'x' }),
        pages(c, entity, { after: 'not a cursor' }),
      ];
      for (const failure of failures) {
        const error = await failure.catch((e: unknown) => e);
        expect(isClassifiableError(error)).toBe(true);
      }
    });
  });
}

connectorContract('CSV', () => {
  writeFileSync(join(dir, 'customers.csv'), customersCsv);
  return {
    connector: connector({ customer: { file: 'customers.csv', key: 'id', findableBy: ['orgNo'] } }),
    entity: 'customer',
  };
});

connectorContract('JSON lines', () => {
  writeFileSync(join(dir, 'customers.jsonl'), customersJsonl);
  return {
    connector: connector({
      customer: { file: 'customers.jsonl', key: 'id', modifiedAt: 'updated_at', findableBy: ['orgNo'] },
    }),
    entity: 'customer',
  };
});

for (const format of ['csv', 'jsonl'] as const) {
  describe(`file connector (${format})`, () => {
    const file = `customers.${format}`;
    const path = () => join(dir, file);
    const make = () => {
      writeFileSync(path(), format === 'csv' ? customersCsv : customersJsonl);
      return connector({
        customer: {
          file,
          key: 'id',
          modifiedAt: 'updated_at',
          findableBy: ['orgNo', 'name', 'address.city'],
        },
      });
    };

    it('describes the entity as system "file"', () => {
      const c = make();
      expect(c.system).toBe('file');
      expect(c.describe()).toEqual([
        {
          name: 'customer',
          label: `customer (${file})`,
          readable: true,
          writable: true,
          findableBy: ['id', 'orgNo', 'name', 'address.city'],
        },
      ]);
    });

    it('reads every record in key order (numeric keys numerically) in pages with an afterKey cursor', async () => {
      const c = make();
      const all = await pages(c, 'customer');
      expect(all).toHaveLength(1);
      expect(keys(all)).toEqual(['1', '2', '10']);
      expect(all[0]?.cursor).toEqual({ afterKey: '10' });
      const first = all[0]?.records[0];
      expect(first).toMatchObject({
        key: '1',
        modifiedAt: '2026-01-01T00:00:00.000Z',
        data: { name: 'Alpha, Inc.', orgNo: '111' },
      });
      expect(first?.version).toMatch(/^[0-9a-f]{16}$/);

      const paged = await pages(c, 'customer', { pageSize: 2 });
      expect(paged.map((p) => p.records.map((r) => r.key))).toEqual([['1', '2'], ['10']]);
      expect(paged.map((p) => p.cursor)).toEqual([{ afterKey: '2' }, { afterKey: '10' }]);
      expect(keys(await pages(c, 'customer', { after: { afterKey: '2' } }))).toEqual(['10']);
      expect(await pages(c, 'customer', { after: { afterKey: '10' } })).toEqual([]);
    });

    it('reads only records modified at or after since', async () => {
      const c = make();
      expect(keys(await pages(c, 'customer', { since: new Date('2026-01-02T00:00:00Z') }))).toEqual([
        '2',
        '10',
      ]);
      expect(keys(await pages(c, 'customer', { since: new Date('2026-02-01T00:00:00Z') }))).toEqual([]);
      const noColumn = connector({ customer: { file, key: 'id' } });
      expect(keys(await pages(noColumn, 'customer', { since: new Date('2026-02-01T00:00:00Z') }))).toEqual([
        '1',
        '2',
        '10',
      ]);
    });

    it('stops reading when aborted', async () => {
      const c = make();
      const controller = new AbortController();
      controller.abort();
      await expect(pages(c, 'customer', { signal: controller.signal })).rejects.toThrow();
    });

    it('reads one record by key', async () => {
      const c = make();
      expect((await c.read('customer', '10'))?.data).toMatchObject({ name: 'Kappa AS' });
      expect(await c.read('customer', '3')).toBeUndefined();
    });

    it('finds records where every criterion is equal (trimmed string compare)', async () => {
      const c = make();
      expect((await c.find('customer', { orgNo: ' 222 ' })).map((r) => r.key)).toEqual(['2']);
      expect((await c.find('customer', { orgNo: '222', name: 'Beta AS' })).map((r) => r.key)).toEqual(['2']);
      expect(await c.find('customer', { orgNo: '222', name: 'Alpha' })).toEqual([]);
      expect((await c.find('customer', { id: 10 })).map((r) => r.key)).toEqual(['10']);
      if (format === 'jsonl') {
        expect((await c.find('customer', { 'address.city': 'Oslo' })).map((r) => r.key)).toEqual(['2']);
      }
      const notFindable = await caught(c.find('customer', { updated_at: 'x' }));
      expect(notFindable.kind).toBe('validation');
      expect(notFindable.remedy).toMatch(/findableBy/);
      expect((await caught(c.find('customer', {}))).kind).toBe('validation');
    });

    it('creates with the next integer key, or the given one, and stamps modifiedAt', async () => {
      const c = make();
      const created = await c.create('customer', { name: 'Gamma AS', orgNo: 333 });
      expect(created.key).toBe('11');
      expect(created.data).toMatchObject({ name: 'Gamma AS', updated_at: clock.toISOString() });
      const read = await c.read('customer', '11');
      expect(read).toMatchObject({ key: '11', modifiedAt: clock.toISOString(), version: created.version });
      expect(read?.data.orgNo).toEqual(format === 'csv' ? '333' : 333);
      if (format === 'jsonl') expect(read?.data.id).toBe(11); // number keys stay numbers

      const given = await c.create('customer', { id: 'C-7', name: 'Delta AS' });
      expect(given.key).toBe('C-7');
      expect(keys(await pages(c, 'customer'))).toEqual(['1', '2', '10', '11', 'C-7']);
      const duplicate = await caught(c.create('customer', { id: '2', name: 'Again' }));
      expect(duplicate.kind).toBe('conflict');
    });

    it('creates the file on the first write', async () => {
      const c = connector({ order: { file: `orders.${format}`, key: 'no', modifiedAt: 'changed' } });
      expect(await pages(c, 'order')).toEqual([]);
      expect((await c.create('order', { total: 5 })).key).toBe('1');
      expect((await c.create('order', { total: 7, note: 'new column' })).key).toBe('2');
      expect((await pages(c, 'order'))[0]?.records.map((r) => r.data)).toEqual([
        expect.objectContaining({ total: format === 'csv' ? '5' : 5, changed: clock.toISOString() }),
        expect.objectContaining({ note: 'new column' }),
      ]);
      if (format === 'csv') {
        expect(readFileSync(join(dir, 'orders.csv'), 'utf8').split('\n')[0]).toBe('no,total,changed,note');
      }
    });

    it('updates only the given fields, bumps modifiedAt and checks ifVersion', async () => {
      const c = make();
      const before = await c.read('customer', '2');
      clock = new Date('2026-03-02T08:00:00.000Z');
      const updated = await c.update(
        'customer',
        '2',
        { name: 'Beta Group AS' },
        { ifVersion: before?.version },
      );
      expect(updated.data).toMatchObject({
        name: 'Beta Group AS',
        orgNo: '222',
        updated_at: clock.toISOString(),
      });
      const after = await c.read('customer', '2');
      expect(after?.version).toBe(updated.version);
      expect(after?.modifiedAt).toBe(clock.toISOString());
      expect(keys(await pages(c, 'customer', { since: new Date('2026-03-02T00:00:00Z') }))).toEqual(['2']);

      const stale = await caught(c.update('customer', '2', { name: 'Lost' }, { ifVersion: before?.version }));
      expect(stale.kind).toBe('conflict');
      expect(stale.message).toMatch(/record 2 changed/);
      expect((await caught(c.update('customer', '99', { name: 'x' }))).kind).toBe('not_found');
      expect((await caught(c.update('customer', '2', { id: '3' }))).kind).toBe('validation');
      if (format === 'jsonl') {
        await c.update('customer', '2', { address: { zip: '0150' } });
        expect((await c.read('customer', '2'))?.data.address).toEqual({ city: 'Oslo', zip: '0150' });
      }
      expect((await c.read('customer', '1'))?.data.name).toBe('Alpha, Inc.'); // others untouched
    });

    it('writes atomically: no temp files are left, and a failed write keeps the file as it was', async () => {
      const c = make();
      for (let i = 0; i < 5; i++) await c.create('customer', { name: `Bulk ${i}` });
      await c.update('customer', '1', { name: 'Alpha 2' });
      expect(readdirSync(dir)).toEqual([file]);
      const text = readFileSync(path(), 'utf8');

      const failed = await caught(c.update('customer', '1', { name: 10n ** 30n, nested: { big: 1n } }));
      expect(failed.kind).toBe('validation');
      expect(failed.message).toMatch(new RegExp(`Cannot write to ${file}`));
      expect(readFileSync(path(), 'utf8')).toBe(text);
      expect(readdirSync(dir)).toEqual([file]);

      // A temp file left by a crashed process is not read.
      writeFileSync(`${path()}.999.deadbeef.tmp`, 'half a li');
      expect(keys(await pages(c, 'customer'))).toHaveLength(8);
    });

    it('counts file operations as API calls', async () => {
      const c = make();
      await c.read('customer', '1');
      await c.update('customer', '1', { name: 'x' });
      expect(c.apiCalls?.()).toBe(3);
    });
  });
}

describe('malformed files', () => {
  it('names the file and line of a CSV row with the wrong number of cells', async () => {
    writeFileSync(join(dir, 'c.csv'), 'id,name\n1,Alpha\n2,Beta,extra\n');
    const error = await caught(pages(connector({ c: { file: 'c.csv', key: 'id' } }), 'c'));
    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/^c\.csv line 3: /);
    expect(error.remedy).toContain(join(dir, 'c.csv'));
  });

  it('names the file and line of an unclosed CSV quote', async () => {
    writeFileSync(join(dir, 'c.csv'), 'id,name\n1,"Alpha\n');
    const error = await caught(connector({ c: { file: 'c.csv', key: 'id' } }).read('c', '1'));
    expect(error.kind).toBe('validation');
    expect(error.message).toMatch(/^c\.csv line \d+: .*quote/i);
  });

  it('names the file and line of bad JSON, a non-object, a missing or a duplicate key', async () => {
    const c = connector({ j: { file: 'j.jsonl', key: 'id' } });
    const cases: [string, RegExp][] = [
      ['{"id":1}\n{"id":2,\n', /^j\.jsonl line 2: not valid JSON/],
      ['{"id":1}\n\n[1,2]\n', /^j\.jsonl line 3: not a JSON object/],
      ['{"id":1}\n{"name":"x"}\n', /^j\.jsonl line 2: no id/],
      ['{"id":1}\n{"id":"1"}\n', /^j\.jsonl line 2: id 1 is also on line 1/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(join(dir, 'j.jsonl'), text);
      const error = await caught(c.find('j', { id: 1 }));
      expect(error.kind).toBe('validation');
      expect(error.message).toMatch(message);
    }
  });

  it('refuses to overwrite a malformed file', async () => {
    writeFileSync(join(dir, 'j.jsonl'), '{"id":1}\nnot json\n');
    const c = connector({ j: { file: 'j.jsonl', key: 'id' } });
    expect((await caught(c.create('j', { name: 'x' }))).message).toMatch(/line 2/);
    expect(readFileSync(join(dir, 'j.jsonl'), 'utf8')).toBe('{"id":1}\nnot json\n');
  });
});

describe('options', () => {
  const bad = (options: unknown): ConnectorError => {
    try {
      createFileConnector(options as FileConnectorOptions);
    } catch (error) {
      expect(error).toBeInstanceOf(ConnectorError);
      return error as ConnectorError;
    }
    throw new Error('expected createFileConnector to throw');
  };
  const entities = { customer: { file: 'customers.csv', key: 'id' } };

  it('needs an existing directory', () => {
    expect(bad({ entities }).message).toMatch(/needs a directory/);
    expect(bad({ directory: join(dir, 'missing'), entities }).message).toMatch(/missing does not exist/);
    writeFileSync(join(dir, 'a-file'), '');
    expect(bad({ directory: join(dir, 'a-file'), entities }).message).toMatch(/does not exist/);
  });

  it('needs entities with a .csv or .jsonl file inside the directory and a key', () => {
    expect(bad({ directory: dir, entities: {} }).message).toMatch(/at least one entity/);
    expect(bad({ directory: dir, entities: { x: { file: 'x.xlsx', key: 'id' } } }).message).toMatch(
      /x\.xlsx must end in \.csv or \.jsonl/,
    );
    expect(bad({ directory: dir, entities: { x: { file: '../x.csv', key: 'id' } } }).message).toMatch(
      /file must be a file name inside the directory/,
    );
    expect(bad({ directory: dir, entities: { x: { file: 'x.csv' } } }).message).toMatch(/key must name/);
  });

  it('rejects an unknown entity and a foreign cursor with a clear error', async () => {
    const c = connector(entities);
    const unknown = await caught(c.read('invoice', '1'));
    expect(unknown).toMatchObject({ kind: 'validation', remedy: 'Use one of: customer.' });
    expect(unknown.message).toMatch(/no entity "invoice"/);
    const cursor: JsonValue = { offset: 5 };
    expect((await caught(pages(c, 'customer', { after: cursor }))).message).toMatch(
      /Not a file connector cursor/,
    );
  });
});

describe('with the sync engine', () => {
  it('syncs a CSV of companies into a JSON-lines file of customers, and a second run writes nothing', async () => {
    const { SqliteStore, runProfile } = await import('@databridge/core');
    writeFileSync(join(dir, 'companies.csv'), customersCsv);
    writeFileSync(join(dir, 'customers.jsonl'), '');
    const files = createFileConnector({
      directory: dir,
      now: () => clock,
      entities: {
        companies: { file: 'companies.csv', key: 'id', modifiedAt: 'updated_at', findableBy: ['orgNo'] },
        customers: { file: 'customers.jsonl', key: 'id', findableBy: ['corporateId', 'name'] },
      },
    });
    const store = await SqliteStore.open({ home: join(dir, 'home') });
    try {
      const source = await store.createConnection({ system: 'file', name: 'CRM export', tenantId: dir });
      const target = await store.createConnection({ system: 'file', name: 'ERP import', tenantId: dir });
      const profile = await store.createProfile({
        name: 'Companies to customers',
        source: { connectionId: source.id, entity: 'companies' },
        target: { connectionId: target.id, entity: 'customers' },
        direction: 'source_to_target',
        mapping: {
          version: 1,
          name: 'companies → customers',
          source: 'file.companies',
          target: 'file.customers',
          fields: [
            { target: 'name', rule: { kind: 'copy', from: 'name' }, required: true },
            { target: 'corporateId', rule: { kind: 'copy', from: 'orgNo' } },
          ],
        },
        matchingKeys: ['corporateId'],
      });
      const deps = { store, connectors: () => files };
      const first = await runProfile(deps, profile.id);
      expect(first.run).toMatchObject({ state: 'succeeded', counts: { created: 3, failed: 0 } });
      const written = readFileSync(join(dir, 'customers.jsonl'), 'utf8').trim().split('\n');
      expect(written.map((line) => (JSON.parse(line) as { name: string }).name).sort()).toEqual([
        'Alpha, Inc.',
        'Beta AS',
        'Kappa AS',
      ]);
      const second = await runProfile(deps, profile.id);
      expect(second.run.counts).toMatchObject({ created: 0, updated: 0 });
      expect(readFileSync(join(dir, 'customers.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
    } finally {
      await store.close();
    }
  });
});
