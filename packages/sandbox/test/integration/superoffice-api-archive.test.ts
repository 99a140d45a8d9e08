import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  SuperOfficeJsonObject as JsonObject,
  SuperOfficeApiServer,
} from '../../src/superoffice/api/index.js';
import type { SuperOfficeWorld } from '../../src/superoffice/world.js';
import {
  type ArchiveBody,
  type Auth,
  call,
  json,
  NORDLYS,
  startTestApi,
  userToken,
} from './superoffice-api-helpers.js';

let world: SuperOfficeWorld;
let api: SuperOfficeApiServer;
let auth: Auth;

beforeAll(async () => {
  ({ world, api } = await startTestApi({ maxTop: 50 }));
});
afterAll(() => api.close());
beforeEach(() => {
  world.reset();
  auth = { bearer: userToken(world) };
});

const contacts = (): JsonObject[] => api.data.tenant(NORDLYS.ctx).contacts.all();
const ms = (value: unknown) => Date.parse(`${String(value)}Z`);

async function list(entity: string, params: Record<string, string>): Promise<ArchiveBody> {
  const query = new URLSearchParams(params).toString();
  const response = await call(api, auth, `/v1/${entity}?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return json<ArchiveBody>(response);
}

/** Every contact id matching a filter, over all pages. */
async function ids(filter: string): Promise<number[]> {
  const found: number[] = [];
  for (let skip = 0; ; skip += 50) {
    const page = await list('Contact', {
      $select: 'contactId',
      $filter: filter,
      $orderby: 'contactId',
      $top: '50',
      $skip: String(skip),
    });
    found.push(...page.value.map((row) => Number(row.contactId)));
    if (page.value.length < 50) return found;
  }
}

const expected = (match: (c: JsonObject) => boolean) =>
  contacts()
    .filter(match)
    .map((c) => c.ContactId as number);

describe('SuperOffice tenant API: archive lists (superoffice.md §14)', () => {
  it('seeds ~200 companies, ~400 persons, ~100 sales and a few projects per tenant, deterministically', async () => {
    const tenant = api.data.tenant(NORDLYS.ctx);
    expect([tenant.contacts.size, tenant.persons.size, tenant.sales.size, tenant.projects.size]).toEqual([
      200, 400, 100, 5,
    ]);
    const snapshot = JSON.stringify(contacts().slice(0, 5));
    world.reset();
    expect(JSON.stringify(contacts().slice(0, 5))).toBe(snapshot);
  });

  it('returns SLIM rows of strings with PrimaryKey and EntityName', async () => {
    const body = await list('Contact', {
      $select: 'contactId,name,category,updatedDate,contactUdef/SuperOffice:2',
      $top: '2',
    });
    const first = contacts()[0] as JsonObject;
    expect(body.value[0]).toEqual({
      PrimaryKey: '1',
      EntityName: 'contact',
      contactId: '1',
      name: NORDLYS.name,
      category: (first.Category as { Value: string }).Value,
      updatedDate: expect.any(String),
      'contactUdef/SuperOffice:2': expect.any(String),
    });
    for (const row of body.value) for (const value of Object.values(row)) expect(typeof value).toBe('string');
  });

  it('returns FULL rows with DisplayValue and RawValue', async () => {
    const body = await list('Contact', { $select: 'contactId,category', $top: '1', $mode: 'FULL' });
    const first = contacts()[0] as JsonObject;
    expect(body.value[0]).toMatchObject({
      PrimaryKey: 1,
      contactId: { DisplayValue: '1', RawValue: 1 },
      category: { RawValue: (first.Category as { Id: number }).Id },
    });
  });

  it.each([
    ['contactId eq 7', (c: JsonObject) => c.ContactId === 7],
    ['contactId ne 7', (c: JsonObject) => c.ContactId !== 7],
    ['contactId lt 10', (c: JsonObject) => (c.ContactId as number) < 10],
    ['contactId le 10', (c: JsonObject) => (c.ContactId as number) <= 10],
    ['contactId gt 190', (c: JsonObject) => (c.ContactId as number) > 190],
    ['contactId ge 190', (c: JsonObject) => (c.ContactId as number) >= 190],
    ['contactId = 3', (c: JsonObject) => c.ContactId === 3],
    [
      'contactId between (5, 9)',
      (c: JsonObject) => (c.ContactId as number) >= 5 && (c.ContactId as number) <= 9,
    ],
    ["name begins 'nord'", (c: JsonObject) => String(c.Name).toLowerCase().startsWith('nord')],
    ["name contains 'DATA'", (c: JsonObject) => String(c.Name).toLowerCase().includes('data')],
    ['category oneOf (1, 3)', (c: JsonObject) => [1, 3].includes((c.Category as { Id: number }).Id)],
    [
      'contactUdef/SuperOffice:2 ge 25000',
      (c: JsonObject) =>
        Number(/\d+/.exec(String((c.CustomFields as JsonObject)['SuperOffice:2']))?.[0] ?? -1) >= 25000,
    ],
    [
      "updatedDate afterTime '2025-06-01T12:00:00'",
      (c: JsonObject) => ms(c.UpdatedDate) > Date.UTC(2025, 5, 1, 12),
    ],
    ["registeredDate beforeTime '2024-01-01'", (c: JsonObject) => ms(c.CreatedDate) < Date.UTC(2024, 0, 1)],
    [
      "(name begins 'Fjell' or name begins 'Hav') and category oneOf (1)",
      (c: JsonObject) => /^(fjell|hav)/i.test(String(c.Name)) && (c.Category as { Id: number }).Id === 1,
    ],
    [
      "name begins 'Fjell' or name begins 'Hav' and category oneOf (1)",
      (c: JsonObject) =>
        /^fjell/i.test(String(c.Name)) ||
        (/^hav/i.test(String(c.Name)) && (c.Category as { Id: number }).Id === 1),
    ],
  ])('filters %s', async (filter, match) => {
    const want = expected(match);
    expect(want.length).toBeGreaterThan(0);
    expect(await ids(filter)).toEqual(want);
  });

  it("compares date parts for date operators and reads quoted strings with '' escapes", async () => {
    const created = await call(api, auth, '/v1/Contact', { method: 'POST', body: { Name: "O'Neil's Fisk" } });
    const id = (await json(created)).ContactId as number;
    expect(await ids("name eq 'O''Neil''s Fisk'")).toEqual([id]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await ids(`registeredDate eq '${today}'`)).toEqual([id]);
    expect(
      await ids(`registeredDate afterTime '${today}T00:00:00' and registeredDate before '2999.01.01'`),
    ).toEqual([id]);
  });

  it.each([
    ['name begins', /expected a value after 'begins'/],
    ["name begins 'A", /not closed/],
    ["nosuch eq 'x'", /unknown column 'nosuch'/],
    ["contactId begins 'x'", /operator 'begins' does not apply to int column 'contactId'/],
    ["contactId eq 'abc'", /'abc' is not a number/],
    ["updatedDate afterTime 'yesterday'", /'yesterday' is not a date/],
    ["(name begins 'A'", /expected '\)'/],
    ["name begins 'A' nonsense", /expected 'and', 'or'/],
    ['contactId between (1)', /takes exactly two values/],
    ["name eq 'a' and", /expected a column name/],
    ['contactId eq 1 # 2', /unexpected character '#'/],
  ])('answers 400 for %s', async (filter, message) => {
    const response = await call(api, auth, `/v1/Contact?${new URLSearchParams({ $filter: filter })}`);
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body.Error).toBe(true);
    expect(body.ErrorMessage).toMatch(/^Invalid \$filter at position \d+/);
    expect(body.ErrorMessage).toMatch(message);
  });

  it('answers 400 for unknown $select / $orderby columns and bad $top', async () => {
    for (const query of [
      '$select=bogus',
      '$orderby=bogus',
      '$orderby=name sideways',
      '$top=-1',
      '$skip=x',
      '$mode=WIDE',
    ]) {
      const response = await call(api, auth, `/v1/Contact?${query}`);
      expect(response.status, query).toBe(400);
    }
  });

  it('orders by $orderby with the primary key as tie-breaker', async () => {
    const body = await list('Contact', {
      $select: 'contactId,category',
      $orderby: 'category desc',
      $top: '50',
    });
    const categoryOf = new Map(
      contacts().map((c) => [c.ContactId as number, (c.Category as { Id: number }).Id]),
    );
    const rows = body.value.map((r) => [categoryOf.get(Number(r.contactId)) ?? 0, Number(r.contactId)]);
    const sorted = [...rows].sort(
      (a, b) => (b[0] as number) - (a[0] as number) || (a[1] as number) - (b[1] as number),
    );
    expect(rows).toEqual(sorted);
  });

  it('caps $top at maxTop and links the next page until the last one', async () => {
    const first = await list('Contact', { $select: 'contactId', $top: '500', $orderby: 'contactId' });
    expect(first.value).toHaveLength(50);
    expect(first['odata.nextLink']).toContain('%24skip=50');
    const next = await fetch(first['odata.nextLink'] as string, {
      headers: { authorization: `Bearer ${(auth as { bearer: string }).bearer}` },
    });
    expect((await json<ArchiveBody>(next)).value[0]?.contactId).toBe('51');
    const last = await list('Contact', { $select: 'contactId', $top: '50', $skip: '150' });
    expect(last['odata.nextLink']).toBeNull();
  });

  it('pages ordered by the primary key without loss or duplicates while records are added', async () => {
    const seen: number[] = [];
    for (let skip = 0; ; skip += 30) {
      const page = await list('Contact', {
        $select: 'contactId',
        $orderby: 'contactId',
        $top: '30',
        $skip: String(skip),
      });
      seen.push(...page.value.map((r) => Number(r.contactId)));
      // Someone adds two companies between every page.
      for (const name of ['Between A', 'Between B'])
        await call(api, auth, '/v1/Contact', { method: 'POST', body: { Name: name } });
      if (page.value.length < 30) break;
    }
    const all = contacts().map((c) => c.ContactId as number);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(all.slice(0, seen.length));
    expect(seen.length).toBeGreaterThanOrEqual(200);
  });

  it('lists persons, sales and projects with their own columns', async () => {
    const persons = await list('Person', {
      $select: 'personId,contactId,fullName',
      $filter: 'contactId eq 2',
      $orderby: 'personId',
    });
    const tenant = api.data.tenant(NORDLYS.ctx);
    expect(persons.value.map((r) => Number(r.personId))).toEqual(
      tenant.persons
        .all()
        .filter((p) => (p.Contact as { ContactId: number }).ContactId === 2)
        .map((p) => p.PersonId),
    );
    const sales = await list('Sale', {
      $select: 'saleId,amount',
      $filter: 'amount gt 250000',
      $orderby: 'saleId',
    });
    expect(sales.value.every((r) => Number(r.amount) > 250000)).toBe(true);
    const projects = await list('Project', { $select: 'projectId,name', $filter: "name contains 'e'" });
    expect(projects.value.length).toBeGreaterThan(0);
  });
});
