import { z } from 'zod';
import { type Address, addressSchema, optionalFlag, optionalText } from '../shared-schemas.js';

/**
 * A contact person as read (`ContactDto`, visma-net.md §7.2); only `contactId` is required. `businessAccount` is the
 * number of the customer (or supplier) the person belongs to.
 */
export interface Contact {
  /** Contact id. */
  readonly contactId: number;
  /** Full name as displayed. */
  readonly displayName?: string | null | undefined;
  /** Whether the contact is active. */
  readonly active?: boolean | null | undefined;
  /** Title, e.g. `Mr.`. */
  readonly title?: string | null | undefined;
  /** First name. */
  readonly firstName?: string | null | undefined;
  /** Last name. */
  readonly lastName?: string | null | undefined;
  /** Job title. */
  readonly position?: string | null | undefined;
  /** Number of the customer (or supplier) the contact belongs to. */
  readonly businessAccount?: string | null | undefined;
  /** Kind of business account, e.g. customer. */
  readonly businessAccountType?: string | null | undefined;
  /** Uses the business account's address. */
  readonly sameAsAccount?: boolean | null | undefined;
  /** The contact's own address. */
  readonly address?: Address | null | undefined;
  /** E-mail address. */
  readonly email?: string | null | undefined;
  /** Web site. */
  readonly web?: string | null | undefined;
  /** First phone number. */
  readonly phone1?: string | null | undefined;
  /** Second phone number. */
  readonly phone2?: string | null | undefined;
  /** Third phone number. */
  readonly phone3?: string | null | undefined;
  /** Fax number. */
  readonly fax?: string | null | undefined;
  /** Preferred contact method. */
  readonly contactMethod?: string | null | undefined;
  /** Do not call. */
  readonly doNotCall?: boolean | null | undefined;
  /** Do not fax. */
  readonly doNotFax?: boolean | null | undefined;
  /** Do not e-mail. */
  readonly doNotEmail?: boolean | null | undefined;
  /** Do not send mail. */
  readonly doNotMail?: boolean | null | undefined;
  /** Excluded from mass mailings. */
  readonly noMassMail?: boolean | null | undefined;
  /** Excluded from marketing. */
  readonly noMarketing?: boolean | null | undefined;
  /** Last change (§6). */
  readonly lastModifiedDateTime?: string | null | undefined;
  /** Concurrency token, equal to the ETag (§5.4). */
  readonly timeStamp?: string | null | undefined;
  /** Fields this client does not model, kept as received. */
  readonly [field: string]: unknown;
}

/** Validates a {@link Contact}. */
export const contactSchema: z.ZodType<Contact> = z.looseObject({
  contactId: z.number().int(),
  displayName: optionalText,
  active: optionalFlag,
  title: optionalText,
  firstName: optionalText,
  lastName: optionalText,
  position: optionalText,
  businessAccount: optionalText,
  businessAccountType: optionalText,
  sameAsAccount: optionalFlag,
  address: addressSchema.nullish(),
  email: optionalText,
  web: optionalText,
  phone1: optionalText,
  phone2: optionalText,
  phone3: optionalText,
  fax: optionalText,
  contactMethod: optionalText,
  doNotCall: optionalFlag,
  doNotFax: optionalFlag,
  doNotEmail: optionalFlag,
  doNotMail: optionalFlag,
  noMassMail: optionalFlag,
  noMarketing: optionalFlag,
  lastModifiedDateTime: optionalText,
  timeStamp: optionalText,
});
