import { z } from 'zod';
import {
  type NumberName,
  numberNameSchema,
  optionalFlag,
  optionalNumber,
  optionalText,
  recordStampFields,
} from '../shared-schemas.js';

/** Document statuses, also the values of the `status` list filter (visma-net.md §7.3). */
export type CustomerInvoiceStatus =
  | 'Hold'
  | 'Balanced'
  | 'Voided'
  | 'Scheduled'
  | 'Open'
  | 'Closed'
  | 'PendingPrint'
  | 'PendingEmail'
  | 'CreditHold'
  | 'CcHold'
  | 'Reserved';

/** One invoice line as read. */
export interface CustomerInvoiceLine {
  /** Line number. */
  readonly lineNumber?: number | null | undefined;
  /** Inventory item number. */
  readonly inventoryNumber?: string | null | undefined;
  /** Line text. */
  readonly description?: string | null | undefined;
  /** Quantity. */
  readonly quantity?: number | null | undefined;
  /** Unit price in the invoice currency. */
  readonly unitPriceInCurrency?: number | null | undefined;
  /** Unit of measure. */
  readonly uom?: string | null | undefined;
  /** Fields this client does not model, kept as received. */
  readonly [field: string]: unknown;
}

/** A customer invoice as read (§7.3); only `referenceNumber` (the invoice number) is required. */
export interface CustomerInvoice {
  /** Invoice number. */
  readonly referenceNumber: string;
  /** Document type, e.g. `Invoice`. */
  readonly documentType?: string | null | undefined;
  /** Status, one of {@link CustomerInvoiceStatus}. */
  readonly status?: string | null | undefined;
  /** The invoiced customer. */
  readonly customer?: NumberName | null | undefined;
  /** Document date. */
  readonly documentDate?: string | null | undefined;
  /** Due date. */
  readonly documentDueDate?: string | null | undefined;
  /** On hold. */
  readonly hold?: boolean | null | undefined;
  /** Currency, e.g. `NOK`. */
  readonly currencyId?: string | null | undefined;
  /** Amount in the company currency. */
  readonly amount?: number | null | undefined;
  /** Amount in the invoice currency. */
  readonly amountInCurrency?: number | null | undefined;
  /** Open balance in the company currency. */
  readonly balance?: number | null | undefined;
  /** Open balance in the invoice currency. */
  readonly balanceInCurrency?: number | null | undefined;
  /** Total VAT. */
  readonly vatTotal?: number | null | undefined;
  /** The lines. */
  readonly invoiceLines?: readonly CustomerInvoiceLine[] | null | undefined;
  /** Payment reference (e.g. KID). */
  readonly paymentReference?: string | null | undefined;
  /** The customer's own reference. */
  readonly customerRefNumber?: string | null | undefined;
  /** The reference given at creation. */
  readonly externalReference?: string | null | undefined;
  /** Invoice text. */
  readonly invoiceText?: string | null | undefined;
  /** Last change (§6). */
  readonly lastModifiedDateTime?: string | null | undefined;
  /** Creation time. */
  readonly createdDateTime?: string | null | undefined;
  /** Concurrency token, equal to the ETag (§5.4). */
  readonly timeStamp?: string | null | undefined;
  /** Fields this client does not model (e.g. `taxDetails`, `attachments`), kept as received. */
  readonly [field: string]: unknown;
}

/** Validates a {@link CustomerInvoiceLine}. */
export const customerInvoiceLineSchema: z.ZodType<CustomerInvoiceLine> = z.looseObject({
  lineNumber: optionalNumber,
  inventoryNumber: optionalText,
  description: optionalText,
  quantity: optionalNumber,
  unitPriceInCurrency: optionalNumber,
  uom: optionalText,
});

/** Validates a {@link CustomerInvoice}. */
export const customerInvoiceSchema: z.ZodType<CustomerInvoice> = z.looseObject({
  referenceNumber: z.string(),
  documentType: optionalText,
  status: optionalText,
  customer: numberNameSchema.nullish(),
  documentDate: optionalText,
  documentDueDate: optionalText,
  hold: optionalFlag,
  currencyId: optionalText,
  amount: optionalNumber,
  amountInCurrency: optionalNumber,
  balance: optionalNumber,
  balanceInCurrency: optionalNumber,
  vatTotal: optionalNumber,
  invoiceLines: z.array(customerInvoiceLineSchema).nullish(),
  paymentReference: optionalText,
  customerRefNumber: optionalText,
  externalReference: optionalText,
  invoiceText: optionalText,
  ...recordStampFields,
});
