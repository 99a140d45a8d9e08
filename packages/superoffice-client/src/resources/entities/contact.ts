import { z } from 'zod';
import type { CustomFields } from '../udf/custom-fields.js';
import {
  type AssociateRef,
  addressSchema,
  associateRefSchema,
  type CountryRef,
  commonEntityFields,
  countryRefSchema,
  type EntityAddress,
  type EntityElement,
  entityElementSchema,
  type ListRef,
  listRefSchema,
  optionalNumber,
  optionalText,
} from './shared-schemas.js';

/** A company as read (`ContactEntity`, superoffice.md §9); only `ContactId` and `Name` are required. */
export interface Contact {
  /** Primary key. */
  readonly ContactId: number;
  /** Company name (≤ 219 chars). */
  readonly Name: string;
  /** Department (≤ 219 chars). */
  readonly Department?: string | null | undefined;
  /** VAT / organisation number (≤ 49 chars). */
  readonly OrgNr?: string | null | undefined;
  /** "Code" in the UI; the ERP customer number in the default ERP mapping (§21). */
  readonly Number1?: string | null | undefined;
  /** "Number" in the UI. */
  readonly Number2?: string | null | undefined;
  /** E-mail addresses. */
  readonly Emails?: readonly EntityElement[] | null | undefined;
  /** Phone numbers. */
  readonly Phones?: readonly EntityElement[] | null | undefined;
  /** Web addresses. */
  readonly Urls?: readonly EntityElement[] | null | undefined;
  /** Street and postal address. */
  readonly Address?: EntityAddress | null | undefined;
  /** Country. */
  readonly Country?: CountryRef | null | undefined;
  /** Business (list reference). */
  readonly Business?: ListRef | null | undefined;
  /** Category (list reference). */
  readonly Category?: ListRef | null | undefined;
  /** Owner ("Our contact"). */
  readonly Associate?: AssociateRef | null | undefined;
  /** Soft-delete flag (an int, §9). */
  readonly Deleted?: number | null | undefined;
  /** Creation time (UTC per the docs). */
  readonly CreatedDate?: string | null | undefined;
  /** Last update (UTC per the docs). */
  readonly UpdatedDate?: string | null | undefined;
  /** UDFs and extra fields (§11). */
  readonly CustomFields?: CustomFields | null | undefined;
  /** Fields this client does not model, kept as received. */
  readonly [field: string]: unknown;
}

/** Validates a {@link Contact}. */
export const contactSchema: z.ZodType<Contact> = z.looseObject({
  ContactId: z.number().int(),
  Name: z.string(),
  Department: optionalText,
  OrgNr: optionalText,
  Number1: optionalText,
  Number2: optionalText,
  Emails: z.array(entityElementSchema).nullish(),
  Phones: z.array(entityElementSchema).nullish(),
  Urls: z.array(entityElementSchema).nullish(),
  Address: addressSchema.nullish(),
  Country: countryRefSchema.nullish(),
  Business: listRefSchema.nullish(),
  Category: listRefSchema.nullish(),
  Associate: associateRefSchema.nullish(),
  Deleted: optionalNumber,
  ...commonEntityFields,
});

/** Fields to set when creating or changing a company; nested objects are merged into the current value. */
export interface ContactWrite {
  /** Company name. Never rename the owner company (§12). */
  readonly Name?: string;
  /** Department. */
  readonly Department?: string;
  /** VAT / organisation number. */
  readonly OrgNr?: string;
  /** "Code". */
  readonly Number1?: string;
  /** "Number". */
  readonly Number2?: string;
  /** E-mail addresses (the whole array is replaced). */
  readonly Emails?: readonly EntityElement[];
  /** Phone numbers (the whole array is replaced). */
  readonly Phones?: readonly EntityElement[];
  /** Address parts to merge, e.g. `{ Postal: { City: 'Oslo' } }`. */
  readonly Address?: Readonly<Record<string, unknown>>;
  /** Country, by id. */
  readonly Country?: {
    /** Id of a Country list item (superoffice.md §10). */
    readonly CountryId: number;
  };
  /** Business, by list item id. */
  readonly Business?: {
    /** Id of a Business list item. */
    readonly Id: number;
  };
  /** Category, by list item id. */
  readonly Category?: {
    /** Id of a Category list item. */
    readonly Id: number;
  };
  /** Owner, by associate id. */
  readonly Associate?: {
    /** Associate id of the owning user. */
    readonly AssociateId: number;
  };
  /** UDF and extra-field values by ProgId, already encoded (see `encodeUdf`, `withCustomField`). */
  readonly CustomFields?: Readonly<Record<string, string>>;
  /** Any other entity field. */
  readonly [field: string]: unknown;
}
