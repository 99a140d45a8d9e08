import type { TimestampedDto } from './record-table.js';

/**
 * Read DTOs as the API returns them (visma-net.md §7; field selection per Pionect `CustomerDto`, `ContactDto`, …).
 * Read DTOs are not DtoValue-wrapped (§5.2). Optional fields are omitted from the JSON when empty.
 */

/** `{id, name}` of a country (visma-net.md §5.2: read `country:{id,name}` vs write `countryId`). */
export interface CountryDto {
  id: string;
  name: string;
}

/** An address of a customer, supplier or contact (visma-net.md §7.1 `mainAddress{…}`). */
export interface AddressDto {
  addressId: number;
  addressLine1?: string;
  addressLine2?: string;
  addressLine3?: string;
  postalCode?: string;
  city?: string;
  country?: CountryDto;
  county?: string;
}

/** Contact info embedded in a customer or supplier (visma-net.md §7.1 `mainContact{…}`). */
export interface ContactInfoDto {
  contactId: number;
  name?: string;
  attention?: string;
  email?: string;
  web?: string;
  phone1?: string;
  phone2?: string;
  fax?: string;
}

/** `{id, description}` reference (customer class, credit terms, supplier class). */
export interface IdDescriptionDto {
  id: string;
  description: string;
}

/** Customer status values (visma-net.md §7.1 list filters). */
export const CUSTOMER_STATUSES = ['Active', 'OnHold', 'CreditHold', 'Inactive', 'OneTime'] as const;
/** A customer's status. */
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** `CustomerDto` (visma-net.md §7.1, selection). */
export interface CustomerDto extends TimestampedDto {
  internalId: number;
  number: string;
  name: string;
  status: CustomerStatus;
  mainAddress: AddressDto;
  invoiceAddress: AddressDto;
  deliveryAddress: AddressDto;
  mainContact: ContactInfoDto;
  invoiceContact: ContactInfoDto;
  deliveryContact: ContactInfoDto;
  accountReference?: string;
  customerClass?: IdDescriptionDto;
  creditTerms?: IdDescriptionDto;
  currencyId?: string;
  creditLimit?: number;
  corporateId?: string;
  vatRegistrationId?: string;
  note?: string;
  gln?: string;
}

/** `CustomerClassDto` (visma-net.md §7.1 "Customer class"). */
export interface CustomerClassDto {
  id: string;
  description: string;
  taxZoneId: string;
  requiredTaxzoneId: boolean;
  paymentMethodId: string;
  attributes: unknown[];
}

/** `CreditTermDto` (served as `BasePaginationDto`, visma-net.md §6). Fields beyond id/description are [infer]. */
export interface CreditTermDto {
  id: string;
  description: string;
  dueDateType: string;
  dueDays: number;
  discountDays: number;
  discountPercent: number;
}

/** `ContactDto` (visma-net.md §7.2, selection). `businessAccount` is the customer number. */
export interface ContactDto extends TimestampedDto {
  contactId: number;
  displayName: string;
  active: boolean;
  title?: string;
  firstName?: string;
  lastName: string;
  position?: string;
  businessAccount?: string;
  businessAccountType?: 'Customer';
  email?: string;
  phone1?: string;
  phone2?: string;
}

/** A line of a customer invoice (visma-net.md §7.3 `invoiceLines[]`, read side). */
export interface InvoiceLineDto {
  lineNumber: number;
  inventoryNumber?: string;
  description?: string;
  quantity: number;
  unitPriceInCurrency: number;
  manualAmountInCurrency?: number;
  amountInCurrency: number;
  discountPercent: number;
  uom?: string;
  accountNumber?: string;
  vatCodeId?: string;
  subaccount?: unknown[];
}

/** `AttachmentDto` (visma-net.md §7.6). */
export interface AttachmentDto {
  name: string;
  id: string;
  revision: number;
}

/** `CustomerInvoiceDto` (visma-net.md §7.3 read fields, selection). */
export interface CustomerInvoiceDto extends TimestampedDto {
  referenceNumber: string;
  documentType: 'Invoice';
  status: 'Hold' | 'Balanced' | 'Open' | 'Closed';
  hold: boolean;
  customer: { number: string; name: string };
  documentDate: string;
  documentDueDate: string;
  currencyId: string;
  amount: number;
  amountInCurrency: number;
  balance: number;
  balanceInCurrency: number;
  vatTotal: number;
  invoiceLines: InvoiceLineDto[];
  attachments: AttachmentDto[];
  creditTerms?: IdDescriptionDto;
  paymentReference?: string;
  customerRefNumber?: string;
  externalReference?: string;
  invoiceText?: string;
  financialPeriod: string;
}

/** `SupplierDto` (visma-net.md §7.5, selection mirroring the customer). */
export interface SupplierDto extends TimestampedDto {
  internalId: number;
  number: string;
  name: string;
  status: CustomerStatus;
  mainAddress: AddressDto;
  mainContact: ContactInfoDto;
  supplierClass?: IdDescriptionDto;
  creditTerms?: IdDescriptionDto;
  currencyId?: string;
  corporateId?: string;
  vatRegistrationId?: string;
}
