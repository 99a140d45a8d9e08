/**
 * Building blocks of the write types, in write-DTO field names (visma-net.md §5.2, §7). Leave a field out (or set it
 * to `undefined`) to leave it unchanged: PUT is partial. Set a text field to `""` to clear it.
 */

/** An address to write: `countryId` where the read side has `country{id,name}` (§5.2). */
export interface AddressWrite {
  /** First address line. */
  readonly addressLine1?: string | undefined;
  /** Second address line. */
  readonly addressLine2?: string | undefined;
  /** Third address line. */
  readonly addressLine3?: string | undefined;
  /** Postal code. */
  readonly postalCode?: string | undefined;
  /** City. */
  readonly city?: string | undefined;
  /** ISO country code, e.g. `NO`. */
  readonly countryId?: string | undefined;
  /** County (region) id. */
  readonly county?: string | undefined;
}

/** Contact details to write into a customer or supplier (`mainContact`, `invoiceContact`, …). */
export interface ContactInfoWrite {
  /** Contact name. */
  readonly name?: string | undefined;
  /** Attention line. */
  readonly attention?: string | undefined;
  /** E-mail address. */
  readonly email?: string | undefined;
  /** Web site. */
  readonly web?: string | undefined;
  /** First phone number. */
  readonly phone1?: string | undefined;
  /** Second phone number. */
  readonly phone2?: string | undefined;
  /** Fax number. */
  readonly fax?: string | undefined;
}

/** What to do with a line of a line array: sent unwrapped (§5.2). */
export type LineOperation = 'Insert' | 'Update' | 'Delete';

/** One segment of a subaccount, sent unwrapped (§5.2). */
export interface SubaccountSegment {
  /** The segment's position in the subaccount structure. */
  readonly segmentId: number;
  /** The segment value, e.g. a department code. */
  readonly segmentValue: string;
}

/** An attribute line (`attributeLines`); its fields are wrapped, `operation` is not. */
export interface AttributeLineWrite {
  /** Insert, update or delete this attribute value. */
  readonly operation: LineOperation;
  /** The attribute's id. */
  readonly attributeId?: string | undefined;
  /** The attribute's value. */
  readonly attributeValue?: string | undefined;
}

/** A direct debit line (`directDebitLines`). Its fields are not modelled here: pass the write-DTO field names. */
export interface DirectDebitLineWrite {
  /** Insert, update or delete this mandate. */
  readonly operation: LineOperation;
  /** Any other write-DTO field of the line (wrapped on the wire). */
  readonly [field: string]: string | number | boolean | undefined;
}
