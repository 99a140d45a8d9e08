import type { ApiRequestContext, ApiResponse } from '../context.js';
import { jsonBody } from '../context.js';
import { dto, type Unwrapped, unwrapDto } from '../dto-value.js';
import type { CustomerInvoiceDto, InvoiceLineDto } from '../dtos.js';
import { validationError } from '../errors.js';
import { formatTimestamp, type Row } from '../record-table.js';
import {
  applyCreditTerms,
  getHandler,
  insertCreated,
  listHandler,
  newRecordTimes,
  type RecordResource,
  resourceRoutes,
  updateHandler,
} from '../resource.js';
import type { Route } from '../router.js';
import { applyString, checkIfMatch, recordNotFound } from '../writes.js';

/**
 * visma-net.md §7.3 Customer invoice: `GET/POST /v1/customerinvoice`, `GET/PUT/DELETE /v1/customerinvoice/{number}`.
 * `invoiceLines` is a plain array whose items are wrapped field by field, with a plain `operation` (§5.2).
 */

const LINE_SCHEMA = {
  operation: dto.plainEnum(['Insert', 'Update', 'Delete'] as const),
  lineNumber: dto.number,
  inventoryNumber: dto.string,
  description: dto.string,
  quantity: dto.number,
  unitPriceInCurrency: dto.number,
  manualAmountInCurrency: dto.number,
  discountPercent: dto.number,
  accountNumber: dto.string,
  vatCodeId: dto.string,
  uom: dto.string,
  subaccount: dto.rawArray,
} as const;

/** `CustomerInvoiceUpdateDto` (visma-net.md §7.3 "Write", selection). */
export const CUSTOMER_INVOICE_UPDATE_SCHEMA = {
  customerNumber: dto.string,
  documentDate: dto.string,
  documentDueDate: dto.string,
  currencyId: dto.string,
  referenceNumber: dto.string,
  invoiceText: dto.string,
  hold: dto.boolean,
  creditTermsId: dto.string,
  paymentMethodId: dto.string,
  customerRefNumber: dto.string,
  externalReference: dto.string,
  financialPeriod: dto.string,
  branchNumber: dto.string,
  invoiceLines: dto.plainArray(LINE_SCHEMA),
  taxDetailLines: dto.plainArray({}),
} as const;

type InvoiceWrite = Unwrapped<typeof CUSTOMER_INVOICE_UPDATE_SCHEMA>;
type LineWrite = Unwrapped<typeof LINE_SCHEMA>;

const CREATE = 'Error creating document';
const UPDATE = 'Error updating document';
/** Standard Norwegian VAT on the seeded VAT code "3" [infer]. */
const VAT_RATE = 0.25;

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

const list = listHandler(invoices(), {
  equals: {
    externalReference: (invoice) => invoice.externalReference,
    customer: (invoice) => invoice.customer.number,
    status: (invoice) => invoice.status,
    customerRefNumber: (invoice) => invoice.customerRefNumber,
    financialPeriod: (invoice) => invoice.financialPeriod,
    documentType: (invoice) => invoice.documentType,
  },
  dates: ['lastModifiedDateTime', 'createdDateTime'],
});

/** The invoice row behind `{invoiceNumber}`, or 404. */
export function findInvoiceRow(context: ApiRequestContext): Row<CustomerInvoiceDto> {
  const id = context.params.invoiceNumber ?? '';
  return context.company.invoices.row(id) ?? recordNotFound('CustomerInvoice', id);
}

/** Customer invoices as a RecordTable-backed resource (a function: `findInvoiceRow` is hoisted, the const is not). */
function invoices(): RecordResource<CustomerInvoiceDto> {
  return { table: (company) => company.invoices, find: findInvoiceRow };
}

function documentDate(value: string, field: string, label: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+)?$/.exec(value.trim());
  if (!match?.[1] || Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) {
    throw validationError(`${label}. Error: '${value}' is not a valid date for ${field}. Use yyyy-MM-dd.`);
  }
  return `${match[1]}T00:00:00`;
}

function applyLineFields(line: InvoiceLineDto, write: LineWrite): void {
  applyString(line, 'inventoryNumber', write.inventoryNumber);
  applyString(line, 'description', write.description);
  applyString(line, 'uom', write.uom);
  applyString(line, 'accountNumber', write.accountNumber);
  applyString(line, 'vatCodeId', write.vatCodeId);
  if (write.quantity !== undefined) line.quantity = write.quantity ?? 0;
  if (write.unitPriceInCurrency !== undefined) line.unitPriceInCurrency = write.unitPriceInCurrency ?? 0;
  if (write.discountPercent !== undefined) line.discountPercent = write.discountPercent ?? 0;
  if (write.manualAmountInCurrency === null) delete line.manualAmountInCurrency;
  else if (write.manualAmountInCurrency !== undefined)
    line.manualAmountInCurrency = write.manualAmountInCurrency;
  if (write.subaccount !== undefined) line.subaccount = write.subaccount;
  line.amountInCurrency =
    line.manualAmountInCurrency ??
    round2(line.quantity * line.unitPriceInCurrency * (1 - line.discountPercent / 100));
}

/** Applies `invoiceLines` operations (Insert, Update, Delete by `lineNumber`). */
function applyLines(invoice: CustomerInvoiceDto, writes: LineWrite[], label: string): void {
  writes.forEach((write, index) => {
    const operation = write.operation ?? 'Insert';
    const where = `Line ${index + 1}`;
    if (operation === 'Insert') {
      const next = invoice.invoiceLines.reduce((max, l) => Math.max(max, l.lineNumber), 0) + 1;
      const line: InvoiceLineDto = {
        lineNumber: next,
        quantity: 1,
        unitPriceInCurrency: 0,
        amountInCurrency: 0,
        discountPercent: 0,
        vatCodeId: '3',
      };
      applyLineFields(line, write);
      // visma-net.md §5.2 "A line needs an inventoryNumber or at least a description".
      if (!line.inventoryNumber && !line.description) {
        throw validationError(
          `${label}. Error: ${where}: 'Inventory ID' or 'Transaction Descr.' must be set.`,
        );
      }
      invoice.invoiceLines.push(line);
      return;
    }
    const number = write.lineNumber;
    const existing = invoice.invoiceLines.findIndex((l) => l.lineNumber === number);
    const line = invoice.invoiceLines[existing];
    if (number === undefined || number === null || !line) {
      throw validationError(
        `${label}. Error: ${where}: ${operation} needs the lineNumber of an existing line.`,
      );
    }
    if (operation === 'Delete') invoice.invoiceLines.splice(existing, 1);
    else applyLineFields(line, write);
  });
  const net = round2(invoice.invoiceLines.reduce((sum, l) => sum + l.amountInCurrency, 0));
  invoice.vatTotal = round2(net * VAT_RATE);
  invoice.amount = invoice.amountInCurrency = round2(net + invoice.vatTotal);
  invoice.balance = invoice.balanceInCurrency = invoice.amount;
}

function applyHeader(
  context: ApiRequestContext,
  invoice: CustomerInvoiceDto,
  write: InvoiceWrite,
  label: string,
): void {
  if (write.customerNumber !== undefined) {
    const customer = write.customerNumber ? context.company.customers.get(write.customerNumber) : undefined;
    if (!write.customerNumber) throw validationError(`${label}. Error: 'Customer' cannot be empty.`);
    if (!customer)
      throw validationError(
        `${label}. Error: Customer '${write.customerNumber}' cannot be found in the system.`,
      );
    invoice.customer = { number: customer.number, name: customer.name };
    if (customer.creditTerms && write.creditTermsId === undefined)
      invoice.creditTerms = { ...customer.creditTerms };
  }
  applyCreditTerms(context, invoice, write.creditTermsId, label);
  if (write.documentDate) {
    invoice.documentDate = documentDate(write.documentDate, 'documentDate', label);
    invoice.financialPeriod = invoice.documentDate.slice(0, 7).replace('-', '');
  }
  if (write.documentDueDate)
    invoice.documentDueDate = documentDate(write.documentDueDate, 'documentDueDate', label);
  if (write.financialPeriod) invoice.financialPeriod = write.financialPeriod;
  if (write.currencyId) invoice.currencyId = write.currencyId;
  applyString(invoice, 'invoiceText', write.invoiceText);
  applyString(invoice, 'customerRefNumber', write.customerRefNumber);
  applyString(invoice, 'externalReference', write.externalReference);
  if (write.hold !== undefined && write.hold !== null) {
    invoice.hold = write.hold;
    invoice.status = write.hold ? 'Hold' : 'Balanced';
  }
  if (write.invoiceLines !== undefined) applyLines(invoice, write.invoiceLines, label);
}

function create(context: ApiRequestContext): ApiResponse {
  const { company } = context;
  const write = unwrapDto(jsonBody(context), CUSTOMER_INVOICE_UPDATE_SCHEMA);
  if (!write.customerNumber) throw validationError(`${CREATE}. Error: 'Customer' cannot be empty.`);
  for (const [index, line] of (write.invoiceLines ?? []).entries()) {
    if (line.operation !== undefined && line.operation !== 'Insert') {
      throw validationError(
        `${CREATE}. Error: Line ${index + 1}: only 'Insert' is possible on a new document.`,
      );
    }
  }
  const series = company.numbering.invoice;
  if (write.referenceNumber && !series.allowManual) {
    throw validationError(
      `${CREATE}. Error: The numbering sequence does not allow manual reference numbers.`,
    );
  }
  const referenceNumber = write.referenceNumber || String(series.next++);
  if (company.invoices.get(referenceNumber)) {
    throw validationError(`${CREATE}. Error: Document '${referenceNumber}' already exists.`);
  }
  const now = Date.now();
  const today = `${formatTimestamp(now).slice(0, 10)}T00:00:00`;
  const invoice: CustomerInvoiceDto = {
    referenceNumber,
    documentType: 'Invoice',
    status: 'Balanced',
    hold: false,
    customer: { number: '', name: '' },
    documentDate: today,
    documentDueDate: today,
    currencyId: 'NOK',
    amount: 0,
    amountInCurrency: 0,
    balance: 0,
    balanceInCurrency: 0,
    vatTotal: 0,
    invoiceLines: [],
    attachments: [],
    financialPeriod: today.slice(0, 7).replace('-', ''),
    ...newRecordTimes(now),
  };
  applyHeader(context, invoice, write, CREATE);
  if (!write.documentDueDate) {
    const days = (invoice.creditTerms && company.creditTerm(invoice.creditTerms.id)?.dueDays) ?? 14;
    invoice.documentDueDate = `${formatTimestamp(Date.parse(`${invoice.documentDate}Z`) + days * 86_400_000).slice(0, 10)}T00:00:00`;
  }
  return insertCreated(
    context,
    invoices(),
    invoice,
    now,
    `/customerinvoice/${encodeURIComponent(referenceNumber)}`,
  );
}

function assertEditable(invoice: CustomerInvoiceDto, label: string): void {
  if (invoice.status === 'Open' || invoice.status === 'Closed') {
    throw validationError(
      `${label}. Error: The document is released (status ${invoice.status}) and cannot be changed.`,
    );
  }
}

const update = updateHandler(invoices(), (context, invoice) => {
  assertEditable(invoice, UPDATE);
  applyHeader(context, invoice, unwrapDto(jsonBody(context), CUSTOMER_INVOICE_UPDATE_SCHEMA), UPDATE);
});

function remove(context: ApiRequestContext): ApiResponse {
  const row = findInvoiceRow(context);
  checkIfMatch(context, row.record.timeStamp);
  assertEditable(row.record, 'Error deleting document');
  context.company.invoices.remove(row.record.referenceNumber);
  return { status: 204 };
}

/** Customer invoice routes (attachments are in attachments.ts). */
export const customerInvoiceRoutes: readonly Route[] = resourceRoutes(
  '/v1/customerinvoice',
  ['/:invoiceNumber'],
  {
    list,
    create,
    get: getHandler(invoices()),
    update,
    remove,
  },
);
