import { z } from 'zod';
import {
  type Address,
  addressSchema,
  type ContactInfo,
  contactInfoSchema,
  type IdDescription,
  idDescriptionSchema,
  optionalNumber,
  optionalText,
  recordStampFields,
} from '../shared-schemas.js';

/**
 * A supplier as read (`/supplier`, visma-net.md §7.5); `number` and `name` are required. The field list mirrors the
 * customer's and is [infer]: the reference lists supplier endpoints but not the DTO. Unknown fields are kept.
 */
export interface Supplier {
  /** Internal id, when the API sends it. */
  readonly internalId?: number | null | undefined;
  /** Supplier number. */
  readonly number: string;
  /** Supplier name. */
  readonly name: string;
  /** Status. */
  readonly status?: string | null | undefined;
  /** Main address. */
  readonly mainAddress?: Address | null | undefined;
  /** Remit-to address. */
  readonly remitAddress?: Address | null | undefined;
  /** Main contact details. */
  readonly mainContact?: ContactInfo | null | undefined;
  /** Remit-to contact details. */
  readonly remitContact?: ContactInfo | null | undefined;
  /** Supplier class (write: `supplierClassId`). */
  readonly supplierClass?: IdDescription | null | undefined;
  /** Credit terms (write: `creditTermsId`). */
  readonly creditTerms?: IdDescription | null | undefined;
  /** Currency, e.g. `NOK`. */
  readonly currencyId?: string | null | undefined;
  /** VAT registration id. */
  readonly vatRegistrationId?: string | null | undefined;
  /** Organisation number. */
  readonly corporateId?: string | null | undefined;
  /** Last change (§6). */
  readonly lastModifiedDateTime?: string | null | undefined;
  /** Creation time. */
  readonly createdDateTime?: string | null | undefined;
  /** Concurrency token, equal to the ETag (§5.4). */
  readonly timeStamp?: string | null | undefined;
  /** Fields this client does not model, kept as received. */
  readonly [field: string]: unknown;
}

/** Validates a {@link Supplier}. */
export const supplierSchema: z.ZodType<Supplier> = z.looseObject({
  internalId: optionalNumber,
  number: z.string(),
  name: z.string(),
  status: optionalText,
  mainAddress: addressSchema.nullish(),
  remitAddress: addressSchema.nullish(),
  mainContact: contactInfoSchema.nullish(),
  remitContact: contactInfoSchema.nullish(),
  supplierClass: idDescriptionSchema.nullish(),
  creditTerms: idDescriptionSchema.nullish(),
  currencyId: optionalText,
  vatRegistrationId: optionalText,
  corporateId: optionalText,
  ...recordStampFields,
});
