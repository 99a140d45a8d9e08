import type { MappingSpec } from '../spec-types.js';

/**
 * Visma.net Customer Invoice → SuperOffice Sale (visma-net.md §7.7: invoices are read-only in Visma, so they flow to
 * SuperOffice as sold sales). The sale date is the document date at midnight in Europe/Oslo, written as
 * SuperOffice's local date-time text; the company comes from the per-run cache `superofficeContactIdByCustomerNumber`
 * (an invoice for an unsynced customer is skipped). Invoices on hold and credit notes are skipped.
 */
export const VISMA_INVOICE_TO_SUPEROFFICE_SALE: MappingSpec = {
  version: 1,
  name: 'Visma Customer Invoice → SuperOffice Sale',
  source: 'visma.customerInvoice',
  target: 'superoffice.sale',
  skip: [
    { path: 'hold', is: 'equals', value: true, reason: 'the invoice is on hold' },
    {
      path: 'documentType',
      is: 'in',
      values: ['CreditNote', 'Credit Note'],
      reason: 'credit notes are not sales',
    },
  ],
  fields: [
    {
      target: 'Heading',
      rule: { kind: 'concat', from: [{ text: 'Invoice' }, 'referenceNumber', 'invoiceText'], separator: ' ' },
      pipe: [{ op: 'trim' }],
      required: true,
    },
    { target: 'Number', rule: { kind: 'copy', from: 'referenceNumber' } },
    {
      target: 'Amount',
      rule: { kind: 'first', from: ['amount', 'amountInCurrency'] },
      pipe: [{ op: 'parseNumber' }],
    },
    {
      target: 'Saledate',
      rule: { kind: 'copy', from: 'documentDate' },
      pipe: [
        { op: 'parseDate', format: 'iso', timeZone: 'Europe/Oslo' },
        { op: 'formatDate', format: 'yyyy-MM-ddTHH:mm:ss', timeZone: 'Europe/Oslo' },
      ],
    },
    { target: 'Status', rule: { kind: 'constant', value: 'Sold' } },
    { target: 'Probability', rule: { kind: 'constant', value: 100 } },
    {
      target: 'Contact.ContactId',
      rule: { kind: 'copy', from: 'customer.number' },
      pipe: [
        { op: 'lookup', cache: 'superofficeContactIdByCustomerNumber', unmapped: 'skip_record' },
        // Link-table keys are text; SuperOffice ids are numbers.
        { op: 'parseNumber' },
      ],
    },
  ],
};
