import type { AddressWrite, ContactInfoWrite } from '../shared-writes.js';

/**
 * The fields of the supplier update DTO, unwrapped: the resource wraps them in DtoValue. Modelled on
 * `CustomerUpdateDto` ([infer], visma-net.md §7.5 lists no supplier fields). All are optional: PUT is partial.
 */
export interface SupplierUpdate {
  /** Supplier number. Send it on create only with `overrideNumberSeries: true` (§5.2). */
  readonly number?: string | undefined;
  /** Supplier name. */
  readonly name?: string | undefined;
  /** Status, e.g. `Active`. */
  readonly status?: string | undefined;
  /** Supplier class id. */
  readonly supplierClassId?: string | undefined;
  /** Credit terms id. */
  readonly creditTermsId?: string | undefined;
  /** Currency, e.g. `NOK`. */
  readonly currencyId?: string | undefined;
  /** VAT registration id. */
  readonly vatRegistrationId?: string | undefined;
  /** Organisation number. */
  readonly corporateId?: string | undefined;
  /** VAT zone id. */
  readonly vatZoneId?: string | undefined;
  /** Payment method id. */
  readonly paymentMethodId?: string | undefined;
  /** Main address. */
  readonly mainAddress?: AddressWrite | undefined;
  /** Remit-to address. */
  readonly remitAddress?: AddressWrite | undefined;
  /** Main contact details. */
  readonly mainContact?: ContactInfoWrite | undefined;
  /** Remit-to contact details. */
  readonly remitContact?: ContactInfoWrite | undefined;
  /** Apply the supplier class defaults; sent unwrapped (§5.2). */
  readonly overrideWithClassValues?: boolean | undefined;
  /** Allow a manual `number` although the number series is automatic (§5.2). */
  readonly overrideNumberSeries?: boolean | undefined;
}

/** A new supplier: `name` is required. */
export interface SupplierCreate extends SupplierUpdate {
  /** Supplier name. */
  readonly name: string;
}
