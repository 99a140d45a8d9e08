import { z } from 'zod';
import type { CustomFields } from '../udf/custom-fields.js';
import {
  type AssociateRef,
  associateRefSchema,
  commonEntityFields,
  type EntityElement,
  entityElementSchema,
  optionalFlag,
  optionalNumber,
  optionalText,
} from './shared-schemas.js';

/** A reference to the company a person belongs to. */
export interface PersonContactRef {
  /** The company id. */
  readonly ContactId?: number | null | undefined;
  /** The company name. */
  readonly Name?: string | null | undefined;
  /** Fields this client does not model. */
  readonly [field: string]: unknown;
}

/** A person as read (`PersonEntity`, superoffice.md §9); only `PersonId` is required. */
export interface Person {
  /** Primary key. */
  readonly PersonId: number;
  /** First name. */
  readonly Firstname?: string | null | undefined;
  /** Middle name. */
  readonly MiddleName?: string | null | undefined;
  /** Last name. */
  readonly Lastname?: string | null | undefined;
  /** Full name as displayed. */
  readonly FullName?: string | null | undefined;
  /** Job title. */
  readonly Title?: string | null | undefined;
  /** Person number. */
  readonly PersonNumber?: string | null | undefined;
  /** The company. */
  readonly Contact?: PersonContactRef | null | undefined;
  /** E-mail addresses. */
  readonly Emails?: readonly EntityElement[] | null | undefined;
  /** Office phones. */
  readonly OfficePhones?: readonly EntityElement[] | null | undefined;
  /** Mobile phones. */
  readonly MobilePhones?: readonly EntityElement[] | null | undefined;
  /** Whether the person is a user (never move such a person, §12). */
  readonly IsAssociate?: boolean | null | undefined;
  /** Retired flag. */
  readonly Retired?: boolean | null | undefined;
  /** Owner. */
  readonly Associate?: AssociateRef | null | undefined;
  /** Creation time. */
  readonly CreatedDate?: string | null | undefined;
  /** Last update. */
  readonly UpdatedDate?: string | null | undefined;
  /** UDFs and extra fields. */
  readonly CustomFields?: CustomFields | null | undefined;
  /** Fields this client does not model, kept as received. */
  readonly [field: string]: unknown;
}

/** Validates a {@link Person}. */
export const personSchema: z.ZodType<Person> = z.looseObject({
  PersonId: z.number().int(),
  Firstname: optionalText,
  MiddleName: optionalText,
  Lastname: optionalText,
  FullName: optionalText,
  Title: optionalText,
  PersonNumber: optionalText,
  Contact: z.looseObject({ ContactId: optionalNumber, Name: optionalText }).nullish(),
  Emails: z.array(entityElementSchema).nullish(),
  OfficePhones: z.array(entityElementSchema).nullish(),
  MobilePhones: z.array(entityElementSchema).nullish(),
  IsAssociate: optionalFlag,
  Retired: optionalFlag,
  Associate: associateRefSchema.nullish(),
  ...commonEntityFields,
});

/** Fields to set when creating or changing a person. Set the privacy source (`API`) on new persons (§12). */
export interface PersonWrite {
  /** First name. */
  readonly Firstname?: string;
  /** Middle name. */
  readonly MiddleName?: string;
  /** Last name. */
  readonly Lastname?: string;
  /** Job title. */
  readonly Title?: string;
  /** The company, by id. */
  readonly Contact?: {
    /** Id of the company (contact) the person belongs to. */
    readonly ContactId: number;
  };
  /** E-mail addresses (the whole array is replaced). */
  readonly Emails?: readonly EntityElement[];
  /** Office phones (the whole array is replaced). */
  readonly OfficePhones?: readonly EntityElement[];
  /** Mobile phones (the whole array is replaced). */
  readonly MobilePhones?: readonly EntityElement[];
  /** UDF and extra-field values by ProgId, already encoded. */
  readonly CustomFields?: Readonly<Record<string, string>>;
  /** Any other entity field. */
  readonly [field: string]: unknown;
}
