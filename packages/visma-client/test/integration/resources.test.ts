import type { Sandbox } from '@databridge/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VismaClient } from '../../src/index.js';
import { BEN, connectInteractive, NORDLYS, sandboxClient, startTestSandbox } from './sandbox-fixture.js';

// Every typed resource once against the Visma.net lookalike, so client and stand-in agree on the wire.
let sandbox: Sandbox;
let client: VismaClient;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.reset();
  const { auth, connection } = await connectInteractive(sandbox, BEN);
  client = sandboxClient(sandbox, auth, connection);
});

describe('resources over the wire', () => {
  it('customer classes: list and get', async () => {
    const classes = await client.customerClasses.list().toArray({ limit: 100 });
    expect(classes.length).toBeGreaterThan(0);
    const first = classes[0];
    expect(await client.customerClasses.get(first?.id ?? '')).toMatchObject({ id: first?.id });
  });

  it('customers: by number and by internalId give the same record', async () => {
    const [first] = await client.customers.list().toArray({ limit: 1 });
    const byNumber = await client.customers.get(first?.number ?? '');
    const byInternalId = await client.customers.getByInternalId(first?.internalId ?? 0);
    expect(byInternalId).toMatchObject({ number: byNumber.number, name: byNumber.name });
    const { etag } = await client.customers.updateByInternalId(first?.internalId ?? 0, { name: 'Omdøpt AS' });
    expect(etag).toEqual(expect.any(String));
    expect((await client.customers.get(first?.number ?? '')).name).toBe('Omdøpt AS');
  });

  it('contacts: create for a customer, find by businessAccount, update', async () => {
    const [customer] = await client.customers.list().toArray({ limit: 1 });
    const number = customer?.number ?? '';
    const created = await client.contacts.create({
      firstName: 'Åse',
      lastName: 'Ødegård',
      email: 'ase@example.no',
      businessAccount: number,
    });
    const mine = await client.contacts.list({ businessAccount: number }).toArray({ limit: 100 });
    expect(mine.map((contact) => String(contact.contactId))).toContain(created.id);
    await client.contacts.update(created.id, { position: 'Innkjøper' });
    expect(await client.contacts.get(created.id)).toMatchObject({
      lastName: 'Ødegård',
      position: 'Innkjøper',
    });
  });

  it('customer invoices: create with lines, read back, upload an attachment twice (new revision)', async () => {
    const [customer] = await client.customers.list().toArray({ limit: 1 });
    const invoice = await client.customerInvoices.create({
      customerNumber: customer?.number ?? '',
      documentDate: '2026-11-01',
      invoiceText: 'Konsulentbistand',
      invoiceLines: [
        { operation: 'Insert', description: 'Rådgivning', quantity: 10, unitPriceInCurrency: 1250 },
      ],
    });
    const read = await client.customerInvoices.get(invoice.id);
    expect(read).toMatchObject({ referenceNumber: invoice.id, invoiceText: 'Konsulentbistand' });
    expect(read.invoiceLines?.[0]).toMatchObject({ description: 'Rådgivning', quantity: 10 });
    const byCustomer = await client.customerInvoices
      .list({ customer: customer?.number ?? '' })
      .toArray({ limit: 100 });
    expect(byCustomer.map((item) => item.referenceNumber)).toContain(invoice.id);

    const pdf = new TextEncoder().encode('%PDF-1.4 faktura');
    const upload = { content: pdf, fileName: 'faktura.pdf', contentType: 'application/pdf' };
    const first = await client.attachments.uploadToCustomerInvoice(invoice.id, {
      ...upload,
      metadata: { includeAttachmentInvoiceEmail: true },
    });
    const second = await client.attachments.uploadToCustomerInvoice(invoice.id, upload);
    expect(first).toMatchObject({ name: 'faktura.pdf' });
    expect(second.revision).toBeGreaterThan(first.revision ?? 0);
  });

  it('suppliers: create, list, update', async () => {
    const created = await client.suppliers.create({ name: 'Leverandør Vest AS' });
    const found = await client.suppliers.list({ name: 'Leverandør Vest AS' }).toArray({ limit: 10 });
    expect(found.map((supplier) => supplier.number)).toEqual([created.id]);
    await client.suppliers.update(created.id, { name: 'Leverandør Øst AS' });
    expect((await client.suppliers.get(created.id)).name).toBe('Leverandør Øst AS');
  });

  it('a seeded company really holds hundreds of customers, all reachable by paging', async () => {
    const fresh = sandbox.visma.api.data.company(NORDLYS.tenantId).customers.size;
    let seen = 0;
    for await (const _customer of client.customers.list({ pageSize: 25 })) seen += 1;
    expect(seen).toBe(fresh);
  });
});
