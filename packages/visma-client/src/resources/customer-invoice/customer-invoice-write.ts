import type { LineOperation, SubaccountSegment } from '../shared-writes.js';

/**
 * One line of a new invoice (`CustomerInvoiceLinesUpdateDto`, visma-net.md §5.2, §7.3). `operation` and `subaccount`
 * are sent unwrapped, every other field wrapped. A line needs an `inventoryNumber` or at least a `description`.
 */
export interface CustomerInvoiceLineWrite {
  /** `Insert` for a new invoice. */
  readonly operation: LineOperation;
  /** Inventory item number. */
  readonly inventoryNumber?: string | undefined;
  /** Line number (to update or delete an existing line). */
  readonly lineNumber?: number | undefined;
  /** Line text. */
  readonly description?: string | undefined;
  /** Quantity. */
  readonly quantity?: number | undefined;
  /** Unit price in the invoice currency. */
  readonly unitPriceInCurrency?: number | undefined;
  /** A line amount that overrides quantity × price. */
  readonly manualAmountInCurrency?: number | undefined;
  /** Sales account number. */
  readonly accountNumber?: string | undefined;
  /** VAT code id. */
  readonly vatCodeId?: string | undefined;
  /** Unit of measure, e.g. `HOUR`. */
  readonly uom?: string | undefined;
  /** Discount in percent. */
  readonly discountPercent?: number | undefined;
  /** Subaccount segments; sent as a plain array (§5.2). */
  readonly subaccount?: readonly SubaccountSegment[] | undefined;
}

/** One VAT detail line (`taxDetailLines`); a plain array whose lines are wrapped (§5.2). Field names are [infer]. */
export interface TaxDetailLineWrite {
  /** Insert, update or delete this tax line. */
  readonly operation?: LineOperation | undefined;
  /** Any write-DTO field of the tax line (wrapped on the wire). */
  readonly [field: string]: string | number | boolean | undefined;
}

/** A new customer invoice (`CustomerInvoiceUpdateDto`, §7.3) with its lines; `customerNumber` is required. */
export interface CustomerInvoiceCreate {
  /** Number of the customer to invoice. */
  readonly customerNumber: string;
  /** Document date, `yyyy-MM-dd`. */
  readonly documentDate?: string | undefined;
  /** Due date, `yyyy-MM-dd`. */
  readonly documentDueDate?: string | undefined;
  /** Currency, e.g. `NOK`. */
  readonly currencyId?: string | undefined;
  /** Invoice number, when the number series allows manual numbers. */
  readonly referenceNumber?: string | undefined;
  /** Invoice text. */
  readonly invoiceText?: string | undefined;
  /** Create the invoice on hold. */
  readonly hold?: boolean | undefined;
  /** Credit terms id. */
  readonly creditTermsId?: string | undefined;
  /** Payment method id. */
  readonly paymentMethodId?: string | undefined;
  /** The customer's own reference. */
  readonly customerRefNumber?: string | undefined;
  /** Your reference (e.g. the CRM order id): use it to look the invoice up after an ambiguous failure (§5.5). */
  readonly externalReference?: string | undefined;
  /** Financial period, `YYYYMM`. */
  readonly financialPeriod?: string | undefined;
  /** Branch number. */
  readonly branchNumber?: string | undefined;
  /** The invoice lines. */
  readonly invoiceLines?: readonly CustomerInvoiceLineWrite[] | undefined;
  /** VAT detail lines. */
  readonly taxDetailLines?: readonly TaxDetailLineWrite[] | undefined;
}
