import { z } from 'zod';

/**
 * Building blocks of the read schemas (visma-net.md §7). Read DTOs are not DtoValue-wrapped (§5.2). Every field
 * except a record's identity is optional and nullable because the API omits fields freely, and every object is
 * `z.looseObject`, so fields this client does not model are kept, not dropped.
 */

/** An optional text field. */
export const optionalText = z.string().nullish();
/** An optional number field. */
export const optionalNumber = z.number().nullish();
/** An optional boolean field. */
export const optionalFlag = z.boolean().nullish();

/** The change-tracking fields of a record (last change, creation time, concurrency token), to spread into its schema. */
export const recordStampFields = {
  lastModifiedDateTime: optionalText,
  createdDateTime: optionalText,
  timeStamp: optionalText,
};

/** A reference as read, e.g. `customerClass{id,description}` or `creditTerms{id,description}`. */
export interface IdDescription {
  /** The referenced record's id. */
  readonly id?: string | number | null | undefined;
  /** Its description. */
  readonly description?: string | null | undefined;
  /** Fields this client does not model, kept as received. */
  readonly [field: string]: unknown;
}

/** A `{number,name}` reference as read, e.g. an invoice's `customer` or a customer's `parentRecord`. */
export interface NumberName {
  /** The referenced record's number. */
  readonly number?: string | null | undefined;
  /** Its name. */
  readonly name?: string | null | undefined;
  /** Fields this client does not model, kept as received. */
  readonly [field: string]: unknown;
}

/** A `{id,name}` reference as read, e.g. an address's `country`. */
export interface IdName {
  /** The referenced record's id, e.g. `NO`. */
  readonly id?: string | null | undefined;
  /** Its name, e.g. `Norway`. */
  readonly name?: string | null | undefined;
  /** Fields this client does not model, kept as received. */
  readonly [field: string]: unknown;
}

/** An address as read: `country` is `{id,name}` where the write side has `countryId` (§5.2). */
export interface Address {
  /** Internal address id. */
  readonly addressId?: number | null | undefined;
  /** First address line. */
  readonly addressLine1?: string | null | undefined;
  /** Second address line. */
  readonly addressLine2?: string | null | undefined;
  /** Third address line. */
  readonly addressLine3?: string | null | undefined;
  /** Postal code. */
  readonly postalCode?: string | null | undefined;
  /** City. */
  readonly city?: string | null | undefined;
  /** Country, e.g. `{ id: 'NO', name: 'Norway' }`. */
  readonly country?: IdName | null | undefined;
  /** Fields this client does not model (e.g. `county`), kept as received. */
  readonly [field: string]: unknown;
}

/** Contact details embedded in a customer or supplier (`mainContact`, `invoiceContact`, …) as read. */
export interface ContactInfo {
  /** Internal contact id. */
  readonly contactId?: number | null | undefined;
  /** Contact name. */
  readonly name?: string | null | undefined;
  /** Attention line. */
  readonly attention?: string | null | undefined;
  /** E-mail address. */
  readonly email?: string | null | undefined;
  /** Web site. */
  readonly web?: string | null | undefined;
  /** First phone number. */
  readonly phone1?: string | null | undefined;
  /** Second phone number. */
  readonly phone2?: string | null | undefined;
  /** Fax number. */
  readonly fax?: string | null | undefined;
  /** Fields this client does not model, kept as received. */
  readonly [field: string]: unknown;
}

/** Validates an {@link IdDescription}. */
export const idDescriptionSchema: z.ZodType<IdDescription> = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  description: optionalText,
});

/** Validates a {@link NumberName}. */
export const numberNameSchema: z.ZodType<NumberName> = z.looseObject({
  number: optionalText,
  name: optionalText,
});

/** Validates an {@link IdName}. */
export const idNameSchema: z.ZodType<IdName> = z.looseObject({
  id: optionalText,
  name: optionalText,
});

/** Validates an {@link Address}. */
export const addressSchema: z.ZodType<Address> = z.looseObject({
  addressId: optionalNumber,
  addressLine1: optionalText,
  addressLine2: optionalText,
  addressLine3: optionalText,
  postalCode: optionalText,
  city: optionalText,
  country: idNameSchema.nullish(),
});

/** Validates a {@link ContactInfo}. */
export const contactInfoSchema: z.ZodType<ContactInfo> = z.looseObject({
  contactId: optionalNumber,
  name: optionalText,
  attention: optionalText,
  email: optionalText,
  web: optionalText,
  phone1: optionalText,
  phone2: optionalText,
  fax: optionalText,
});
