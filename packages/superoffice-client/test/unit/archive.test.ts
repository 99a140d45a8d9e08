import { describe, expect, it } from 'vitest';
import { isSuperOfficeError, type SuperOfficeError } from '../../src/errors/superoffice-error.js';
import type { SuperOfficeRequest, SuperOfficeTransport } from '../../src/http/transport.js';
import {
  and,
  archiveQueryParams,
  changedSince,
  condition,
  createResources,
  or,
  where,
} from '../../src/resources/index.js';

function fake(bodies: unknown[]) {
  const requests: SuperOfficeRequest[] = [];
  const transport: SuperOfficeTransport = {
    async send(request) {
      requests.push(request);
      if (bodies.length === 0) throw new Error(`unexpected request ${request.method} ${request.path}`);
      return { status: 200, headers: new Headers(), body: bodies.shift() };
    },
  };
  return { requests, resources: createResources(transport) };
}

function error(run: () => unknown): SuperOfficeError {
  try {
    run();
  } catch (caught) {
    if (isSuperOfficeError(caught)) return caught;
    throw caught;
  }
  throw new Error('expected a SuperOfficeError');
}

const rows = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    PrimaryKey: String(from + i),
    EntityName: 'contact',
    contactId: String(from + i),
    name: `Company ${from + i}`,
  }));

describe('filter builder renders the §14 dialect', () => {
  it('reproduces the §14 incremental example exactly', () => {
    const since = new Date('2026-05-01T00:00:00Z');
    expect(
      where('updatedDate').afterTime(since).or(where('registeredDate').afterTime(since)).toString(),
    ).toBe("updatedDate afterTime '2026-05-01T00:00:00' or registeredDate afterTime '2026-05-01T00:00:00'");
  });

  it('reproduces "category oneOf (3)" and lists several ids', () => {
    expect(where('category').oneOf(3).toString()).toBe('category oneOf (3)');
    expect(where('category').oneOf(3, 4, 5).toString()).toBe('category oneOf (3,4,5)');
  });

  it('renders every comparison operator, numbers bare and strings quoted', () => {
    expect(where('contactId').eq(5).toString()).toBe('contactId eq 5');
    expect(where('name').ne('Acme').toString()).toBe("name ne 'Acme'");
    expect(where('number').lt(10).toString()).toBe('number lt 10');
    expect(where('number').le(10).toString()).toBe('number le 10');
    expect(where('number').gt(-1.5).toString()).toBe('number gt -1.5');
    expect(where('number').ge(0).toString()).toBe('number ge 0');
    expect(where('name').begins('Ac').toString()).toBe("name begins 'Ac'");
    expect(where('name').contains('me').toString()).toBe("name contains 'me'");
    expect(where('number').between(1, 5).toString()).toBe('number between (1,5)');
    expect(where('updatedDate').beforeTime('2026-05-01T10:30').toString()).toBe(
      "updatedDate beforeTime '2026-05-01T10:30:00'",
    );
    expect(where('registeredDate').after(new Date('2026-05-01T23:00:00Z')).toString()).toBe(
      "registeredDate after '2026-05-01'",
    );
    expect(condition('contactDeleted', 'eq', false).toString()).toBe('contactDeleted eq 0');
    expect(condition('associateId', 'currentAssociate').toString()).toBe('associateId currentAssociate');
    expect(condition('contactUdef/SuperOffice:1', 'eq', 'x').toString()).toBe(
      "contactUdef/SuperOffice:1 eq 'x'",
    );
  });

  it("escapes a quote by doubling it (O'Brien)", () => {
    expect(where('name').eq("O'Brien & Sons").toString()).toBe("name eq 'O''Brien & Sons'");
  });

  it('groups mixed and/or with parentheses only where needed', () => {
    const filter = and(where('name').begins('A'), or(where('category').oneOf(1), where('business').oneOf(2)));
    expect(filter.toString()).toBe("name begins 'A' and (category oneOf (1) or business oneOf (2))");
    expect(and(where('a').eq(1), and(where('b').eq(2), where('c').eq(3))).toString()).toBe(
      'a eq 1 and b eq 2 and c eq 3',
    );
    expect(or(and(where('a').eq(1), where('b').eq(2)), where('c').eq(3)).toString()).toBe(
      '(a eq 1 and b eq 2) or c eq 3',
    );
  });

  it('names an unknown operator, an empty oneOf, a bad column and a bad date', () => {
    const unknown = error(() => condition('name', 'like', 'x'));
    expect(unknown.kind).toBe('validation');
    expect(unknown.message).toBe('unknown archive filter operator "like"');
    expect(error(() => where('category').oneOf()).message).toBe(
      'operator oneOf needs at least one value, got none',
    );
    expect(error(() => condition('name', 'eq')).message).toBe('operator eq takes 1 operand(s), got 0');
    expect(error(() => condition('name; drop', 'eq', 1)).message).toContain('"name; drop"');
    expect(error(() => where('updatedDate').afterTime('yesterday')).message).toContain('afterTime');
    expect(error(() => and()).message).toContain('and() needs at least one filter');
  });
});

describe('changedSince', () => {
  it('subtracts the overlap and filters updatedDate or registeredDate (§24 item 10)', () => {
    const filter = changedSince(new Date('2026-05-01T00:05:00.750Z'), { overlapMs: 5 * 60_000 });
    expect(filter.toString()).toBe(
      "updatedDate afterTime '2026-05-01T00:00:00' or registeredDate afterTime '2026-05-01T00:00:00'",
    );
  });

  it('refuses a negative overlap', () => {
    expect(error(() => changedSince(new Date(), { overlapMs: -1 })).message).toContain('overlapMs');
  });
});

describe('archiveQueryParams', () => {
  it('always orders by the primary key, after extra keys', () => {
    expect(
      archiveQueryParams(
        {
          select: ['contactId', 'name', 'orgnr', 'updatedDate'],
          filter: where('name').begins('A'),
          orderBy: ['name desc'],
        },
        'contactId',
        500,
        500,
      ),
    ).toStrictEqual({
      $select: 'contactId,name,orgnr,updatedDate',
      $filter: "name begins 'A'",
      $orderby: 'name desc,contactId',
      $top: 500,
      $skip: 500,
    });
    expect(
      archiveQueryParams({ select: ['name'], orderBy: ['contactId desc'] }, 'contactId', 0, 1).$orderby,
    ).toBe('contactId desc');
  });
});

describe('contacts.query paging (§24 item 9)', () => {
  it('sends $orderby=pk with explicit $top/$skip and stops on a short page', async () => {
    const { requests, resources } = fake([
      { value: rows(1, 2), 'odata.nextLink': 'ignored' },
      { value: rows(3, 1) },
    ]);
    const found = await resources.contacts
      .query({ select: ['contactId', 'name'], pageSize: 2 })
      .toArray({ limit: 100 });
    expect(found.map((row) => row.contactId)).toStrictEqual([1, 2, 3]);
    expect(requests.map((request) => request.query)).toStrictEqual([
      { $select: 'contactId,name', $orderby: 'contactId', $top: 2, $skip: 0 },
      { $select: 'contactId,name', $orderby: 'contactId', $top: 2, $skip: 2 },
    ]);
    expect(requests[0]?.path).toBe('/v1/Contact');
  });

  it('stops on an empty page after full pages', async () => {
    const { requests, resources } = fake([{ value: rows(1, 2) }, { value: [] }]);
    const found: number[] = [];
    for await (const row of resources.contacts.query({ select: ['name'], pageSize: 2 }))
      found.push(row.PrimaryKey);
    expect(found).toStrictEqual([1, 2]);
    expect(requests).toHaveLength(2);
  });

  it('asks for no more than the limit', async () => {
    const { requests, resources } = fake([{ value: rows(1, 3) }]);
    const found = await resources.persons.query({ select: ['name'], pageSize: 10 }).toArray({ limit: 3 });
    expect(found).toHaveLength(3);
    expect(requests[0]?.query).toMatchObject({ $top: 3, $skip: 0, $orderby: 'personId' });
    expect(requests[0]?.path).toBe('/v1/Person');
  });

  it('yields pages with their $skip', async () => {
    const { resources } = fake([{ value: rows(1, 2) }, { value: rows(3, 1) }]);
    const pages = [];
    for await (const page of resources.contacts.query({ select: ['name'], pageSize: 2 }).pages())
      pages.push(page);
    expect(pages.map((page) => [page.skip, page.items.length])).toStrictEqual([
      [0, 2],
      [2, 1],
    ]);
  });

  it('coerces SLIM strings per the declared types', async () => {
    const { resources } = fake([
      {
        value: [
          {
            PrimaryKey: '25',
            EntityName: 'contact',
            contactId: '25',
            name: 'Acme AS',
            number: '1 234',
            amount: '1234,5',
            active: 'True',
            updatedDate: '2026-05-01T10:00:00',
            registeredDate: '2026-05-01T10:00:00+02:00',
            orgnr: '',
          },
        ],
      },
    ]);
    const [row] = await resources.contacts
      .query({
        select: ['contactId', 'name', 'number', 'amount', 'active', 'updatedDate', 'registeredDate', 'orgnr'],
        types: {
          number: 'int',
          amount: 'float',
          active: 'bool',
          updatedDate: 'datetime',
          registeredDate: 'datetime',
        },
      })
      .toArray({ limit: 1 });
    expect(row).toMatchObject({
      PrimaryKey: 25,
      contactId: 25,
      name: 'Acme AS',
      number: 1234,
      amount: 1234.5,
      active: true,
      updatedDate: '2026-05-01T10:00:00',
      registeredDate: '2026-05-01T08:00:00.000Z',
      orgnr: null,
    });
  });

  it('names the column of an uncoercible cell, and a missing column', async () => {
    const bad = fake([{ value: [{ PrimaryKey: '1', contactId: 'abc', name: 'x' }] }]);
    const failure = await bad.resources.contacts
      .query({ select: ['contactId', 'name'] })
      .toArray({ limit: 1 })
      .catch((e: unknown) => e);
    expect(isSuperOfficeError(failure, 'protocol')).toBe(true);
    expect((failure as Error).message).toBe(
      'GET /v1/Contact: response item 0 (page at $skip=0) field "contactId" is invalid: "abc" is not a int',
    );
    const missing = fake([{ value: [{ PrimaryKey: '1', name: 'x' }] }]);
    const gone = await missing.resources.contacts
      .query({ select: ['name', 'orgnr'] })
      .toArray({ limit: 1 })
      .catch((e: unknown) => e);
    expect((gone as Error).message).toContain('field "orgnr" is required but missing');
    const notList = fake([{ rows: [] }]);
    const shape = await notList.resources.contacts
      .query({ select: ['name'] })
      .toArray({ limit: 1 })
      .catch((e: unknown) => e);
    expect((shape as Error).message).toContain('field "value" is required but missing');
  });

  it('refuses a server that ignores $skip instead of looping', async () => {
    const { resources } = fake([{ value: rows(1, 2) }, { value: rows(1, 2) }]);
    const failure = await resources.contacts
      .query({ select: ['name'], pageSize: 2 })
      .toArray({ limit: 10 })
      .catch((e: unknown) => e);
    expect((failure as Error).message).toContain('ignored $skip');
  });

  it('changedSince combines the caller filter and the watermark', async () => {
    const { requests, resources } = fake([{ value: [] }]);
    await resources.contacts
      .changedSince(new Date('2026-05-01T00:01:00Z'), {
        select: ['contactId'],
        filter: where('category').oneOf(3),
        overlapMs: 60_000,
      })
      .toArray({ limit: 10 });
    expect(requests[0]?.query?.$filter).toBe(
      "category oneOf (3) and (updatedDate afterTime '2026-05-01T00:00:00' or registeredDate afterTime '2026-05-01T00:00:00')",
    );
  });

  it('refuses bad input before sending anything', () => {
    const { requests, resources } = fake([]);
    expect(error(() => resources.contacts.query({ select: [] })).message).toBe(
      '$select needs at least one column',
    );
    expect(error(() => resources.contacts.query({ select: ['name'], pageSize: 0 })).message).toContain(
      'pageSize',
    );
    expect(requests).toHaveLength(0);
  });
});
