import { createVismaClient, type VismaConnection } from '@databridge/visma-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConnectorError,
  type ConnectorRecord,
  countingFetch,
  createConnectorResolver,
  createVismaConnector,
} from '../../src/connectors/index.js';
import {
  ConnectorWorld,
  collect,
  type RecordedRequest,
  recordingFetch,
  rejectionOf,
  VISMA_NORDLYS,
} from './connector-fixture.js';

const world = new ConnectorWorld();
let signedIn: VismaConnection;

beforeAll(async () => {
  await world.start();
  signedIn = await world.signInVisma();
}, 30_000);
afterAll(() => world.stop());
beforeEach(() => world.beforeEach());
afterEach(() => world.afterEach());

/** A connector over a client made directly, recording every request. */
function connector(log: RecordedRequest[] = []) {
  const calls = countingFetch(recordingFetch(log));
  const client = createVismaClient({
    auth: world.vismaAuth,
    connection: signedIn,
    apiBaseUrl: world.sandbox.visma.apiBaseUrl,
    fetch: calls.fetch,
    retry: { limit: 1 },
  });
  return createVismaConnector({ client, calls });
}

const keys = (records: readonly ConnectorRecord[]) => records.map((record) => record.key);
const acme = (extra: Record<string, unknown> = {}) => ({
  name: 'Acme Connector AS',
  corporateId: '912345678',
  mainAddress: { addressLine1: 'Karenslyst Alle 56', postalCode: '0277', city: 'Oslo', countryId: 'NO' },
  ...extra,
});

describe('Visma connector', () => {
  it('describes customer, contact and the read-only customerInvoice', () => {
    const entities = connector().describe();
    expect(entities.map((entity) => entity.name)).toEqual(['customer', 'contact', 'customerInvoice']);
    expect(entities.find((entity) => entity.name === 'customerInvoice')).toMatchObject({
      readable: true,
      writable: false,
    });
    expect(entities[0]?.findableBy).toEqual(
      expect.arrayContaining(['corporateId', 'number', 'mainAddress.postalCode']),
    );
  });

  it('reads every customer page by page, keyed by internalId, versioned by timeStamp', async () => {
    const visma = connector();
    const pages = await collect(visma.readChanges('customer', { pageSize: 4 }));
    const records = pages.flatMap((page) => page.records);
    expect(records).toHaveLength(10);
    expect(new Set(keys(records)).size).toBe(10);
    expect(pages.map((page) => page.cursor)).toEqual([
      { page: 1, pageSize: 4 },
      { page: 2, pageSize: 4 },
      { page: 3, pageSize: 4 },
    ]);
    const [first] = records;
    expect(first?.key).toBe(String(first?.data.internalId));
    expect(first?.version).toBe(first?.data.timeStamp);
    expect(first?.modifiedAt).toBe(first?.data.lastModifiedDateTime);
    expect(first?.modifiedBy).toBeUndefined();
    expect(first?.data).not.toHaveProperty('metadata');
  });

  it('resumes after a cursor without skipping a record, even when one was created meanwhile', async () => {
    const visma = connector();
    const all = keys(
      (await collect(visma.readChanges('customer', { pageSize: 4 }))).flatMap((page) => page.records),
    );
    const iterator = visma.readChanges('customer', { pageSize: 4 })[Symbol.asyncIterator]();
    const first = (await iterator.next()).value;
    await iterator.return?.();
    const created = await visma.create('customer', acme());
    const rest = (await collect(visma.readChanges('customer', { pageSize: 3, after: first.cursor }))).flatMap(
      (page) => page.records,
    );
    const seen = [...keys(first.records), ...keys(rest)];
    expect(seen).toEqual(expect.arrayContaining([...all, created.key]));
    expect(seen).toHaveLength(11);
  });

  it('reads only customers changed since a date', async () => {
    const visma = connector();
    const since = new Date(Date.now() - 1000);
    const created = await visma.create('customer', acme());
    const changed = (await collect(visma.readChanges('customer', { since }))).flatMap((page) => page.records);
    expect(keys(changed)).toContain(created.key);
    expect(changed.length).toBeLessThan(11);
  });

  it('reads one customer by internalId, and undefined for a missing one', async () => {
    const visma = connector();
    const [page] = await collect(visma.readChanges('customer', { pageSize: 1 }));
    const listed = page?.records[0];
    const read = await visma.read('customer', listed?.key ?? '');
    expect(read).toEqual(listed);
    expect(await visma.read('customer', '987654321')).toBeUndefined();
  });

  it('creates a customer and returns its internalId, version and stored data', async () => {
    const visma = connector();
    const created = await visma.create('customer', acme());
    expect(created.data).toMatchObject({ name: 'Acme Connector AS', corporateId: '912345678' });
    expect(created.key).toBe(String(created.data?.internalId));
    const read = await visma.read('customer', created.key);
    expect(read?.version).toBe(created.version);
  });

  it('finds by server filters, by number, and by client-side fields; two matches are two', async () => {
    const visma = connector();
    const one = await visma.create('customer', acme());
    const two = await visma.create(
      'customer',
      acme({ name: 'Acme Connector Two AS', mainAddress: { postalCode: '5003' } }),
    );
    expect(keys(await visma.find('customer', { corporateId: ' 912345678 ' })).sort()).toEqual(
      [one.key, two.key].sort(),
    );
    expect(
      keys(await visma.find('customer', { corporateId: '912345678', 'mainAddress.postalCode': '5003' })),
    ).toEqual([two.key]);
    expect(keys(await visma.find('customer', { name: 'ACME connector as' }))).toEqual([one.key]);
    expect(
      keys(await visma.find('customer', { 'mainAddress.city': 'oslo', corporateId: '912345678' })),
    ).toEqual([one.key]);
    const number = String(one.data?.number);
    expect(keys(await visma.find('customer', { number }))).toEqual([one.key]);
    expect(await visma.find('customer', { number: 'NO-SUCH-NUMBER' })).toEqual([]);
    expect(await visma.find('customer', { number, corporateId: '000' })).toEqual([]);
  });

  it('updates only the changed fields; the version it returns is the one a later read sees; a stale one conflicts', async () => {
    const log: RecordedRequest[] = [];
    const visma = connector(log);
    const created = await visma.create('customer', acme());
    log.length = 0;
    const updated = await visma.update(
      'customer',
      created.key,
      { name: 'Acme Renamed AS' },
      { ifVersion: created.version },
    );
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      method: 'PUT',
      path: expect.stringContaining(`/customer/internal/${created.key}`),
    });
    expect(JSON.parse(log[0]?.body ?? '{}')).toEqual({ name: { value: 'Acme Renamed AS' } });
    expect(updated.key).toBe(created.key);
    expect(updated.version).not.toBe(created.version);
    const read = await visma.read('customer', created.key);
    expect(read?.data).toMatchObject({ name: 'Acme Renamed AS', corporateId: '912345678' });
    expect(read?.version).toBe(updated.version);
    const listed = (await visma.find('customer', { corporateId: '912345678' }))[0];
    expect(listed?.version).toBe(updated.version);

    const stale = await rejectionOf(
      visma.update('customer', created.key, { name: 'Lost update' }, { ifVersion: created.version }),
    );
    expect(stale.kind).toBe('conflict');
  });

  it('validates writes with the zod schema, one message per bad field', () => {
    const customer = connector()
      .describe()
      .find((entity) => entity.name === 'customer');
    expect(customer?.validateWrite?.(acme())).toEqual([]);
    const issues =
      customer?.validateWrite?.({ name: '', mainAddress: { countryId: 'Norway' }, colour: 'red' }) ?? [];
    expect(issues).toHaveLength(3);
    expect(issues.join('\n')).toContain('mainAddress.countryId');
    expect(issues.join('\n')).toContain('colour');
  });

  it('creates, finds and updates a contact of a customer; reads invoices but cannot write them', async () => {
    const visma = connector();
    const customer = await visma.create('customer', acme());
    const businessAccount = String(customer.data?.number);
    const contact = await visma.create('contact', {
      firstName: 'Kari',
      lastName: 'Nordmann',
      email: 'kari@acme.example',
      businessAccount,
    });
    expect(contact.key).toBe(String(contact.data?.contactId));
    expect(keys(await visma.find('contact', { businessAccount, lastName: 'nordmann' }))).toEqual([
      contact.key,
    ]);
    const changed = await visma.update('contact', contact.key, { phone1: '+47 22 00 00 00' });
    expect((await visma.read('contact', contact.key))?.version).toBe(changed.version);

    const [page] = await collect(visma.readChanges('customerInvoice', { pageSize: 2 }));
    const invoice = page?.records[0];
    expect(invoice?.key).toBe(invoice?.data.referenceNumber);
    expect((await visma.read('customerInvoice', invoice?.key ?? ''))?.key).toBe(invoice?.key);
    expect((await rejectionOf(visma.create('customerInvoice', {}))).kind).toBe('validation');
  });

  it('counts every API call', async () => {
    const visma = connector();
    expect(visma.apiCalls?.()).toBe(0);
    await visma.read('customer', '987654321');
    expect(visma.apiCalls?.()).toBe(1);
    await collect(visma.readChanges('customer', { pageSize: 4 }));
    expect(visma.apiCalls?.()).toBe(4);
  });
});

describe('connector resolver', () => {
  it('builds the Visma connector from a stored connection', async () => {
    const connection = await world.storeConnection(
      'visma',
      'Visma Nordlys',
      VISMA_NORDLYS.tenantId,
      signedIn,
    );
    const resolve = createConnectorResolver({
      store: world.store,
      vault: world.vault,
      systems: world.systems,
    });
    const visma = await resolve(connection);
    expect(visma.system).toBe('visma');
    const pages = await collect(visma.readChanges('customer', { pageSize: 5 }));
    expect(pages.map((page) => page.records.length)).toEqual([5, 5]);
    expect(visma.apiCalls?.()).toBe(2);
  });

  it('a connection without tokens → reauth_required with a sign-in remedy', async () => {
    const connection = await world.storeConnection('visma', 'Visma Nordlys', VISMA_NORDLYS.tenantId);
    const resolve = createConnectorResolver({
      store: world.store,
      vault: world.vault,
      systems: world.systems,
    });
    const error = await rejectionOf(Promise.resolve(resolve(connection)));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.kind).toBe('reauth_required');
    expect(error.remedy).toBe('Connect "Visma Nordlys" (sign in once).');
  });

  it('an unknown system → a clear error naming it and how to register; a custom one is used', async () => {
    const connection = await world.storeConnection('file', 'Price list', 'prices.csv');
    const bare = createConnectorResolver({ store: world.store, vault: world.vault, systems: world.systems });
    const error = await rejectionOf(Promise.resolve(bare(connection)));
    expect(error.kind).toBe('unknown');
    expect(error.message).toContain('"file"');
    expect(error.remedy).toContain('custom');

    const custom = createVismaConnector({
      client: createVismaClient({
        auth: world.vismaAuth,
        connection: signedIn,
        apiBaseUrl: world.sandbox.visma.apiBaseUrl,
      }),
    });
    const seen: string[] = [];
    const resolve = createConnectorResolver({
      store: world.store,
      vault: world.vault,
      systems: world.systems,
      custom: {
        file: (given) => {
          seen.push(given.id);
          return { ...custom, system: 'file' };
        },
      },
    });
    expect((await resolve(connection)).system).toBe('file');
    expect(seen).toEqual([connection.id]);
  });
});
