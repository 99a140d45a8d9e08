import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SuperOfficeApiServer } from '../../src/superoffice/api/index.js';
import type { SuperOfficeWorld } from '../../src/superoffice/world.js';
import {
  type Auth,
  call,
  collectEvents,
  json,
  NORDLYS,
  SIRI,
  startTestApi,
  userToken,
} from './superoffice-api-helpers.js';

let world: SuperOfficeWorld;
let api: SuperOfficeApiServer;
let auth: Auth;

beforeAll(async () => {
  ({ world, api } = await startTestApi({ contacts: 20 }));
});
afterAll(() => api.close());
beforeEach(() => {
  world.reset();
  auth = { bearer: userToken(world) };
});

type Entity = Record<string, unknown> & { CustomFields: Record<string, string> };

async function createContact(fields: Record<string, unknown>): Promise<Entity> {
  const template = await json<Entity>(await call(api, auth, '/v1/Contact/default'));
  const response = await call(api, auth, '/v1/Contact', { method: 'POST', body: { ...template, ...fields } });
  expect(response.status).toBe(200);
  return json<Entity>(response);
}

const patch = (id: number, body: unknown, contentType = 'application/json-patch+json', headers = {}) =>
  call(api, auth, `/v1/Contact/${id}`, { method: 'PATCH', body, contentType, headers });

describe('SuperOffice tenant API: create via /default + POST (superoffice.md §12)', () => {
  it('serves a blank template with preference defaults', async () => {
    const template = await json<Entity>(await call(api, auth, '/v1/Contact/default'));
    expect(template).toMatchObject({
      ContactId: 0,
      Name: '',
      Phones: [],
      Country: { CountryId: 578, Name: 'Norway', TwoLetterISOCountry: 'NO' },
      Associate: { AssociateId: SIRI.associateId, FullName: SIRI.name },
      CreatedDate: '0001-01-01T00:00:00',
      CustomFields: { 'SuperOffice:1': '', 'SuperOffice:2': '', x_erpstatus: '' },
      UserDefinedFields: { 'SuperOffice:1': '' },
      ExtraFields: { x_erpstatus: '' },
    });
    for (const entity of ['Person', 'Sale', 'Project']) {
      const response = await call(api, auth, `/v1/${entity}/default`);
      expect(response.status).toBe(200);
      expect((await json(response))[`${entity}Id`]).toBe(0);
    }
  });

  it('creates the full entity with stamps, carriers rebuilt from ids and encoded UDFs, and publishes contact.created', async () => {
    const { events, stop } = collectEvents(world);
    const before = Date.now() - 1000;
    const created = await createContact({
      Name: 'Fjordkraft AS',
      OrgNr: '987654321',
      Number1: '10099',
      Phones: [{ Value: '+47 22 33 44 55', Description: 'Main' }],
      Business: { Id: 2 },
      Category: { Id: 1, Value: 'ignored' },
      CustomFields: { 'SuperOffice:1': 'SMB', 'SuperOffice:2': '[I:12]', x_hassupportagreement: '[I:1]' },
    });
    stop();
    expect(created).toMatchObject({
      Name: 'Fjordkraft AS',
      Phones: [{ Value: '+47 22 33 44 55', StrippedValue: '+4722334455', Description: 'Main' }],
      Business: { Id: 2, Value: 'Shipping' },
      Category: { Id: 1, Value: 'Customer' },
      CreatedBy: { AssociateId: SIRI.associateId },
      UpdatedDate: '0001-01-01T00:00:00',
      CustomFields: { 'SuperOffice:1': 'SMB', 'SuperOffice:2': '[I:12]', x_hassupportagreement: '[I:1]' },
      UserDefinedFields: { 'SuperOffice:2': '[I:12]' },
      ExtraFields: { x_hassupportagreement: '[I:1]' },
    });
    const id = created.ContactId as number;
    expect(id).toBe(21);
    expect(Date.parse(`${created.CreatedDate as string}Z`)).toBeGreaterThanOrEqual(before);
    expect(events).toEqual([
      {
        event: 'contact.created',
        ctx: NORDLYS.ctx,
        primaryKey: id,
        entity: 'contact',
        changedByAssociateId: 5,
      },
    ]);
    expect(await json(await call(api, auth, `/v1/Contact/${id}`))).toEqual(created);
  });

  it('sets UpdatedDate on create when the updatedOnCreate knob is on', async () => {
    api.data.updatedOnCreate = true;
    const created = await createContact({ Name: 'Stamp AS' });
    expect(created.UpdatedDate).toBe(created.CreatedDate);
  });

  it('rejects bad writes with 400 in the §15 shape', async () => {
    const bad = async (fields: Record<string, unknown>, message: RegExp) => {
      const template = await json<Entity>(await call(api, auth, '/v1/Contact/default'));
      const response = await call(api, auth, '/v1/Contact', {
        method: 'POST',
        body: { ...template, ...fields },
      });
      expect(response.status).toBe(400);
      const body = await json(response);
      expect(body.Error).toBe(true);
      expect(body.ErrorMessage).toMatch(message);
    };
    await bad({ Name: '' }, /Name is mandatory/);
    await bad({ Name: 'x'.repeat(220) }, /maximum is 219/);
    await bad({ Name: 'A', CustomFields: { 'SuperOffice:2': '12' } }, /must be encoded like \[I:123\]/);
    await bad({ Name: 'A', CustomFields: { 'SuperOffice:99': 'x' } }, /no field 'SuperOffice:99'/);
    await bad({ Name: 'A', Business: { Id: 99 } }, /no item 99/);
    const empty = await call(api, auth, '/v1/Contact', { method: 'POST', body: '' });
    expect(empty.status).toBe(400);
  });

  it('creates persons, sales and projects linked to a contact', async () => {
    const person = await json(
      await call(api, auth, '/v1/Person', {
        method: 'POST',
        body: {
          Firstname: 'Kari',
          Lastname: 'Nordmann',
          Contact: { ContactId: 2 },
          MobilePhones: [{ Value: '+47 400 00 000' }],
        },
      }),
    );
    expect(person).toMatchObject({
      FullName: 'Kari Nordmann',
      Contact: { ContactId: 2 },
      MobilePhones: [{ Value: '+47 400 00 000' }],
    });
    const sale = await call(api, auth, '/v1/Sale', {
      method: 'POST',
      body: {
        Heading: 'Deal',
        Amount: 1500.5,
        Contact: { ContactId: 2 },
        Person: { PersonId: person.PersonId },
        Status: 'open',
      },
    });
    expect(await json(sale)).toMatchObject({
      Heading: 'Deal',
      Amount: 1500.5,
      Status: 'Open',
      Person: { FullName: 'Kari Nordmann' },
    });
    const project = await call(api, auth, '/v1/Project', {
      method: 'POST',
      body: { Name: 'Rollout', ProjectNumber: 'P-1' },
    });
    expect(await json(project)).toMatchObject({ Name: 'Rollout', ProjectNumber: 'P-1', Completed: false });
    const orphan = await call(api, auth, '/v1/Sale', {
      method: 'POST',
      body: { Heading: 'x', Contact: { ContactId: 9999 } },
    });
    expect(orphan.status).toBe(400);
  });
});

describe('SuperOffice tenant API: GET, PUT, DELETE (superoffice.md §12, §15)', () => {
  it('answers 404 in the documented shape', async () => {
    const response = await call(api, auth, '/v1/Contact/99999');
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({
      Error: true,
      ErrorType: 'SoNotFoundException',
      ErrorMessage: 'Contact id 99999 not found',
      ErrorSource: 'SuperOffice.Services.Implementation',
    });
  });

  it('PUT replaces the whole entity: omitted fields are reset', async () => {
    const { events, stop } = collectEvents(world);
    const response = await call(api, auth, '/v1/Contact/3', { method: 'PUT', body: { Name: 'Replaced AS' } });
    stop();
    const replaced = await json<Entity>(response);
    expect(replaced).toMatchObject({
      ContactId: 3,
      Name: 'Replaced AS',
      OrgNr: '',
      Phones: [],
      Business: null,
    });
    expect(replaced.UpdatedBy).toMatchObject({ AssociateId: SIRI.associateId });
    expect(events.map((e) => e.event)).toEqual(['contact.changed']);
  });

  it('DELETE answers 204, removes the contact and its persons, and publishes the deletes', async () => {
    const person = await json(
      await call(api, auth, '/v1/Person', {
        method: 'POST',
        body: { Lastname: 'Solo', Contact: { ContactId: 4 } },
      }),
    );
    const { events, stop } = collectEvents(world);
    const response = await call(api, auth, '/v1/Contact/4', { method: 'DELETE' });
    stop();
    expect(response.status).toBe(204);
    expect((await call(api, auth, '/v1/Contact/4')).status).toBe(404);
    expect((await call(api, auth, `/v1/Person/${person.PersonId}`)).status).toBe(404);
    expect(events).toContainEqual(expect.objectContaining({ event: 'contact.deleted', primaryKey: 4 }));
    expect(events).toContainEqual(
      expect.objectContaining({ event: 'person.deleted', primaryKey: person.PersonId }),
    );
  });

  it('publishes sale.sold next to sale.changed when a sale is won', async () => {
    const sale = (await json(await call(api, auth, "/v1/Sale?$filter=status eq 'Open'&$top=1"))) as {
      value: { saleId: string }[];
    };
    const id = sale.value[0]?.saleId;
    const { events, stop } = collectEvents(world);
    await call(api, auth, `/v1/Sale/${id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'Status', value: 'Sold' }],
      contentType: 'application/json-patch+json',
    });
    stop();
    expect(events.map((e) => e.event)).toEqual(['sale.changed', 'sale.sold']);
  });
});

describe('SuperOffice tenant API: PATCH and concurrency (superoffice.md §12, §13)', () => {
  it('applies JSON Patch with case-insensitive paths, optional leading slash, arrays and CustomFields', async () => {
    const created = await createContact({ Name: 'Acme AS', Phones: [{ Value: '1' }] });
    const id = created.ContactId as number;
    const response = await patch(id, [
      { op: 'test', path: 'Name', value: 'Acme AS' },
      { op: 'replace', path: 'name', value: 'Acme Holding AS' },
      { op: 'replace', path: '/OrgNr', value: 'NO999999999' },
      { op: 'add', path: 'Phones/-', value: { Value: '2', Description: 'Support' } },
      { op: 'remove', path: 'Phones/0' },
      {
        op: 'replace',
        path: 'CustomFields',
        value: { 'SuperOffice:1': 'Testing', 'SuperOffice:2': '[I:42]' },
      },
      { op: 'replace', path: 'ExtraFields/x_erpstatus', value: 'active' },
    ]);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      Name: 'Acme Holding AS',
      OrgNr: 'NO999999999',
      Phones: [{ Value: '2', Description: 'Support' }],
      CustomFields: { 'SuperOffice:1': 'Testing', 'SuperOffice:2': '[I:42]', x_erpstatus: 'active' },
    });
  });

  it('answers 409 when a test op fails, and changes nothing', async () => {
    const { events, stop } = collectEvents(world);
    const response = await patch(2, [
      { op: 'test', path: 'Name', value: 'Somebody else' },
      { op: 'replace', path: 'Name', value: 'Hijacked' },
    ]);
    stop();
    expect(response.status).toBe(409);
    expect(await json(response)).toMatchObject({ Error: true, ErrorType: 'SoJsonPatchTestFailedException' });
    expect((await json(await call(api, auth, '/v1/Contact/2'))).Name).not.toBe('Hijacked');
    expect(events).toEqual([]);
  });

  it('refuses move/copy, unknown properties and bad paths with 400', async () => {
    for (const body of [
      [{ op: 'move', from: 'Name', path: 'Department' }],
      [{ op: 'replace', path: 'Nonsense', value: 1 }],
      [{ op: 'replace', path: 'Phones/7/Value', value: 'x' }],
      { op: 'replace' },
    ]) {
      const response = await patch(2, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await json(response)).ErrorMessage).toBeTruthy();
    }
  });

  it('applies merge patch: object into an array appends, an array replaces, null resets', async () => {
    await patch(5, { Phones: [{ Value: 'only' }] }, 'application/merge-patch+json');
    const appended = await json<Entity>(
      await patch(
        5,
        { Phones: { Value: 'second' }, Department: null, Address: { Postal: { City: 'Bodø' } } },
        'application/merge-patch+json',
      ),
    );
    expect(appended).toMatchObject({
      Phones: [{ Value: 'only' }, { Value: 'second' }],
      Department: '',
      Address: { Postal: { City: 'Bodø' } },
    });
    expect((appended.Address as { Street: { Address1: string } }).Street.Address1).not.toBe('');
  });

  it('answers 412 when If-Unmodified-Since is older than the record, and accepts the current stamp', async () => {
    const created = await createContact({ Name: 'Race AS' });
    const id = created.ContactId as number;
    const first = await json<Entity>(await patch(id, [{ op: 'replace', path: 'Name', value: 'Race 1' }]));
    const stamp = new Date(`${first.UpdatedDate as string}Z`).toUTCString();
    const ok = await patch(id, [{ op: 'replace', path: 'Department', value: 'Ok' }], undefined, {
      'if-unmodified-since': stamp,
    });
    expect(ok.status).toBe(200);
    const older = new Date(Date.parse(`${first.UpdatedDate as string}Z`) - 60_000).toUTCString();
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const response = await call(api, auth, `/v1/Contact/${id}`, {
        method,
        ...(method === 'DELETE' ? {} : { body: method === 'PATCH' ? [] : { Name: 'Late' } }),
        contentType: method === 'PATCH' ? 'application/json-patch+json' : 'application/json',
        headers: { 'if-unmodified-since': older },
      });
      expect(response.status, method).toBe(412);
      expect((await json(response)).ErrorType).toBe('SoPreconditionFailedException');
    }
  });
});
