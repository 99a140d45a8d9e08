import { describe, expect, it } from 'vitest';
import { isVismaError, type VismaError } from '../../src/errors/visma-error.js';
import type { VismaRequest, VismaTransport } from '../../src/http/transport.js';
import { createResources, type ResourceOptions } from '../../src/resources/index.js';

interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** A transport that records every request and answers from a queue of canned 2xx replies. */
function fakeVisma(replies: Reply[], options: ResourceOptions = {}) {
  const requests: VismaRequest[] = [];
  const transport: VismaTransport = {
    async send(request) {
      requests.push(request);
      const reply = replies.shift();
      if (!reply) throw new Error(`unexpected request ${request.method} ${request.path}`);
      return { status: reply.status ?? 200, headers: new Headers(reply.headers), body: reply.body };
    },
  };
  return { requests, resources: createResources(transport, options) };
}

const acme = { internalId: 42, number: '10000', name: 'Acme AS' };

async function caught(promise: Promise<unknown>): Promise<VismaError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isVismaError(error)) throw new Error(`expected a VismaError, got ${String(error)}`);
  return error;
}

describe('createResources', () => {
  it('mounts the six resources', () => {
    const { resources } = fakeVisma([]);
    expect(Object.keys(resources).sort()).toStrictEqual([
      'attachments',
      'contacts',
      'customerClasses',
      'customerInvoices',
      'customers',
      'suppliers',
    ]);
  });

  it('refuses an unknown time zone up front', () => {
    expect(() => fakeVisma([], { timeZone: 'Mars/Olympus' })).toThrow(
      `timeZone must be an IANA time zone such as 'Europe/Oslo', got "Mars/Olympus"`,
    );
  });
});

describe('list query parameters', () => {
  it('customers: every filter, in the documented names, then pageNumber and pageSize', async () => {
    const { requests, resources } = fakeVisma([{ body: [] }]);
    await resources.customers
      .list({
        modifiedSince: new Date('2026-05-01T10:00:00Z'),
        name: 'Acme AS',
        status: 'Active',
        corporateId: '987654321',
        vatRegistrationId: 'NO987654321MVA',
        email: 'post@acme.no',
        pageSize: 200,
      })
      .toArray({ limit: 10 });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.path).toBe('/customer');
    expect(requests[0]?.query).toStrictEqual({
      lastModifiedDateTime: '2026-05-01 10:00:00',
      lastModifiedDateTimeCondition: '>=',
      name: 'Acme AS',
      status: 'Active',
      corporateId: '987654321',
      vatRegistrationId: 'NO987654321MVA',
      email: 'post@acme.no',
      pageNumber: 1,
      pageSize: 10,
    });
  });

  it('customers: no filters sends only the paging parameters, with the default page size', async () => {
    const { requests, resources } = fakeVisma([{ body: [] }]);
    for await (const _ of resources.customers.list()) throw new Error('no records expected');
    expect(requests[0]?.query).toStrictEqual({ pageNumber: 1, pageSize: 500 });
  });

  it('customers: the condition and the resources time zone apply to modifiedSince', async () => {
    const { requests, resources } = fakeVisma([{ body: [] }], { timeZone: 'Europe/Oslo' });
    await resources.customers
      .list({ modifiedSince: '2026-05-01T10:00:00Z', modifiedCondition: '>' })
      .toArray({ limit: 1 });
    expect(requests[0]?.query).toMatchObject({
      lastModifiedDateTime: '2026-05-01 12:00:00',
      lastModifiedDateTimeCondition: '>',
    });
  });

  it('contacts: businessAccount, email and modifiedSince', async () => {
    const { requests, resources } = fakeVisma([{ body: [] }]);
    await resources.contacts
      .list({ modifiedSince: '2026-05-01 10:00:00', businessAccount: '10000', email: 'kari@acme.no' })
      .toArray({ limit: 5 });
    expect(requests[0]?.path).toBe('/contact');
    expect(requests[0]?.query).toStrictEqual({
      lastModifiedDateTime: '2026-05-01 10:00:00',
      lastModifiedDateTimeCondition: '>=',
      businessAccount: '10000',
      email: 'kari@acme.no',
      pageNumber: 1,
      pageSize: 5,
    });
  });

  it('customer invoices: customer, externalReference and status', async () => {
    const { requests, resources } = fakeVisma([{ body: [] }]);
    await resources.customerInvoices
      .list({ customer: '10000', externalReference: 'SO-4711', status: 'Open' })
      .toArray({ limit: 1000 });
    expect(requests[0]?.path).toBe('/customerinvoice');
    expect(requests[0]?.query).toStrictEqual({
      customer: '10000',
      externalReference: 'SO-4711',
      status: 'Open',
      pageNumber: 1,
      pageSize: 500,
    });
  });

  it('customer classes and suppliers list on their documented paths', async () => {
    const { requests, resources } = fakeVisma([
      { body: [{ id: 'B2B', description: 'Business', metadata: { totalCount: 1 } }] },
      { body: [] },
    ]);
    expect(await resources.customerClasses.list().toArray({ limit: 10 })).toStrictEqual([
      { id: 'B2B', description: 'Business' },
    ]);
    await resources.suppliers.list({ name: 'Parts AS' }).toArray({ limit: 10 });
    expect(requests.map((request) => [request.path, request.query])).toStrictEqual([
      ['/customer/customerClass', { pageNumber: 1, pageSize: 10 }],
      ['/supplier', { name: 'Parts AS', pageNumber: 1, pageSize: 10 }],
    ]);
  });

  it('passes the abort signal to every page request', async () => {
    const { requests, resources } = fakeVisma([{ body: [] }]);
    const controller = new AbortController();
    await resources.customers.list({ signal: controller.signal }).toArray({ limit: 1 });
    expect(requests[0]?.signal).toBe(controller.signal);
  });
});

describe('reads', () => {
  it('get by number encodes the number and returns the record with its ETag header', async () => {
    const { requests, resources } = fakeVisma([{ body: acme, headers: { etag: '"AAAAAAAJ9yY="' } }]);
    const customer = await resources.customers.get('A/B 1');
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/customer/A%2FB%201' });
    expect(customer).toStrictEqual({ ...acme, etag: 'AAAAAAAJ9yY=' });
  });

  it('get by internalId uses /customer/internal/{id} and falls back to timeStamp for the ETag', async () => {
    const { requests, resources } = fakeVisma([{ body: { ...acme, timeStamp: 'AAAAAAAJ9yY=' } }]);
    const customer = await resources.customers.getByInternalId(42);
    expect(requests[0]?.path).toBe('/customer/internal/42');
    expect(customer.etag).toBe('AAAAAAAJ9yY=');
  });

  it('has no ETag when neither the header nor timeStamp is there', async () => {
    const { resources } = fakeVisma([{ body: acme }]);
    expect((await resources.customers.get('10000')).etag).toBeUndefined();
  });

  it('keeps fields the schema does not model, at the top and nested', async () => {
    const body = {
      ...acme,
      brandNewField: { a: 1 },
      mainAddress: { city: 'Oslo', country: { id: 'NO', name: 'Norway' }, county: { id: 'OS' } },
      attributes: [{ id: 'SEGMENT', value: 'B2B' }],
    };
    const { resources } = fakeVisma([{ body }]);
    const customer = await resources.customers.get('10000');
    expect(customer.brandNewField).toStrictEqual({ a: 1 });
    expect(customer.mainAddress?.county).toStrictEqual({ id: 'OS' });
    expect(customer.mainAddress?.country?.name).toBe('Norway');
    expect(customer.attributes).toStrictEqual([{ id: 'SEGMENT', value: 'B2B' }]);
  });

  it('accepts null for optional fields', async () => {
    const { resources } = fakeVisma([
      { body: { ...acme, mainAddress: null, creditLimit: null, status: null } },
    ]);
    const customer = await resources.customers.get('10000');
    expect(customer.mainAddress).toBeNull();
  });

  it('reads contacts, invoices, suppliers and customer classes from their documented paths', async () => {
    const { requests, resources } = fakeVisma([
      { body: { contactId: 7, displayName: 'Kari Nordmann' } },
      { body: { referenceNumber: '100042', invoiceLines: [{ lineNumber: 1, quantity: 10 }] } },
      { body: { number: 'S1', name: 'Parts AS' } },
      { body: { id: 'B2B' } },
    ]);
    expect((await resources.contacts.get(7)).displayName).toBe('Kari Nordmann');
    expect((await resources.customerInvoices.get('100042')).invoiceLines?.[0]?.quantity).toBe(10);
    expect((await resources.suppliers.get('S1')).name).toBe('Parts AS');
    expect((await resources.customerClasses.get('B2B')).id).toBe('B2B');
    expect(requests.map((request) => request.path)).toStrictEqual([
      '/contact/7',
      '/customerinvoice/100042',
      '/supplier/S1',
      '/customer/customerClass/B2B',
    ]);
  });

  it('strips list metadata and reads the ETag of list items from timeStamp', async () => {
    const { resources } = fakeVisma([
      { body: [{ ...acme, timeStamp: 'T1', metadata: { totalCount: 1, maxPageSize: 1000 } }] },
    ]);
    expect(await resources.customers.list().toArray({ limit: 5 })).toStrictEqual([
      { ...acme, timeStamp: 'T1' },
    ]);
  });

  it('refuses an empty number before sending anything', async () => {
    const { requests, resources } = fakeVisma([]);
    await expect(resources.customers.get('')).rejects.toThrow('customer number must not be empty');
    await expect(resources.customers.update(' ', { name: 'x' })).rejects.toThrow(RangeError);
    expect(requests).toHaveLength(0);
  });
});

describe('protocol errors name the request and the field', () => {
  it('a missing required field of a single record', async () => {
    const { resources } = fakeVisma([{ body: { internalId: 42, name: 'Acme AS' } }]);
    const error = await caught(resources.customers.get('10000'));
    expect(error.kind).toBe('protocol');
    expect(error.message).toBe('GET /customer/10000: response field "number" is required but missing');
    expect(error.remedy).toContain('GET /customer/10000');
    expect(error.remedy).toContain('field "number" is required but missing');
    expect(error.request).toBe('GET /customer/10000');
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(200);
  });

  it('a missing required field of a list item names the item and the page', async () => {
    const body = [acme, acme, acme, { internalId: 45, name: 'No number' }].map((row, i) => ({
      ...row,
      internalId: i,
    }));
    const { resources } = fakeVisma([{ body }]);
    const error = await caught(resources.customers.list().toArray({ limit: 10 }));
    expect(error.kind).toBe('protocol');
    expect(error.message).toBe(
      'GET /customer: response item 3 (page 1) field "number" is required but missing',
    );
  });

  it('a field of the wrong type, with its nested path', async () => {
    const { resources } = fakeVisma([
      { body: { referenceNumber: '1', invoiceLines: [{ lineNumber: 1 }, { quantity: 'ten' }] } },
    ]);
    const error = await caught(resources.customerInvoices.get('1'));
    expect(error.message).toBe(
      'GET /customerinvoice/1: response field "invoiceLines[1].quantity" is invalid: Invalid input: expected number, received string',
    );
  });

  it('a required field that is null', async () => {
    const { resources } = fakeVisma([{ body: { contactId: null } }]);
    const error = await caught(resources.contacts.get(1));
    expect(error.message).toBe('GET /contact/1: response field "contactId" is required but null');
  });

  it('a body that is not an object', async () => {
    const { resources } = fakeVisma([{ body: undefined }]);
    const error = await caught(resources.customers.get('10000'));
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/^GET \/customer\/10000: response is invalid: /);
  });
});

describe('writes', () => {
  it('create posts a DtoValue body and returns the id from Location', async () => {
    const { requests, resources } = fakeVisma([
      {
        status: 201,
        headers: { location: 'https://api.finance.visma.net/v1/customer/10001', etag: '"E1"' },
      },
    ]);
    const result = await resources.customers.create({
      name: 'Acme AS',
      overrideWithClassValues: true,
      customerClassId: '1',
      mainAddress: { postalCode: '0277', countryId: 'NO' },
    });
    expect(result).toStrictEqual({
      id: '10001',
      location: 'https://api.finance.visma.net/v1/customer/10001',
      etag: 'E1',
    });
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/customer' });
    expect(requests[0]?.json).toStrictEqual({
      name: { value: 'Acme AS' },
      overrideWithClassValues: true,
      customerClassId: { value: '1' },
      mainAddress: { value: { postalCode: { value: '0277' }, countryId: { value: 'NO' } } },
    });
  });

  it('create decodes the last Location segment and ignores a query string', async () => {
    const { resources } = fakeVisma([
      { status: 201, headers: { location: '/v1/contact/Kari%20%C3%86/?x=1' } },
    ]);
    expect(await resources.contacts.create({ lastName: 'Æ' })).toStrictEqual({
      id: 'Kari Æ',
      location: '/v1/contact/Kari%20%C3%86/?x=1',
    });
  });

  it('create without a Location header is a protocol error', async () => {
    const { resources } = fakeVisma([{ status: 201 }]);
    const error = await caught(resources.suppliers.create({ name: 'Parts AS' }));
    expect(error.kind).toBe('protocol');
    expect(error.message).toBe('POST /supplier: response has no Location header, so the new id is unknown');
  });

  it('create of an invoice sends the plain line array', async () => {
    const { requests, resources } = fakeVisma([
      { status: 201, headers: { location: 'https://api.finance.visma.net/v1/customerinvoice/100042' } },
    ]);
    const { id } = await resources.customerInvoices.create({
      customerNumber: '10000',
      documentDate: '2026-05-01',
      invoiceLines: [
        {
          operation: 'Insert',
          inventoryNumber: 'CONSULT',
          quantity: 10,
          uom: 'HOUR',
          subaccount: [{ segmentId: 1, segmentValue: '100' }],
        },
      ],
    });
    expect(id).toBe('100042');
    expect(requests[0]?.path).toBe('/customerinvoice');
    expect(requests[0]?.json).toStrictEqual({
      customerNumber: { value: '10000' },
      documentDate: { value: '2026-05-01' },
      invoiceLines: [
        {
          operation: 'Insert',
          inventoryNumber: { value: 'CONSULT' },
          quantity: { value: 10 },
          uom: { value: 'HOUR' },
          subaccount: [{ segmentId: 1, segmentValue: '100' }],
        },
      ],
    });
  });

  it('update puts only the given fields and returns the new ETag', async () => {
    const { requests, resources } = fakeVisma([{ status: 204, headers: { etag: '"AAAAAAAJ9yZ="' } }]);
    const result = await resources.customers.update('10000', {
      name: 'Acme Holding AS',
      note: '',
      gln: undefined,
    });
    expect(result).toStrictEqual({ etag: 'AAAAAAAJ9yZ=' });
    expect(requests[0]).toMatchObject({ method: 'PUT', path: '/customer/10000' });
    expect(requests[0]?.json).toStrictEqual({ name: { value: 'Acme Holding AS' }, note: { value: '' } });
    expect(requests[0]?.headers).toBeUndefined();
  });

  it('update sends ifMatch as a quoted If-Match header', async () => {
    const { requests, resources } = fakeVisma([{ status: 204 }, { status: 204 }, { status: 204 }]);
    await resources.customers.updateByInternalId(42, { name: 'x' }, { ifMatch: 'AAAAAAAJ9yY=' });
    await resources.contacts.update(7, { email: 'kari@acme.no' }, { ifMatch: '"already-quoted"' });
    await resources.suppliers.update('S 1', { name: 'y' }, { ifMatch: 'W/"weak"' });
    expect(requests.map((request) => [request.method, request.path, request.headers])).toStrictEqual([
      ['PUT', '/customer/internal/42', { 'If-Match': '"AAAAAAAJ9yY="' }],
      ['PUT', '/contact/7', { 'If-Match': '"already-quoted"' }],
      ['PUT', '/supplier/S%201', { 'If-Match': 'W/"weak"' }],
    ]);
  });

  it('update without an ETag header returns etag undefined', async () => {
    const { resources } = fakeVisma([{ status: 204 }]);
    expect(await resources.contacts.update(7, { firstName: 'Kari' })).toStrictEqual({ etag: undefined });
  });

  it('an update round-trips the ETag of a get', async () => {
    const { requests, resources } = fakeVisma([
      { body: acme, headers: { etag: '"v1"' } },
      { status: 204, headers: { etag: '"v2"' } },
    ]);
    const customer = await resources.customers.get('10000');
    const { etag } = await resources.customers.update('10000', { name: 'New' }, { ifMatch: customer.etag });
    expect(requests[1]?.headers).toStrictEqual({ 'If-Match': '"v1"' });
    expect(etag).toBe('v2');
  });
});

/** The `file` part of a multipart request. */
function filePart(request: VismaRequest | undefined): File {
  const file = request?.form?.get('file');
  if (!(file instanceof File)) throw new Error('expected a file part named "file"');
  return file;
}

describe('attachments', () => {
  it('uploads a multipart file with metadata and If-Match, and returns the AttachmentDto', async () => {
    const { requests, resources } = fakeVisma([
      { status: 201, body: { name: 'order.pdf', id: 'b1c2', revision: 1 } },
    ]);
    const attachment = await resources.attachments.uploadToCustomerInvoice(
      '100042',
      {
        content: new TextEncoder().encode('%PDF-1.7'),
        fileName: 'order.pdf',
        contentType: 'application/pdf',
        metadata: { includeAttachmentInvoiceEmail: true },
      },
      { ifMatch: 'E1' },
    );
    expect(attachment).toStrictEqual({ name: 'order.pdf', id: 'b1c2', revision: 1 });
    const request = requests[0];
    expect(request).toMatchObject({
      method: 'POST',
      path: '/customerinvoice/100042/attachment',
      headers: { 'If-Match': '"E1"' },
    });
    expect(request?.json).toBeUndefined();
    const file = filePart(request);
    expect(file.name).toBe('order.pdf');
    expect(file.type).toBe('application/pdf');
    expect(await file.text()).toBe('%PDF-1.7');
    expect(request?.form?.get('metadata')).toBe('{"includeAttachmentInvoiceEmail":true}');
  });

  it('sends no metadata part when none is given, and keeps a Blob type', async () => {
    const { requests, resources } = fakeVisma([{ status: 201, body: { id: 'x' } }]);
    await resources.attachments.uploadToCustomerInvoice('1', {
      content: new Blob(['a,b'], { type: 'text/csv' }),
      fileName: 'lines.csv',
    });
    expect(requests[0]?.form?.has('metadata')).toBe(false);
    expect(filePart(requests[0]).type).toBe('text/csv');
  });

  it('falls back to the Location id when the 201 body is empty', async () => {
    const { resources } = fakeVisma([{ status: 201, headers: { location: '/v1/attachment/a-1' } }]);
    const attachment = await resources.attachments.uploadToCustomerInvoice('1', {
      content: new ArrayBuffer(3),
      fileName: 'x.bin',
    });
    expect(attachment).toStrictEqual({ id: 'a-1', name: 'x.bin' });
  });

  it('an AttachmentDto without id is a protocol error', async () => {
    const { resources } = fakeVisma([{ status: 201, body: { name: 'x.bin' } }]);
    const error = await caught(
      resources.attachments.uploadToCustomerInvoice('1', { content: new ArrayBuffer(1), fileName: 'x.bin' }),
    );
    expect(error.message).toBe(
      'POST /customerinvoice/1/attachment: response field "id" is required but missing',
    );
  });
});
