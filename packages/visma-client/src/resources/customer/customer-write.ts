import type {
  AddressWrite,
  AttributeLineWrite,
  ContactInfoWrite,
  DirectDebitLineWrite,
} from '../shared-writes.js';
import type { CustomerStatus } from './customer-schema.js';

/**
 * The fields of `CustomerUpdateDto` (visma-net.md §7.1), unwrapped: the resource wraps them in DtoValue. All are
 * optional, because PUT is partial.
 */
export interface CustomerUpdate {
  /** Customer number (customerCd). Send it on create only with `overrideNumberSeries: true` (§5.2). */
  readonly number?: string | undefined;
  /** Customer name. */
  readonly name?: string | undefined;
  /** Status. */
  readonly status?: CustomerStatus | undefined;
  /** Account reference. */
  readonly accountReference?: string | undefined;
  /** Number of employees. */
  readonly numberOfEmployees?: number | undefined;
  /** Number of the parent customer. */
  readonly parentRecordNumber?: string | undefined;
  /** Currency, e.g. `NOK`. */
  readonly currencyId?: string | undefined;
  /** Credit limit. */
  readonly creditLimit?: number | undefined;
  /** Days past due before credit hold. */
  readonly creditDaysPastDue?: number | undefined;
  /** Customer class id (the read side has `customerClass{id,description}`). */
  readonly customerClassId?: string | undefined;
  /** Credit terms id. */
  readonly creditTermsId?: string | undefined;
  /** Credit verification mode. */
  readonly creditVerification?: string | undefined;
  /** Statement type. */
  readonly statementType?: string | undefined;
  /** Price class id. */
  readonly priceClassId?: string | undefined;
  /** Apply the customer class defaults; sent unwrapped (§5.2). */
  readonly overrideWithClassValues?: boolean | undefined;
  /** Print invoices. */
  readonly printInvoices?: boolean | undefined;
  /** Accept AutoInvoice. */
  readonly acceptAutoInvoices?: boolean | undefined;
  /** Send invoices by e-mail. */
  readonly sendInvoicesByEmail?: boolean | undefined;
  /** Send dunning letters by e-mail (the API's spelling). */
  readonly sendDunningLettersViaEMail?: boolean | undefined;
  /** Print dunning letters. */
  readonly printDunningLetters?: boolean | undefined;
  /** Print statements. */
  readonly printStatements?: boolean | undefined;
  /** Send statements by e-mail. */
  readonly sendStatementsByEmail?: boolean | undefined;
  /** Print multi-currency statements. */
  readonly printMultiCurrencyStatements?: boolean | undefined;
  /** Invoice to the default location. */
  readonly invoiceToDefaultLocation?: boolean | undefined;
  /** VAT registration id. */
  readonly vatRegistrationId?: string | undefined;
  /** Organisation number. */
  readonly corporateId?: string | undefined;
  /** VAT zone id. */
  readonly vatZoneId?: string | undefined;
  /** Global Location Number. */
  readonly gln?: string | undefined;
  /** Main address. */
  readonly mainAddress?: AddressWrite | undefined;
  /** Invoice address. */
  readonly invoiceAddress?: AddressWrite | undefined;
  /** Delivery address. */
  readonly deliveryAddress?: AddressWrite | undefined;
  /** Main contact details. */
  readonly mainContact?: ContactInfoWrite | undefined;
  /** Invoice contact details. */
  readonly invoiceContact?: ContactInfoWrite | undefined;
  /** Delivery contact details. */
  readonly deliveryContact?: ContactInfoWrite | undefined;
  /** Note. */
  readonly note?: string | undefined;
  /** Default payment method id. */
  readonly defaultPaymentMethod?: string | undefined;
  /** Direct debit mandates; a plain array whose lines are wrapped (§5.2). */
  readonly directDebitLines?: readonly DirectDebitLineWrite[] | undefined;
  /** Attribute values; a plain array whose lines are wrapped (§5.2). */
  readonly attributeLines?: readonly AttributeLineWrite[] | undefined;
  /** Allow a manual `number` although the number series is automatic (§5.2). */
  readonly overrideNumberSeries?: boolean | undefined;
  /** Exclude from debt collection. */
  readonly excludeDebtCollection?: boolean | undefined;
}

/** A new customer: `name` is required; leave `number` out when the company numbers customers automatically. */
export interface CustomerCreate extends CustomerUpdate {
  /** Customer name. */
  readonly name: string;
}
