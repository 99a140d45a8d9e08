import { z } from 'zod';
import {
  type Address,
  addressSchema,
  type ContactInfo,
  contactInfoSchema,
  type IdDescription,
  idDescriptionSchema,
  type NumberName,
  numberNameSchema,
  optionalFlag,
  optionalNumber,
  optionalText,
  recordStampFields,
} from '../shared-schemas.js';

/** Customer statuses, also the values of the `status` list filter (visma-net.md §7.1). */
export type CustomerStatus = 'Active' | 'OnHold' | 'CreditHold' | 'Inactive' | 'OneTime';

/**
 * A customer as read (`CustomerDto`, §7.1). Only `internalId`, `number` and `name` are required; every other field
 * may be missing or null, and fields this client does not model are kept.
 */
export interface Customer {
  /** Stable internal id: the sync key (§7.1). */
  readonly internalId: number;
  /** Customer number (customerCd): the human key, which can change. */
  readonly number: string;
  /** Customer name. */
  readonly name: string;
  /** Status, one of {@link CustomerStatus}. */
  readonly status?: string | null | undefined;
  /** Main address. */
  readonly mainAddress?: Address | null | undefined;
  /** Invoice address. */
  readonly invoiceAddress?: Address | null | undefined;
  /** Delivery address. */
  readonly deliveryAddress?: Address | null | undefined;
  /** Main contact details. */
  readonly mainContact?: ContactInfo | null | undefined;
  /** Invoice contact details. */
  readonly invoiceContact?: ContactInfo | null | undefined;
  /** Delivery contact details. */
  readonly deliveryContact?: ContactInfo | null | undefined;
  /** Account reference. */
  readonly accountReference?: string | null | undefined;
  /** Parent customer. */
  readonly parentRecord?: NumberName | null | undefined;
  /** Customer class (write: `customerClassId`). */
  readonly customerClass?: IdDescription | null | undefined;
  /** Credit terms (write: `creditTermsId`). */
  readonly creditTerms?: IdDescription | null | undefined;
  /** Currency, e.g. `NOK`. */
  readonly currencyId?: string | null | undefined;
  /** Credit verification mode. */
  readonly creditVerification?: string | null | undefined;
  /** Credit limit. */
  readonly creditLimit?: number | null | undefined;
  /** Days past due before credit hold. */
  readonly creditDaysPastDue?: number | null | undefined;
  /** Print invoices. */
  readonly printInvoices?: boolean | null | undefined;
  /** Accept AutoInvoice. */
  readonly acceptAutoInvoices?: boolean | null | undefined;
  /** Send invoices by e-mail. */
  readonly sendInvoicesByEmail?: boolean | null | undefined;
  /** Send dunning letters by e-mail (the API's spelling). */
  readonly sendDunningLettersViaEMail?: boolean | null | undefined;
  /** Print dunning letters. */
  readonly printDunningLetters?: boolean | null | undefined;
  /** Print statements. */
  readonly printStatements?: boolean | null | undefined;
  /** Send statements by e-mail. */
  readonly sendStatementsByEmail?: boolean | null | undefined;
  /** Print multi-currency statements. */
  readonly printMultiCurrencyStatements?: boolean | null | undefined;
  /** Statement type. */
  readonly statementType?: string | null | undefined;
  /** VAT registration id. */
  readonly vatRegistrationId?: string | null | undefined;
  /** Organisation number. */
  readonly corporateId?: string | null | undefined;
  /** Global Location Number. */
  readonly gln?: string | null | undefined;
  /** VAT zone (write: `vatZoneId`). */
  readonly vatZone?: IdDescription | null | undefined;
  /** Price class (write: `priceClassId`). */
  readonly priceClass?: IdDescription | null | undefined;
  /** Invoice to the default location. */
  readonly invoiceToDefaultLocation?: boolean | null | undefined;
  /** Default payment method id. */
  readonly defaultPaymentMethodId?: string | null | undefined;
  /** Number of employees. */
  readonly numberOfEmployees?: number | null | undefined;
  /** Excluded from debt collection. */
  readonly excludeDebtCollection?: boolean | null | undefined;
  /** Last change, zone-less or with offset (§6). */
  readonly lastModifiedDateTime?: string | null | undefined;
  /** Creation time. */
  readonly createdDateTime?: string | null | undefined;
  /** Concurrency token, equal to the ETag (§5.4). */
  readonly timeStamp?: string | null | undefined;
  /** Fields this client does not model (e.g. `attributes`, `glAccounts`), kept as received. */
  readonly [field: string]: unknown;
}

/** Validates a {@link Customer}. */
export const customerSchema: z.ZodType<Customer> = z.looseObject({
  internalId: z.number().int(),
  number: z.string(),
  name: z.string(),
  status: optionalText,
  mainAddress: addressSchema.nullish(),
  invoiceAddress: addressSchema.nullish(),
  deliveryAddress: addressSchema.nullish(),
  mainContact: contactInfoSchema.nullish(),
  invoiceContact: contactInfoSchema.nullish(),
  deliveryContact: contactInfoSchema.nullish(),
  accountReference: optionalText,
  parentRecord: numberNameSchema.nullish(),
  customerClass: idDescriptionSchema.nullish(),
  creditTerms: idDescriptionSchema.nullish(),
  currencyId: optionalText,
  creditVerification: optionalText,
  creditLimit: optionalNumber,
  creditDaysPastDue: optionalNumber,
  printInvoices: optionalFlag,
  acceptAutoInvoices: optionalFlag,
  sendInvoicesByEmail: optionalFlag,
  sendDunningLettersViaEMail: optionalFlag,
  printDunningLetters: optionalFlag,
  printStatements: optionalFlag,
  sendStatementsByEmail: optionalFlag,
  printMultiCurrencyStatements: optionalFlag,
  statementType: optionalText,
  vatRegistrationId: optionalText,
  corporateId: optionalText,
  gln: optionalText,
  vatZone: idDescriptionSchema.nullish(),
  priceClass: idDescriptionSchema.nullish(),
  invoiceToDefaultLocation: optionalFlag,
  defaultPaymentMethodId: optionalText,
  numberOfEmployees: optionalNumber,
  excludeDebtCollection: optionalFlag,
  ...recordStampFields,
});
