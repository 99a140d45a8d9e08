import { describe, expect, it } from 'vitest';
import { isSuperOfficeError } from '../../src/errors/superoffice-error.js';
import type { SuperOfficeRequest, SuperOfficeTransport } from '../../src/http/transport.js';
import { createResources } from '../../src/resources/index.js';

function fake(bodies: unknown[]) {
  const requests: SuperOfficeRequest[] = [];
  const transport: SuperOfficeTransport = {
    async send(request) {
      requests.push(request);
      if (bodies.length === 0) throw new Error(`unexpected request ${request.method} ${request.path}`);
      const body = bodies.shift();
      return { status: body === undefined ? 204 : 200, headers: new Headers(), body };
    },
  };
  return { requests, resources: createResources(transport) };
}

const acme = {
  ContactId: 5,
  Name: 'Acme AS',
  OrgNr: 'NO111',
  Department: '',
  Address: { Postal: { City: 'Oslo', Zipcode: '0150' } },
  Emails: [{ Value: 'post@acme.no' }],
  UpdatedDate: '2026-05-01T10:00:00',
  TableRight: { Mask: 'Update, Delete', Reason: '' },
  CustomFields: { 'SuperOffice:1': 'x', 'SuperOffice:2': '[I:1]', 'SuperOffice:2:DisplayText': 'Yes' },
};

describe('createResources', () => {
  it('mounts contacts, persons, sales, projects, lists, foreignKeys', () => {
    expect(Object.keys(fake([]).resources).sort()).toStrictEqual([
      'contacts',
      'foreignKeys',
      'lists',
      'persons',
      'projects',
      'sales',
    ]);
  });
});

describe('entities', () => {
  it('get parses a record and keeps unmodelled fields; ?fk=true on request', async () => {
    const { requests, resources } = fake([acme]);
    const contact = await resources.contacts.get(5, { foreignKeys: true });
    expect(contact.Name).toBe('Acme AS');
    expect(contact.TableRight).toStrictEqual({ Mask: 'Update, Delete', Reason: '' });
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/v1/Contact/5', query: { fk: true } });
  });

  it('create = GET /default, merge into the template, then POST', async () => {
    const template = {
      ContactId: 0,
      Name: '',
      Country: { CountryId: 578, Name: 'Norway' },
      Address: { Postal: { City: '', Zipcode: '' }, Street: { City: '' } },
      Associate: { AssociateId: 1 },
    };
    const { requests, resources } = fake([template, { ...template, ContactId: 77, Name: 'New AS' }]);
    const created = await resources.contacts.create({
      Name: 'New AS',
      Address: { Postal: { City: 'Bergen' } },
    });
    expect(created.ContactId).toBe(77);
    expect(requests.map((request) => `${request.method} ${request.path}`)).toStrictEqual([
      'GET /v1/Contact/default',
      'POST /v1/Contact',
    ]);
    expect(requests[1]?.json).toStrictEqual({
      ContactId: 0,
      Name: 'New AS',
      Country: { CountryId: 578, Name: 'Norway' },
      Address: { Postal: { City: 'Bergen', Zipcode: '' }, Street: { City: '' } },
      Associate: { AssociateId: 1 },
    });
  });

  it('update fetches, then PATCHes only the changed paths', async () => {
    const { requests, resources } = fake([acme, { ...acme, Name: 'Acme Holding AS' }]);
    const result = await resources.contacts.update(5, {
      Name: 'Acme Holding AS',
      OrgNr: 'NO111',
      Address: { Postal: { City: 'Bergen' } },
      CustomFields: { 'SuperOffice:2': '[I:42]' },
    });
    expect(requests[1]).toMatchObject({ method: 'PATCH', path: '/v1/Contact/5' });
    expect(requests[1]?.headers).toBeUndefined();
    expect(requests[1]?.json).toStrictEqual([
      { op: 'replace', path: '/Name', value: 'Acme Holding AS' },
      { op: 'replace', path: '/Address/Postal/City', value: 'Bergen' },
      { op: 'replace', path: '/CustomFields/SuperOffice:2', value: '[I:42]' },
    ]);
    expect(result.record?.Name).toBe('Acme Holding AS');
    expect(result.operations).toHaveLength(3);
  });

  it('update with no difference sends no PATCH', async () => {
    const { requests, resources } = fake([acme]);
    const result = await resources.contacts.update(5, { Name: 'Acme AS' });
    expect(result).toStrictEqual({ operations: [], record: undefined });
    expect(requests).toHaveLength(1);
  });

  it('patch adds test ops and If-Unmodified-Since', async () => {
    const { requests, resources } = fake([undefined]);
    const after = { ...acme, Name: 'Acme Holding AS', TableRight: { Mask: 'x' } };
    const result = await resources.contacts.patch(5, acme, after, {
      test: ['UpdatedDate'],
      ifUnmodifiedSince: new Date('2026-05-01T10:00:00Z'),
    });
    expect(requests[0]?.headers).toStrictEqual({ 'If-Unmodified-Since': 'Fri, 01 May 2026 10:00:00 GMT' });
    expect(requests[0]?.json).toStrictEqual([
      { op: 'test', path: '/UpdatedDate', value: '2026-05-01T10:00:00' },
      { op: 'replace', path: '/Name', value: 'Acme Holding AS' },
    ]);
    expect(result.record).toBeUndefined();
  });

  it('patch with test: true asserts the old values of the changed paths', async () => {
    const { requests, resources } = fake([{ ...acme, OrgNr: 'NO222' }]);
    await resources.contacts.patch(5, acme, { ...acme, OrgNr: 'NO222' }, { test: true });
    expect(requests[0]?.json).toStrictEqual([
      { op: 'test', path: '/OrgNr', value: 'NO111' },
      { op: 'replace', path: '/OrgNr', value: 'NO222' },
    ]);
  });

  it('delete sends DELETE with the optional If-Unmodified-Since', async () => {
    const { requests, resources } = fake([undefined]);
    await resources.sales.delete(9, { ifUnmodifiedSince: '2026-05-01T10:00:00' });
    expect(requests[0]).toMatchObject({
      method: 'DELETE',
      path: '/v1/Sale/9',
      headers: { 'If-Unmodified-Since': 'Fri, 01 May 2026 10:00:00 GMT' },
    });
  });

  it('a schema mismatch is a protocol error naming the field and the request', async () => {
    const { resources } = fake([{ ContactId: 5 }]);
    const failure = await resources.contacts.get(5).catch((e: unknown) => e);
    expect(isSuperOfficeError(failure, 'protocol')).toBe(true);
    expect((failure as Error).message).toBe(
      'GET /v1/Contact/5: response field "Name" is required but missing',
    );
    expect((failure as { request?: string }).request).toBe('GET /v1/Contact/5');
    const nested = fake([{ ProjectId: 1, Name: 'P', ProjectStatus: { Id: 'x' } }]);
    const wrong = await nested.resources.projects.get(1).catch((e: unknown) => e);
    expect((wrong as Error).message).toContain('field "ProjectStatus.Id" is invalid');
  });

  it('refuses a non-positive id before sending', async () => {
    const { requests, resources } = fake([]);
    const failure = await resources.persons.get(0).catch((e: unknown) => e);
    expect(isSuperOfficeError(failure, 'validation')).toBe(true);
    expect((failure as Error).message).toBe('Person id must be a positive integer, got 0');
    expect(requests).toHaveLength(0);
  });
});

describe('lists', () => {
  it('reads Business and Category items', async () => {
    const { requests, resources } = fake([
      [{ Id: 1, Name: 'IT', Tooltip: '', Deleted: false, Rank: 1 }],
      [{ Id: 3, Name: 'Customer' }],
    ]);
    expect(await resources.lists.business()).toStrictEqual([
      { Id: 1, Name: 'IT', Tooltip: '', Deleted: false, Rank: 1 },
    ]);
    expect((await resources.lists.categories())[0]?.Name).toBe('Customer');
    expect(requests.map((request) => request.path)).toStrictEqual([
      '/v1/List/Business/Items',
      '/v1/List/Category/Items',
    ]);
  });

  it('reads countries from the Country carrier, adding Id', async () => {
    const { resources } = fake([[{ CountryId: 578, Name: 'Norge', TwoLetterISOCountry: 'NO' }]]);
    const [norway] = await resources.lists.countries();
    expect(norway).toMatchObject({ Id: 578, CountryId: 578, Name: 'Norge', TwoLetterISOCountry: 'NO' });
  });

  it('reads any list and one item, and names a bad item field', async () => {
    const { requests, resources } = fake([{ Id: 4, Name: 'Won' }, [{ Id: 'x', Name: 'y' }]]);
    expect((await resources.lists.item('ReasonSold', 4)).Name).toBe('Won');
    expect(requests[0]?.path).toBe('/v1/List/ReasonSold/Items/4');
    const failure = await resources.lists.items('SaleType').catch((e: unknown) => e);
    expect((failure as Error).message).toContain('field "[0].Id" is invalid');
  });
});
