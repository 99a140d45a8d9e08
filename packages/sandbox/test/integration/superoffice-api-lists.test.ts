import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SuperOfficeApiServer } from '../../src/superoffice/api/index.js';
import type { SuperOfficeWorld } from '../../src/superoffice/world.js';
import { type Auth, call, json, startTestApi, userToken } from './superoffice-api-helpers.js';

let world: SuperOfficeWorld;
let api: SuperOfficeApiServer;
let auth: Auth;

beforeAll(async () => {
  ({ world, api } = await startTestApi({ contacts: 10 }));
});
afterAll(() => api.close());
beforeEach(() => {
  world.reset();
  auth = { bearer: userToken(world) };
});

describe('SuperOffice tenant API: lists (superoffice.md §10)', () => {
  it('serves ListItemEntity items, including retired ones, case-insensitively by list name', async () => {
    const business = await json<Record<string, unknown>[]>(await call(api, auth, '/v1/List/Business/Items'));
    expect(business[0]).toEqual({
      Id: 1,
      Name: 'Fishing',
      Tooltip: '',
      Deleted: false,
      UdListDefinitionId: 0,
      Rank: 1,
    });
    expect(business.find((i) => i.Name === 'Old business')?.Deleted).toBe(true);
    const category = await json<Record<string, unknown>[]>(await call(api, auth, '/v1/list/category/items'));
    expect(category.map((i) => i.Name)).toContain('Supplier');
    for (const name of ['Currency', 'Position', 'SaleType', 'ProjectStatus', 'ProjectType', 'Source']) {
      expect((await call(api, auth, `/v1/List/${name}/Items`)).status, name).toBe(200);
    }
    expect(await json(await call(api, auth, '/v1/List/Category/Items/3'))).toMatchObject({
      Id: 3,
      Name: 'Supplier',
    });
  });

  it('serves Country items in the Country carrier', async () => {
    const countries = await json<Record<string, unknown>[]>(await call(api, auth, '/v1/List/Country/Items'));
    expect(countries[0]).toMatchObject({
      CountryId: 578,
      Name: 'Norway',
      TwoLetterISOCountry: 'NO',
      ThreeLetterISOCountry: 'NOR',
    });
    expect(await json(await call(api, auth, '/v1/List/Country/Items/752'))).toMatchObject({ Name: 'Sweden' });
  });

  it('answers 404 for unknown lists and items', async () => {
    expect((await call(api, auth, '/v1/List/Nope/Items')).status).toBe(404);
    expect((await call(api, auth, '/v1/List/Business/Items/999')).status).toBe(404);
  });
});

describe('SuperOffice tenant API: foreign keys (superoffice.md §19)', () => {
  const device = '/v1/ForeignApp/erp/erp/visma-1/Key';

  it('stores an external id on a record and reads it back every documented way', async () => {
    const saved = await call(api, auth, device, {
      method: 'POST',
      body: { Key: 'erp-id', Value: '10001', TableName: 'contact', RecordId: 3 },
    });
    expect(saved.status).toBe(200);
    expect(await json(saved)).toMatchObject({
      AppName: 'erp',
      DeviceName: 'erp',
      Key: 'erp-id',
      Value: '10001',
      TableName: 'contact',
      RecordId: 3,
    });

    expect(await json(await call(api, auth, `${device}/erp-id/contact/3`))).toMatchObject({ Value: '10001' });
    expect(await json(await call(api, auth, `${device}/erp-id/contact/3/Value`))).toBe('10001');
    expect(await json(await call(api, auth, '/v1/Contact/3/ForeignKey'))).toEqual({
      'erp.erp.erp-id': '10001',
    });
    const withFk = await json<{ ExtraFields: Record<string, string> }>(
      await call(api, auth, '/v1/Contact/3?fk=true'),
    );
    expect(withFk.ExtraFields['erp.erp.erp-id']).toBe('10001');
    const plain = await json<{ ExtraFields: Record<string, string> }>(await call(api, auth, '/v1/Contact/3'));
    expect(plain.ExtraFields['erp.erp.erp-id']).toBeUndefined();
    expect(await json(await call(api, auth, device))).toHaveLength(1);
  });

  it('updates by PUT (upsert), deletes, and refuses unknown tables and records', async () => {
    await call(api, auth, `${device}/erp-id/person/2`, { method: 'PUT', body: '"P-1"' });
    await call(api, auth, device, {
      method: 'PUT',
      body: { Key: 'erp-id', Value: 'P-2', TableName: 'person', RecordId: 2 },
    });
    expect(await json(await call(api, auth, `${device}/erp-id/person/2/Value`))).toBe('P-2');
    expect(await json(await call(api, auth, device))).toHaveLength(1);
    expect((await call(api, auth, `${device}/erp-id/person/2`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(api, auth, `${device}/erp-id/person/2`)).status).toBe(404);
    const table = await call(api, auth, device, {
      method: 'POST',
      body: { Key: 'k', Value: 'v', TableName: 'ticket', RecordId: 1 },
    });
    expect(table.status).toBe(400);
    const record = await call(api, auth, device, {
      method: 'POST',
      body: { Key: 'k', Value: 'v', TableName: 'contact', RecordId: 999 },
    });
    expect(record.status).toBe(404);
  });

  it('drops the keys of a deleted record', async () => {
    await call(api, auth, `${device}/erp-id/contact/5`, { method: 'PUT', body: { Value: 'X' } });
    await call(api, auth, '/v1/Contact/5', { method: 'DELETE' });
    expect(await json(await call(api, auth, device))).toEqual([]);
  });
});
