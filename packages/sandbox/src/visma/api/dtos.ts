import type { TimestampedDto } from './record-table.js';

/**
 * Read DTOs as the API returns them (visma-net.md §7; field selection per Pionect `CustomerDto`, `ContactDto`, …).
 * Read DTOs are not DtoValue-wrapped (§5.2). Optional fields are omitted from the JSON when empty.
 */

/** `{id, name}` of a country (visma-net.md §5.2: read `country:{id,name}` vs write `countryId`). */
export interface CountryDto {
  /** ISO 3166-1 alpha-2 code, e.g. `NO`; what writes send as `countryId`. */
  id: string;
  /** English country name, e.g. `Norway`. */
  name: string;
}

/** An address of a customer, supplier or contact (visma-net.md §7.1 `mainAddress{…}`). */
export interface AddressDto {
  /** Visma's id of this address record. */
  addressId: number;
  /** First street line; omitted when empty. */
  addressLine1?: string;
  /** Second street line; omitted when empty. */
  addressLine2?: string;
  /** Third street line; omitted when empty. */
  addressLine3?: string;
  /** Postal code, as text (may have leading zeros). */
  postalCode?: string;
  /** City or postal town. */
  city?: string;
  /** Country as `{id, name}` (reads); writes send `countryId` instead. */
  country?: CountryDto;
  /** County or region. */
  county?: string;
}

/** Contact info embedded in a customer or supplier (visma-net.md §7.1 `mainContact{…}`). */
export interface ContactInfoDto {
  /** Id of the underlying contact record. */
  contactId: number;
  /** Name on the contact info (a person or department). */
  name?: string;
  /** "Attention" line for letters and invoices. */
  attention?: string;
  /** E-mail address. */
  email?: string;
  /** Web site URL. */
  web?: string;
  /** Primary phone number. */
  phone1?: string;
  /** Secondary phone number. */
  phone2?: string;
  /** Fax number. */
  fax?: string;
}

/** `{id, description}` reference (customer class, credit terms, supplier class). */
export interface IdDescriptionDto {
  /** The referenced record's id, e.g. a credit term id like `30D`. */
  id: string;
  /** Its human description. */
  description: string;
}

/** Customer status values (visma-net.md §7.1 list filters). */
export const CUSTOMER_STATUSES = ['Active', 'OnHold', 'CreditHold', 'Inactive', 'OneTime'] as const;
/** A customer's status. */
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** `CustomerDto` (visma-net.md §7.1, selection). */
export interface CustomerDto extends TimestampedDto {
  /** Stable integer id; unlike `number` it never changes, so it is the sync key (visma-net.md §7.1). */
  internalId: number;
  /** Customer number (customerCd): the human key, which can be changed by `changeCustomerCd`. */
  number: string;
  /** Customer name. */
  name: string;
  /** One of {@link CUSTOMER_STATUSES}. */
  status: CustomerStatus;
  /** Main (postal) address. */
  mainAddress: AddressDto;
  /** Address invoices are sent to. */
  invoiceAddress: AddressDto;
  /** Address goods are delivered to. */
  deliveryAddress: AddressDto;
  /** Main contact info. */
  mainContact: ContactInfoDto;
  /** Contact info for invoicing. */
  invoiceContact: ContactInfoDto;
  /** Contact info for deliveries. */
  deliveryContact: ContactInfoDto;
  /** Free-text account reference; omitted when empty. */
  accountReference?: string;
  /** Customer class whose defaults apply (`overrideWithClassValues`). */
  customerClass?: IdDescriptionDto;
  /** Default credit terms, copied to new invoices. */
  creditTerms?: IdDescriptionDto;
  /** Default currency, e.g. `NOK`. */
  currencyId?: string;
  /** Credit limit amount; omitted when none is set. */
  creditLimit?: number;
  /** Organisation number. */
  corporateId?: string;
  /** VAT registration number. */
  vatRegistrationId?: string;
  /** Free-text note. */
  note?: string;
  /** Global Location Number (13 digits, used for e-invoicing). */
  gln?: string;
}

/** `CustomerClassDto` (visma-net.md §7.1 "Customer class"). */
export interface CustomerClassDto {
  /** Class id, written as `customerClassId`. */
  id: string;
  /** Human description of the class. */
  description: string;
  /** Default tax (VAT) zone of customers in this class. */
  taxZoneId: string;
  /** Whether customers in this class must have a tax zone. */
  requiredTaxzoneId: boolean;
  /** Default payment method of customers in this class. */
  paymentMethodId: string;
  /** Class attributes; the lookalike serves none. */
  attributes: unknown[];
}

/** `CreditTermDto` (served as `BasePaginationDto`, visma-net.md §6). Fields beyond id/description are [infer]. */
export interface CreditTermDto {
  /** Credit term id, written as `creditTermsId`, e.g. `30D`. */
  id: string;
  /** Human description, e.g. `30 dager netto`. */
  description: string;
  /** How the due date is computed: `FixedNumberOfDays` or `EndOfMonth` in the lookalike [infer]. */
  dueDateType: string;
  /** Days from the document date to the due date. */
  dueDays: number;
  /** Days within which the cash discount applies. */
  discountDays: number;
  /** Cash discount in percent when paid within `discountDays`. */
  discountPercent: number;
}

/** `ContactDto` (visma-net.md §7.2, selection). `businessAccount` is the customer number. */
export interface ContactDto extends TimestampedDto {
  /** Integer contact id: the key of `/v1/contact/{contactId}`. */
  contactId: number;
  /** Full name as displayed (first and last name). */
  displayName: string;
  /** Whether the contact is active; inactive ones are still listed. */
  active: boolean;
  /** Salutation, e.g. `Ms.`. */
  title?: string;
  /** Given name. */
  firstName?: string;
  /** Family name (required). */
  lastName: string;
  /** Job title. */
  position?: string;
  /** Customer number the contact belongs to; omitted for a free contact. */
  businessAccount?: string;
  /** Kind of `businessAccount`; only customers in the lookalike. */
  businessAccountType?: 'Customer';
  /** E-mail address. */
  email?: string;
  /** Primary phone number. */
  phone1?: string;
  /** Secondary phone number. */
  phone2?: string;
}

/** A line of a customer invoice (visma-net.md §7.3 `invoiceLines[]`, read side). */
export interface InvoiceLineDto {
  /** Line number, 1-based; identifies the line in updates. */
  lineNumber: number;
  /** Inventory item number, when the line sells an item. */
  inventoryNumber?: string;
  /** Line text. */
  description?: string;
  /** Quantity in `uom` units. */
  quantity: number;
  /** Unit price in the document currency, before discount. */
  unitPriceInCurrency: number;
  /** Manually set line amount; when present it replaces the computed one. */
  manualAmountInCurrency?: number;
  /** Line amount excl. VAT: `manualAmountInCurrency`, or quantity × unit price × (1 − discount), rounded to 2 decimals. */
  amountInCurrency: number;
  /** Line discount in percent (0 when none). */
  discountPercent: number;
  /** Unit of measure of `quantity`. */
  uom?: string;
  /** Sales (GL) account number the line posts to. */
  accountNumber?: string;
  /** VAT code id of the line. */
  vatCodeId?: string;
  /** Subaccount segments `{segmentId, segmentValue}`. */
  subaccount?: unknown[];
}

/** `AttachmentDto` (visma-net.md §7.6). */
export interface AttachmentDto {
  /** File name; a re-upload with the same name adds a revision. */
  name: string;
  /** Attachment id, for `GET /v1/attachment/{id}`. */
  id: string;
  /** Current revision, starting at 1 (visma-net.md §7.6). */
  revision: number;
}

/** `CustomerInvoiceDto` (visma-net.md §7.3 read fields, selection). */
export interface CustomerInvoiceDto extends TimestampedDto {
  /** Invoice number (refNbr): the key of `/v1/customerinvoice/{invoiceNumber}`. */
  referenceNumber: string;
  /** Always `Invoice` here (credit notes are another resource). */
  documentType: 'Invoice';
  /** `Hold` while `hold` is set, else `Balanced`; `Open`/`Closed` once released, after which it cannot be changed. */
  status: 'Hold' | 'Balanced' | 'Open' | 'Closed';
  /** Whether the invoice is on hold (not releasable). */
  hold: boolean;
  /** The invoiced customer. */
  customer: {
    /** Customer number. */
    number: string;
    /** Customer name at the time of reading. */
    name: string;
  };
  /** Invoice date, `yyyy-MM-ddT00:00:00`. */
  documentDate: string;
  /** Due date, same format. */
  documentDueDate: string;
  /** Document currency, e.g. `NOK`. */
  currencyId: string;
  /** Total incl. VAT in base currency (equal to `amountInCurrency` in the lookalike). */
  amount: number;
  /** Total incl. VAT in the document currency. */
  amountInCurrency: number;
  /** Unpaid amount in base currency. */
  balance: number;
  /** Unpaid amount in the document currency. */
  balanceInCurrency: number;
  /** VAT amount (25% of the line total in the lookalike). */
  vatTotal: number;
  /** The invoice lines. */
  invoiceLines: InvoiceLineDto[];
  /** Uploaded attachments, with their current revision. */
  attachments: AttachmentDto[];
  /** Credit terms; defaults to the customer's. */
  creditTerms?: IdDescriptionDto;
  /** Payment reference (e.g. KID) the payer quotes. */
  paymentReference?: string;
  /** The customer's own reference, e.g. their order number. */
  customerRefNumber?: string;
  /** Reference in an external system; useful as a sync key for invoices we create. */
  externalReference?: string;
  /** Header text printed on the invoice. */
  invoiceText?: string;
  /** Financial period `YYYYMM`, from the document date unless set. */
  financialPeriod: string;
}

/** `SupplierDto` (visma-net.md §7.5, selection mirroring the customer). */
export interface SupplierDto extends TimestampedDto {
  /** Stable integer id: the sync key, as for customers. */
  internalId: number;
  /** Supplier number (supplierCd): the human key. */
  number: string;
  /** Supplier name. */
  name: string;
  /** Same values as a customer's status. */
  status: CustomerStatus;
  /** Main (postal) address. */
  mainAddress: AddressDto;
  /** Main contact info. */
  mainContact: ContactInfoDto;
  /** Supplier class. */
  supplierClass?: IdDescriptionDto;
  /** Default credit terms. */
  creditTerms?: IdDescriptionDto;
  /** Default currency, e.g. `NOK`. */
  currencyId?: string;
  /** Organisation number. */
  corporateId?: string;
  /** VAT registration number. */
  vatRegistrationId?: string;
}
