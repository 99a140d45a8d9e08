import type { ContactWrite, PersonWrite, SaleWrite } from '@databridge/superoffice-client';
import type { ContactCreate, CustomerCreate } from '@databridge/visma-client';
import { z } from 'zod';

/**
 * Zod schemas of the client write types. Neither client exports a zod *write* schema (their zod schemas are read
 * schemas), so these mirror the write interfaces and are typed against them: a drift fails type checking here.
 * Visma write DTOs are strict (an unknown field is a mapping mistake); SuperOffice writes allow any entity field.
 */

const text = z.string().optional();
const flag = z.boolean().optional();
const number = z.number().optional();

const address = z.strictObject({
  addressLine1: text,
  addressLine2: text,
  addressLine3: text,
  postalCode: text,
  city: text,
  countryId: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as NO')
    .optional(),
  county: text,
});

const contactInfo = z.strictObject({
  name: text,
  attention: text,
  email: z.email().optional(),
  web: text,
  phone1: text,
  phone2: text,
  fax: text,
});

/** Visma `CustomerCreate` (visma-net.md §7.1); attribute and direct debit lines are not modelled. */
export const vismaCustomerCreateSchema: z.ZodType<CustomerCreate> = z.strictObject({
  number: text,
  name: z.string().min(1),
  status: z.enum(['Active', 'OnHold', 'CreditHold', 'Inactive', 'OneTime']).optional(),
  accountReference: text,
  numberOfEmployees: number,
  parentRecordNumber: text,
  currencyId: text,
  creditLimit: number,
  creditDaysPastDue: number,
  customerClassId: text,
  creditTermsId: text,
  creditVerification: text,
  statementType: text,
  priceClassId: text,
  overrideWithClassValues: flag,
  printInvoices: flag,
  acceptAutoInvoices: flag,
  sendInvoicesByEmail: flag,
  sendDunningLettersViaEMail: flag,
  printDunningLetters: flag,
  printStatements: flag,
  sendStatementsByEmail: flag,
  printMultiCurrencyStatements: flag,
  invoiceToDefaultLocation: flag,
  vatRegistrationId: text,
  corporateId: text,
  vatZoneId: text,
  gln: text,
  mainAddress: address.optional(),
  invoiceAddress: address.optional(),
  deliveryAddress: address.optional(),
  mainContact: contactInfo.optional(),
  invoiceContact: contactInfo.optional(),
  deliveryContact: contactInfo.optional(),
  note: text,
  defaultPaymentMethod: text,
  overrideNumberSeries: flag,
  excludeDebtCollection: flag,
});

/** Visma `ContactCreate` (visma-net.md §7.2). */
export const vismaContactCreateSchema: z.ZodType<ContactCreate> = z.strictObject({
  active: flag,
  title: text,
  firstName: text,
  lastName: text,
  position: text,
  businessAccount: text,
  sameAsAccount: flag,
  address: address.optional(),
  email: z.email().optional(),
  web: text,
  phone1: text,
  phone2: text,
  phone3: text,
  fax: text,
  contactMethod: text,
  doNotCall: flag,
  doNotFax: flag,
  doNotEmail: flag,
  doNotMail: flag,
  noMassMail: flag,
  noMarketing: flag,
});

const element = z.looseObject({ Value: z.string().optional(), Description: z.string().optional() });
const id = z.number().int().positive();
const customFields = z.record(z.string(), z.string()).exactOptional();
const soText = z.string().exactOptional();
const soNumber = z.number().exactOptional();

/** SuperOffice `ContactWrite` (superoffice.md §9). */
export const superOfficeContactWriteSchema: z.ZodType<ContactWrite> = z.looseObject({
  Name: z.string().min(1).max(219).exactOptional(),
  Department: z.string().max(219).exactOptional(),
  OrgNr: z.string().max(49).exactOptional(),
  Number1: soText,
  Number2: soText,
  Emails: z.array(element).exactOptional(),
  Phones: z.array(element).exactOptional(),
  Address: z.record(z.string(), z.unknown()).exactOptional(),
  Country: z.strictObject({ CountryId: id }).exactOptional(),
  Business: z.strictObject({ Id: id }).exactOptional(),
  Category: z.strictObject({ Id: id }).exactOptional(),
  Associate: z.strictObject({ AssociateId: id }).exactOptional(),
  CustomFields: customFields,
});

/** SuperOffice `PersonWrite` (superoffice.md §9). */
export const superOfficePersonWriteSchema: z.ZodType<PersonWrite> = z.looseObject({
  Firstname: soText,
  MiddleName: soText,
  Lastname: soText,
  Title: soText,
  Contact: z.strictObject({ ContactId: id }).exactOptional(),
  Emails: z.array(element).exactOptional(),
  OfficePhones: z.array(element).exactOptional(),
  MobilePhones: z.array(element).exactOptional(),
  CustomFields: customFields,
});

/** SuperOffice `SaleWrite` (superoffice.md §9). */
export const superOfficeSaleWriteSchema: z.ZodType<SaleWrite> = z.looseObject({
  Heading: z.string().min(1).exactOptional(),
  Amount: soNumber,
  Saledate: soText,
  Status: z.enum(['Unknown', 'Open', 'Sold', 'Lost', 'Stalled']).exactOptional(),
  Contact: z.strictObject({ ContactId: id }).exactOptional(),
  CustomFields: customFields,
});
