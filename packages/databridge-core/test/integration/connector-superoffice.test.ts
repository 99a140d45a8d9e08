import { createSuperOfficeClient, type SuperOfficeConnection } from '@databridge/superoffice-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConnectorRecord,
  countingFetch,
  createConnectorResolver,
  createSuperOfficeConnector,
} from '../../src/connectors/index.js';
import {
  ConnectorWorld,
  collect,
  type RecordedRequest,
  recordingFetch,
  rejectionOf,
  SIRI,
  SO_NORDLYS,
} from './connector-fixture.js';

const world = new ConnectorWorld();
let signedIn: SuperOfficeConnection;

beforeAll(() => world.start(), 30_000);
afterAll(() => world.stop());
beforeEach(async () => {
  await world.beforeEach();
  // A reset forgets issued tokens, so sign in again for every test.
  signedIn = await world.signInSuperOffice();
});
afterEach(() => world.afterEach());

/** A connector over a client made directly, recording every request. */
function connector(log: RecordedRequest[] = []) {
  const calls = countingFetch(recordingFetch(log));
  const client = createSuperOfficeClient({
    auth: world.soAuth,
    connection: signedIn,
    fetch: calls.fetch,
    requestsPerSecond: 1000,
    retry: { limit: 1 },
  });
  return createSuperOfficeConnector({ client, calls });
}

const keys = (records: readonly ConnectorRecord[]) => records.map((record) => record.key);
const SIRI_ID = String(SIRI.associateId);

describe('SuperOffice connector', () => {
  it('describes Contact, Person, Sale and Project with their findable fields', () => {
    const entities = connector().describe();
    expect(entities.map((entity) => entity.name)).toEqual(['Contact', 'Person', 'Sale', 'Project']);
    expect(entities[0]?.findableBy).toEqual(
      expect.arrayContaining(['Name', 'OrgNr', 'Number1', 'Address.Postal.Zipcode', 'Emails.0.Value']),
    );
  });

  it('reads every contact in key order, in full, page by page, and resumes after a cursor without a gap', async () => {
    const crm = connector();
    const pages = await collect(crm.readChanges('Contact', { pageSize: 10 }));
    const records = pages.flatMap((page) => page.records);
    expect(records).toHaveLength(30);
    const numeric = records.map((record) => Number(record.key));
    expect(numeric).toEqual([...numeric].sort((a, b) => a - b));
    expect(pages[0]?.cursor).toEqual({ afterKey: numeric[9] });
    const [first] = records;
    expect(first?.data).toHaveProperty('Name');
    expect(first?.data).toHaveProperty('Address');
    expect(first?.key).toBe(String(first?.data.ContactId));
    expect(first?.version).toBe(first?.modifiedAt);

    const created = await crm.create('Contact', { Name: 'Resumed Between Pages AS' });
    const rest = (
      await collect(crm.readChanges('Contact', { pageSize: 7, after: pages[0]?.cursor ?? null }))
    ).flatMap((page) => page.records);
    expect([...keys(pages[0]?.records ?? []), ...keys(rest)]).toEqual([...keys(records), created.key]);
  });

  it('reads only records changed since a date, with who changed them', async () => {
    const crm = connector();
    const since = new Date(Date.now() - 2000);
    const created = await crm.create('Contact', { Name: 'Changed Recently AS' });
    const changed = (await collect(crm.readChanges('Contact', { since }))).flatMap((page) => page.records);
    expect(keys(changed)).toContain(created.key);
    expect(changed.length).toBeLessThan(30);
    const mine = changed.find((record) => record.key === created.key);
    expect(mine?.modifiedBy).toBe(SIRI_ID);
    expect(mine?.modifiedBy).toBe(await crm.whoAmI?.());
  });

  it('reads one record, and undefined for a missing one', async () => {
    const crm = connector();
    const [page] = await collect(crm.readChanges('Person', { pageSize: 1 }));
    const listed = page?.records[0];
    expect(await crm.read('Person', listed?.key ?? '')).toEqual(listed);
    expect(await crm.read('Person', '99999999')).toBeUndefined();
    expect(await crm.read('Person', 'not-a-key')).toBeUndefined();
  });

  it('finds by archive columns and by fields without one; two matches are two', async () => {
    const crm = connector();
    const one = await crm.create('Contact', {
      Name: 'Fjord Finder AS',
      OrgNr: '987654321',
      Department: 'Sales',
      Address: { Postal: { Zipcode: '0277', City: 'Oslo' } },
    });
    const two = await crm.create('Contact', {
      Name: 'Fjord Finder AS',
      OrgNr: '987654321',
      Department: 'Support',
      Address: { Postal: { Zipcode: '5003', City: 'Bergen' } },
    });
    expect(keys(await crm.find('Contact', { Name: ' fjord finder as ' })).sort()).toEqual(
      [one.key, two.key].sort(),
    );
    expect(keys(await crm.find('Contact', { OrgNr: '987654321', 'Address.Postal.Zipcode': '5003' }))).toEqual(
      [two.key],
    );
    // `Department` has an archive column, `Address.Postal.City` is only checked on the full record.
    expect(
      keys(await crm.find('Contact', { Name: 'Fjord Finder AS', 'Address.Postal.City': 'OSLO' })),
    ).toEqual([one.key]);
    expect(await crm.find('Contact', { Name: 'Nobody By This Name AS' })).toEqual([]);
    expect((await rejectionOf(crm.find('Contact', { Description: 'x' }))).kind).toBe('validation');
  });

  it('creates a record and returns its key, version and stored data', async () => {
    const crm = connector();
    const created = await crm.create('Contact', { Name: 'Created By Connector AS', Number1: 'C-1' });
    expect(created.key).toBe(String(created.data?.ContactId));
    expect(created.data).toMatchObject({ Name: 'Created By Connector AS', Number1: 'C-1' });
    expect(created.version).toEqual(expect.any(String));
    expect((await crm.read('Contact', created.key))?.version).toBe(created.version);
  });

  it('patches only the changed fields; the version it returns is the one a later read sees; a stale one conflicts', async () => {
    const log: RecordedRequest[] = [];
    const crm = connector(log);
    const created = await crm.create('Contact', { Name: 'Patch Me AS', OrgNr: '111' });
    log.length = 0;
    const updated = await crm.update(
      'Contact',
      created.key,
      { Name: 'Patched AS' },
      { ifVersion: created.version },
    );
    const patch = log.find((request) => request.method === 'PATCH');
    expect(JSON.parse(patch?.body ?? '[]')).toEqual([
      { op: 'test', path: '/UpdatedDate', value: expect.anything() },
      { op: 'replace', path: '/Name', value: 'Patched AS' },
    ]);
    const read = await crm.read('Contact', created.key);
    expect(read?.data).toMatchObject({ Name: 'Patched AS', OrgNr: '111' });
    expect(read?.version).toBe(updated.version);
    expect(read?.modifiedBy).toBe(SIRI_ID);

    const stale = await rejectionOf(
      crm.update('Contact', created.key, { Name: 'Lost update' }, { ifVersion: '2001-01-01T00:00:00' }),
    );
    expect(stale.kind).toBe('conflict');
    expect((await crm.read('Contact', created.key))?.data.Name).toBe('Patched AS');
  });

  it('knows who it is, asking once', async () => {
    const crm = connector();
    expect(await crm.whoAmI?.()).toBe(SIRI_ID);
    const calls = crm.apiCalls?.();
    expect(await crm.whoAmI?.()).toBe(SIRI_ID);
    expect(crm.apiCalls?.()).toBe(calls);
  });

  it('validates writes with the zod schemas', () => {
    const sale = connector()
      .describe()
      .find((entity) => entity.name === 'Sale');
    expect(sale?.validateWrite?.({ Heading: 'Deal', Amount: 10 })).toEqual([]);
    const issues = sale?.validateWrite?.({ Heading: '', Status: 'Maybe', Contact: { ContactId: -1 } }) ?? [];
    expect(issues).toHaveLength(3);
    expect(issues.join('\n')).toContain('Contact.ContactId');
  });

  it('counts every API call: one archive page plus one GET per row', async () => {
    const crm = connector();
    const [page] = await collect(crm.readChanges('Sale', { pageSize: 100 }));
    expect(crm.apiCalls?.()).toBe(1 + (page?.records.length ?? 0) + 1);
  });
});

describe('connector resolver (SuperOffice)', () => {
  it('builds the SuperOffice connector from a stored connection', async () => {
    const connection = await world.storeConnection('superoffice', 'CRM Nordlys', SO_NORDLYS.ctx, signedIn);
    const resolve = createConnectorResolver({
      store: world.store,
      vault: world.vault,
      systems: world.systems,
      superoffice: { requestsPerSecond: 1000 },
    });
    const crm = await resolve(connection);
    expect(crm.system).toBe('superoffice');
    expect(await crm.whoAmI?.()).toBe(SIRI_ID);
    expect(crm.apiCalls?.()).toBe(1);
  });
});
