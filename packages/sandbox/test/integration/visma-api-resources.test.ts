import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  AttachmentDto,
  CustomerDto,
  CustomerInvoiceDto,
  VismaApiServer,
} from '../../src/visma/api/index.js';
import type { VismaWorld } from '../../src/visma/world.js';
import { body, call, GUID, NORDLYS, serviceToken, startTestApi, wrap } from './visma-api-helpers.js';

let world: VismaWorld;
let api: VismaApiServer;
let token: string;

beforeAll(async () => {
  ({ world, api } = await startTestApi({ maxPageSize: 100, seed: 7 }));
});
afterAll(() => api.close());
beforeEach(async () => {
  world.reset();
  token = await serviceToken(world);
});

const company = () => api.data.company(NORDLYS.tenantId);
const vismaMessage = (text: string | RegExp) =>
  expect.stringMatching(
    new RegExp(`^VismaId: ${GUID}\\. ${typeof text === 'string' ? escapeRegExp(text) : text.source}`),
  );
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
const utc = (timestamp: string) => Date.parse(`${timestamp}Z`);

async function json<T>(path: string): Promise<T> {
  const response = await call(api, token, path);
  expect(response.status).toBe(200);
  return (await body(response)) as T;
}

describe('Visma.net API lookalike: lists and paging (visma-net.md §6)', () => {
  it('returns a bare array with metadata on every element, in internalId order, capped and empty past the end', async () => {
    const all = company().customers.all();
    expect(all).toHaveLength(300);
    const page = await json<Array<CustomerDto & { metadata: unknown }>>('/customer?pageNumber=2&pageSize=40');
    expect(page).toHaveLength(40);
    expect(page.map((c) => c.number)).toEqual(all.slice(40, 80).map((c) => c.number));
    expect(page[0]).toEqual({ ...all[40], metadata: { totalCount: 300, maxPageSize: 100 } });
    for (const item of page) expect(item.metadata).toEqual({ totalCount: 300, maxPageSize: 100 });
    expect(page.map((c) => c.internalId)).toEqual([...page.map((c) => c.internalId)].sort((a, b) => a - b));

    const capped = await json<CustomerDto[]>('/customer?pageNumber=1&pageSize=250');
    expect(capped).toHaveLength(100);
    expect(await json<unknown[]>('/customer?pageNumber=4&pageSize=100')).toEqual([]);
    expect(await json<unknown[]>('/customer?pageNumber=3&pageSize=100')).toHaveLength(100);
    const bad = await call(api, token, '/customer?pageNumber=0');
    expect(bad.status).toBe(400);
    expect((await body(bad)).message).toEqual(vismaMessage("The value '0' is not valid for pageNumber."));
  });

  it('seeds Norwegian-ish customers deterministically', async () => {
    const first = company().customers.all()[0] as CustomerDto;
    expect(first.number).toBe('10001');
    expect(first.corporateId).toMatch(/^[89]\d{8}$/);
    expect(first.vatRegistrationId).toBe(`NO${first.corporateId}MVA`);
    expect(first.mainAddress.country).toEqual({ id: 'NO', name: 'Norway' });
    expect(first.customerClass?.id).toMatch(/^[1-4]$/);
    const copy = structuredClone(first);
    world.reset();
    expect(company().customers.get('10001')).toEqual(copy);
  });

  it('serves the BasePaginationDto variant on /v1/creditterm', async () => {
    expect(await json('/creditterm?pageNumber=1&pageSize=3')).toEqual({
      pageNumber: 1,
      pageSize: 3,
      totalCount: 7,
      records: company().creditTerms.slice(0, 3),
    });
    const last = await json<{ records: Array<{ id: string }> }>('/creditterm?pageNumber=3&pageSize=3');
    expect(last.records.map((r) => r.id)).toEqual(['EOM']);
  });

  it('lists customer classes with metadata and reads one', async () => {
    const classes = await json<Array<{ id: string; metadata: unknown }>>(
      '/customer/customerClass?pageNumber=1&pageSize=10',
    );
    expect(classes.map((c) => c.id)).toEqual(['1', '2', '3', '4']);
    expect(classes[0]?.metadata).toEqual({ totalCount: 4, maxPageSize: 100 });
    expect(await json('/customer/customerclass/2')).toMatchObject({ id: '2', description: 'Utenlands' });
  });
});

describe('Visma.net API lookalike: filters (visma-net.md §6, §7)', () => {
  it('filters lastModifiedDateTime with each condition', async () => {
    const rows = company().customers.all();
    const pivot = rows[17]?.lastModifiedDateTime as string;
    const at = utc(pivot);
    const count = (test: (ms: number) => boolean) =>
      rows.filter((c) => test(utc(c.lastModifiedDateTime))).length;
    const expectations: Array<[string, number]> = [
      ['>', count((ms) => ms > at)],
      ['<', count((ms) => ms < at)],
      ['>=', count((ms) => ms >= at)],
      ['<=', count((ms) => ms <= at)],
    ];
    for (const [condition, expected] of expectations) {
      const page = await json<Array<{ metadata: { totalCount: number } }>>(
        `/customer?lastModifiedDateTime=${encodeURIComponent(pivot)}&lastModifiedDateTimeCondition=${encodeURIComponent(condition)}&pageSize=1`,
      );
      expect(page[0]?.metadata.totalCount, condition).toBe(expected);
    }
    expect(expectations[0]?.[1]).toBeGreaterThan(0);
  });

  it('accepts the three zone-less formats', async () => {
    const rows = company().customers.all();
    const since = Date.UTC(2025, 5, 1);
    const expected = rows.filter((c) => utc(c.lastModifiedDateTime) >= since).length;
    for (const value of [
      '2025-06-01',
      '2025-06-01 00:00:00',
      '2025-06-01T00:00:00.000',
      '2025-06-01T00:00:00',
    ]) {
      const page = await json<Array<{ metadata: { totalCount: number } }>>(
        `/customer?lastModifiedDateTime=${encodeURIComponent(value)}&lastModifiedDateTimeCondition=%3E%3D&pageSize=1`,
      );
      expect(page[0]?.metadata.totalCount, value).toBe(expected);
    }
  });

  it('refuses a zone designator, a missing condition, a bad condition and a malformed date', async () => {
    const cases: Array<[string, string | RegExp]> = [
      [
        'lastModifiedDateTime=2025-06-01T00:00:00Z&lastModifiedDateTimeCondition=%3E',
        /.*time zone designator is not accepted/,
      ],
      ['lastModifiedDateTime=2025-06-01T00:00:00%2B02:00&lastModifiedDateTimeCondition=%3E', /.*time zone/],
      [
        'lastModifiedDateTime=2025-06-01',
        'lastModifiedDateTimeCondition is mandatory when lastModifiedDateTime is set.',
      ],
      [
        'lastModifiedDateTime=2025-06-01&lastModifiedDateTimeCondition=%3D',
        "The value '=' is not valid for lastModifiedDateTimeCondition.",
      ],
      [
        'lastModifiedDateTime=01.06.2025&lastModifiedDateTimeCondition=%3E',
        "The value '01.06.2025' is not valid for lastModifiedDateTime.",
      ],
    ];
    for (const [query, message] of cases) {
      const response = await call(api, token, `/customer?${query}`);
      expect(response.status, query).toBe(400);
      expect(await body(response)).toEqual({ message: vismaMessage(message) });
    }
  });

  it('filters customers by name, status, corporateId, vatRegistrationId and email; contacts by businessAccount', async () => {
    const rows = company().customers.all();
    const target = rows[42] as CustomerDto;
    const byCorporateId = await json<CustomerDto[]>(`/customer?corporateId=${target.corporateId}`);
    expect(byCorporateId.map((c) => c.number)).toEqual([target.number]);
    const byVat = await json<CustomerDto[]>(`/customer?vatRegistrationId=${target.vatRegistrationId}`);
    expect(byVat.map((c) => c.number)).toEqual([target.number]);
    const byEmail = await json<CustomerDto[]>(
      `/customer?email=${encodeURIComponent(target.mainContact.email ?? '')}`,
    );
    expect(byEmail.map((c) => c.number)).toContain(target.number);
    const byName = await json<CustomerDto[]>(
      `/customer?name=${encodeURIComponent(target.name)}&pageSize=100`,
    );
    expect(byName.map((c) => c.number)).toEqual(
      rows.filter((c) => c.name === target.name).map((c) => c.number),
    );
    const inactive = await json<Array<{ metadata: { totalCount: number } }>>(
      '/customer?status=Inactive&pageSize=1',
    );
    expect(inactive[0]?.metadata.totalCount).toBe(rows.filter((c) => c.status === 'Inactive').length);

    const contacts = company()
      .contacts.all()
      .filter((c) => c.businessAccount === target.number);
    expect(contacts.length).toBeGreaterThan(0);
    const listed = await json<Array<{ contactId: number }>>(`/contact?businessAccount=${target.number}`);
    expect(listed.map((c) => c.contactId)).toEqual(contacts.map((c) => c.contactId));
    const nested = await json<Array<{ contactId: number }>>(`/customer/${target.number}/contact`);
    expect(nested.map((c) => c.contactId)).toEqual(contacts.map((c) => c.contactId));
  });
});

describe('Visma.net API lookalike: writes (visma-net.md §5)', () => {
  it('creates a customer from a DtoValue body: 201, empty body, Location, ETag; GET shows it', async () => {
    const response = await call(api, token, '/customer', {
      method: 'POST',
      body: {
        ...wrap({
          name: 'Fjordkraft Test AS',
          corporateId: '999888777',
          customerClassId: '2',
          mainAddress: {
            addressLine1: 'Karenslyst Alle 56',
            postalCode: '0277',
            city: 'Oslo',
            countryId: 'NO',
          },
          mainContact: { name: 'Kari Nordmann', email: 'kari@fjordkraft.example' },
        }),
        overrideWithClassValues: true,
      },
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('');
    expect(response.headers.get('location')).toBe(`${api.url}/customer/10301`);
    const etag = response.headers.get('etag');
    expect(etag).toBeTruthy();

    const read = await call(api, token, '/customer/10301');
    expect(read.headers.get('etag')).toBe(etag);
    const customer = (await body(read)) as CustomerDto;
    expect(customer).toMatchObject({
      number: '10301',
      name: 'Fjordkraft Test AS',
      corporateId: '999888777',
      status: 'Active',
      customerClass: { id: '2', description: 'Utenlands' },
      mainAddress: {
        addressLine1: 'Karenslyst Alle 56',
        postalCode: '0277',
        city: 'Oslo',
        country: { id: 'NO', name: 'Norway' },
      },
      mainContact: { name: 'Kari Nordmann', email: 'kari@fjordkraft.example' },
      timeStamp: etag,
    });
    expect(await json(`/customer/internal/${customer.internalId}`)).toEqual(customer);
    expect(company().customers.get('10301')?.name).toBe('Fjordkraft Test AS');
  });

  it('refuses a create without a name, and an unwrapped scalar, naming the field', async () => {
    const noName = await call(api, token, '/customer', { method: 'POST', body: wrap({ corporateId: '1' }) });
    expect(noName.status).toBe(400);
    expect(await body(noName)).toEqual({
      message: vismaMessage("Error inserting the customer. Error: 'Customer Name' cannot be empty."),
    });
    const unwrapped = await call(api, token, '/customer', { method: 'POST', body: { name: 'Plain AS' } });
    expect(unwrapped.status).toBe(400);
    expect((await body(unwrapped)).message).toEqual(
      vismaMessage(`Error converting value "Plain AS" to type 'DtoValue\`1[System.String]'. Path 'name'.`),
    );
    const nested = await call(api, token, '/customer', {
      method: 'POST',
      body: { name: { value: 'Nested AS' }, mainAddress: { value: { city: 'Oslo' } } },
    });
    expect((await body(nested)).message).toContain("Path 'mainAddress.city'");
    expect(company().customers.size).toBe(300);
  });

  it('takes a manual number only with overrideNumberSeries and a series that allows it (§5.2)', async () => {
    const refused = await call(api, token, '/customer', {
      method: 'POST',
      body: wrap({ number: 'K-77', name: 'Manuell AS' }),
    });
    expect(refused.status).toBe(400);
    expect((await body(refused)).message).toEqual(
      vismaMessage(/Error inserting the customer\. [\s\S]*'Customer ID' cannot be empty\.$/),
    );
    const ok = await call(api, token, '/customer', {
      method: 'POST',
      body: wrap({ number: 'K-77', name: 'Manuell AS', overrideNumberSeries: true }),
    });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('location')).toBe(`${api.url}/customer/K-77`);
    const duplicate = await call(api, token, '/customer', {
      method: 'POST',
      body: wrap({ number: 'K-77', name: 'Igjen AS', overrideNumberSeries: true }),
    });
    expect(duplicate.status).toBe(400);
    company().numbering.customer.allowManual = false;
    const closed = await call(api, token, '/customer', {
      method: 'POST',
      body: wrap({ number: 'K-78', name: 'Stengt AS', overrideNumberSeries: true }),
    });
    expect((await body(closed)).message).toEqual(
      vismaMessage('Error inserting the customer. Value cannot be null. Parameter name: key'),
    );
  });

  it('updates partially: 204, new ETag, omitted fields untouched, "" clears, lastModifiedDateTime moves', async () => {
    const before = structuredClone(company().customers.get('10001') as CustomerDto);
    const response = await call(api, token, '/customer/10001', {
      method: 'PUT',
      body: wrap({ name: 'Nytt Navn AS', corporateId: '', mainAddress: { city: 'Bergen' } }),
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    const etag = response.headers.get('etag');
    expect(etag).not.toBe(before.timeStamp);
    const after = await json<CustomerDto>('/customer/10001');
    expect(after.name).toBe('Nytt Navn AS');
    expect(after.corporateId).toBeUndefined();
    expect(after.vatRegistrationId).toBe(before.vatRegistrationId);
    expect(after.mainAddress).toEqual({ ...before.mainAddress, city: 'Bergen' });
    expect(after.timeStamp).toBe(etag);
    expect(utc(after.lastModifiedDateTime)).toBeGreaterThan(utc(before.lastModifiedDateTime));
    expect(utc(after.lastModifiedDateTime)).toBeGreaterThan(Date.now() - 5000);

    const since = new Date(Date.now() - 60_000).toISOString().slice(0, 19).replace('T', ' ');
    const changed = await json<CustomerDto[]>(
      `/customer?lastModifiedDateTime=${encodeURIComponent(since)}&lastModifiedDateTimeCondition=%3E%3D`,
    );
    expect(changed.map((c) => c.number)).toEqual(['10001']);

    const byInternal = await call(api, token, `/customer/internal/${after.internalId}`, {
      method: 'PUT',
      body: wrap({ status: 'OnHold' }),
    });
    expect(byInternal.status).toBe(204);
    expect(company().customers.get('10001')?.status).toBe('OnHold');
  });

  it('answers 412 to a stale If-Match and accepts the current one, quoted', async () => {
    const current = (company().customers.get('10002') as CustomerDto).timeStamp;
    const first = await call(api, token, '/customer/10002', {
      method: 'PUT',
      body: wrap({ name: 'Først AS' }),
      headers: { 'if-match': `"${current}"` },
    });
    expect(first.status).toBe(204);
    const stale = await call(api, token, '/customer/10002', {
      method: 'PUT',
      body: wrap({ name: 'Sist AS' }),
      headers: { 'if-match': `"${current}"` },
    });
    expect(stale.status).toBe(412);
    expect((await body(stale)).message).toEqual(vismaMessage('The record was changed by someone else.'));
    expect(company().customers.get('10002')?.name).toBe('Først AS');
  });

  it('creates a customer invoice with plain invoiceLines whose items are wrapped', async () => {
    const response = await call(api, token, '/customerinvoice', {
      method: 'POST',
      body: {
        ...wrap({ customerNumber: '10001', documentDate: '2026-05-01', externalReference: 'CRM-4711' }),
        invoiceLines: [
          {
            operation: 'Insert',
            ...wrap({ inventoryNumber: 'CONSULT', quantity: 10, unitPriceInCurrency: 1250, uom: 'HOUR' }),
          },
          { operation: 'Insert', ...wrap({ description: 'Reise', quantity: 1, unitPriceInCurrency: 800 }) },
        ],
      },
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('');
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^${escapeRegExp(api.url)}/customerinvoice/\\d+$`));
    const invoice = (await (
      await fetch(location, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as CustomerInvoiceDto;
    expect(invoice).toMatchObject({
      documentType: 'Invoice',
      status: 'Balanced',
      customer: { number: '10001', name: company().customers.get('10001')?.name },
      documentDate: '2026-05-01T00:00:00',
      externalReference: 'CRM-4711',
      vatTotal: 3325,
      amount: 16625,
      financialPeriod: '202605',
    });
    expect(invoice.invoiceLines).toMatchObject([
      { lineNumber: 1, inventoryNumber: 'CONSULT', quantity: 10, amountInCurrency: 12500, uom: 'HOUR' },
      { lineNumber: 2, description: 'Reise', amountInCurrency: 800 },
    ]);
    const found = await json<CustomerInvoiceDto[]>('/customerinvoice?externalReference=CRM-4711');
    expect(found.map((i) => i.referenceNumber)).toEqual([invoice.referenceNumber]);
    const forCustomer = await json<Array<{ metadata: { totalCount: number } }>>(
      '/customerinvoice?customer=10001&pageSize=1',
    );
    expect(forCustomer[0]?.metadata.totalCount).toBe(
      company()
        .invoices.all()
        .filter((i) => i.customer.number === '10001').length,
    );

    const wrappedArray = await call(api, token, '/customerinvoice', {
      method: 'POST',
      body: { ...wrap({ customerNumber: '10001' }), invoiceLines: { value: [] } },
    });
    expect((await body(wrappedArray)).message).toContain("Path 'invoiceLines'");
    const emptyLine = await call(api, token, '/customerinvoice', {
      method: 'POST',
      body: {
        ...wrap({ customerNumber: '10001' }),
        invoiceLines: [{ operation: 'Insert', ...wrap({ quantity: 1 }) }],
      },
    });
    expect(emptyLine.status).toBe(400);
  });

  it('uploads attachments as multipart; the same name makes a new revision', async () => {
    const invoiceNumber = (company().invoices.all()[0] as CustomerInvoiceDto).referenceNumber;
    const upload = (text: string) => {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'application/pdf' }), 'faktura.pdf');
      form.append('metadata', JSON.stringify({ includeAttachmentInvoiceEmail: true }));
      return call(api, token, `/customerinvoice/${invoiceNumber}/attachment`, { method: 'POST', body: form });
    };
    const first = await upload('%PDF-1 first');
    expect(first.status).toBe(201);
    const dto = await body<AttachmentDto>(first);
    expect(dto).toEqual({
      name: 'faktura.pdf',
      id: expect.stringMatching(new RegExp(`^${GUID}$`)),
      revision: 1,
    });
    const second = await upload('%PDF-1 second');
    expect(await body(second)).toEqual({ ...dto, revision: 2 });
    const invoice = await json<CustomerInvoiceDto>(`/customerinvoice/${invoiceNumber}`);
    expect(invoice.attachments).toEqual([{ ...dto, revision: 2 }]);
    const file = await call(api, token, `/attachment/${dto.id}`);
    expect(await file.text()).toBe('%PDF-1 second');
    expect(company().attachments.get(dto.id)?.revisions[0]?.metadata).toEqual({
      includeAttachmentInvoiceEmail: true,
    });

    const noFile = new FormData();
    noFile.append('metadata', '{}');
    const refused = await call(api, token, `/customerinvoice/${invoiceNumber}/attachment`, {
      method: 'POST',
      body: noFile,
    });
    expect(refused.status).toBe(400);
    expect((await body(refused)).message).toEqual(vismaMessage("The multipart part 'file' is required"));
  });

  it('creates contacts and suppliers', async () => {
    const contact = await call(api, token, '/contact', {
      method: 'POST',
      body: wrap({
        firstName: 'Ola',
        lastName: 'Nordmann',
        businessAccount: '10003',
        email: 'ola@example.no',
      }),
    });
    expect(contact.status).toBe(201);
    const contactId = (contact.headers.get('location') ?? '').split('/').pop() ?? '';
    expect(await json(`/contact/${contactId}`)).toMatchObject({
      displayName: 'Ola Nordmann',
      businessAccount: '10003',
    });
    const noLastName = await call(api, token, '/contact', {
      method: 'POST',
      body: wrap({ firstName: 'Ola' }),
    });
    expect((await body(noLastName)).message).toEqual(
      vismaMessage("Error inserting the contact. Error: 'Last Name' cannot be empty."),
    );

    const supplier = await call(api, token, '/supplier', {
      method: 'POST',
      body: wrap({ name: 'Leverandør AS' }),
    });
    expect(supplier.status).toBe(201);
    const number = company().suppliers.size + 50000;
    expect(supplier.headers.get('location')).toBe(`${api.url}/supplier/${number}`);
    expect(await json(`/supplier/${number}`)).toMatchObject({ name: 'Leverandør AS', status: 'Active' });
  });

  it('world.reset() restores the seeded data', async () => {
    await call(api, token, '/customer', { method: 'POST', body: wrap({ name: 'Borte AS' }) });
    await call(api, token, '/customer/10001', { method: 'PUT', body: wrap({ name: 'Endret AS' }) });
    const seeded = company().customers.get('10005');
    world.reset();
    token = await serviceToken(world);
    expect((await call(api, token, '/customer/10301')).status).toBe(404);
    expect((await json<CustomerDto>('/customer/10005')).name).toBe(seeded?.name);
    expect(company().customers.size).toBe(300);
  });
});
