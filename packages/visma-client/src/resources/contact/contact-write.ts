import type { AddressWrite } from '../shared-writes.js';

/**
 * The fields of `ContactUpdateDto` (visma-net.md §7.2), unwrapped: the resource wraps them in DtoValue. All are
 * optional, because PUT is partial.
 */
export interface ContactUpdate {
  /** Whether the contact is active. */
  readonly active?: boolean | undefined;
  /** Title, e.g. `Mr.`. */
  readonly title?: string | undefined;
  /** First name. */
  readonly firstName?: string | undefined;
  /** Last name. */
  readonly lastName?: string | undefined;
  /** Job title. */
  readonly position?: string | undefined;
  /** Number of the customer (or supplier) the contact belongs to. */
  readonly businessAccount?: string | undefined;
  /** Use the business account's address. */
  readonly sameAsAccount?: boolean | undefined;
  /** The contact's own address. */
  readonly address?: AddressWrite | undefined;
  /** E-mail address. */
  readonly email?: string | undefined;
  /** Web site. */
  readonly web?: string | undefined;
  /** First phone number. */
  readonly phone1?: string | undefined;
  /** Second phone number. */
  readonly phone2?: string | undefined;
  /** Third phone number. */
  readonly phone3?: string | undefined;
  /** Fax number. */
  readonly fax?: string | undefined;
  /** Preferred contact method. */
  readonly contactMethod?: string | undefined;
  /** Do not call. */
  readonly doNotCall?: boolean | undefined;
  /** Do not fax. */
  readonly doNotFax?: boolean | undefined;
  /** Do not e-mail. */
  readonly doNotEmail?: boolean | undefined;
  /** Do not send mail. */
  readonly doNotMail?: boolean | undefined;
  /** Exclude from mass mailings. */
  readonly noMassMail?: boolean | undefined;
  /** Exclude from marketing. */
  readonly noMarketing?: boolean | undefined;
}

/** A new contact; link it to a customer with `businessAccount`. */
export type ContactCreate = ContactUpdate;
