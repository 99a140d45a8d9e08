import { z } from 'zod';

/**
 * Building blocks of the entity read schemas (superoffice.md §9). Every field except an entity's identity is
 * optional and nullable, and every object is `z.looseObject`, so fields this client does not model are kept.
 */

/** An optional text field. */
export const optionalText = z.string().nullish();
/** An optional number field. */
export const optionalNumber = z.number().nullish();
/** An optional boolean field. */
export const optionalFlag = z.boolean().nullish();

/** A channel value (`Emails[]`, `Phones[]`, `Urls[]`): `EntityElement {Value, StrippedValue, Description}`. */
export interface EntityElement {
  /** The address or number as entered. */
  readonly Value?: string | null | undefined;
  /** The number stripped of formatting. */
  readonly StrippedValue?: string | null | undefined;
  /** Description, e.g. `Main`. */
  readonly Description?: string | null | undefined;
  /** Fields this client does not model. */
  readonly [field: string]: unknown;
}

/** Validates an {@link EntityElement}. */
export const entityElementSchema: z.ZodType<EntityElement> = z.looseObject({
  Value: optionalText,
  StrippedValue: optionalText,
  Description: optionalText,
});

/** A list reference on an entity (`Business`, `Category`, `SaleType`…): `{Id, Value, Tooltip}` (§9, §24 item 5). */
export interface ListRef {
  /** The list item id. */
  readonly Id?: number | null | undefined;
  /** Its display name. */
  readonly Value?: string | null | undefined;
  /** Its tooltip. */
  readonly Tooltip?: string | null | undefined;
  /** Fields this client does not model (Category adds `CategoryGroup`, `Rank`, `Deleted`). */
  readonly [field: string]: unknown;
}

/** Validates a {@link ListRef}. */
export const listRefSchema: z.ZodType<ListRef> = z.looseObject({
  Id: optionalNumber,
  Value: optionalText,
  Tooltip: optionalText,
});

/** A reference to an associate (user), e.g. a contact's `Associate` ("Our contact"). */
export interface AssociateRef {
  /** The associate id. */
  readonly AssociateId?: number | null | undefined;
  /** Login name. */
  readonly Name?: string | null | undefined;
  /** Full name. */
  readonly FullName?: string | null | undefined;
  /** Fields this client does not model. */
  readonly [field: string]: unknown;
}

/** Validates an {@link AssociateRef}. */
export const associateRefSchema: z.ZodType<AssociateRef> = z.looseObject({
  AssociateId: optionalNumber,
  Name: optionalText,
  FullName: optionalText,
});

/** A country as carried on entities and in the Country list (§9). */
export interface CountryRef {
  /** The country id. */
  readonly CountryId?: number | null | undefined;
  /** Localised name. */
  readonly Name?: string | null | undefined;
  /** English name. */
  readonly EnglishName?: string | null | undefined;
  /** ISO 3166 alpha-2, e.g. `NO`. */
  readonly TwoLetterISOCountry?: string | null | undefined;
  /** ISO 3166 alpha-3. */
  readonly ThreeLetterISOCountry?: string | null | undefined;
  /** Fields this client does not model. */
  readonly [field: string]: unknown;
}

/** Validates a {@link CountryRef}. */
export const countryRefSchema: z.ZodType<CountryRef> = z.looseObject({
  CountryId: optionalNumber,
  Name: optionalText,
  EnglishName: optionalText,
  TwoLetterISOCountry: optionalText,
  ThreeLetterISOCountry: optionalText,
});

/** An `Address` carrier: `{Street, Postal, Formatted, …}` of `StructuredAddress` parts, kept loose (§9). */
export type EntityAddress = Readonly<Record<string, unknown>>;

/** Validates an {@link EntityAddress}. */
export const addressSchema: z.ZodType<EntityAddress> = z.looseObject({});

/** `CustomFields`: UDFs by ProgId and extra fields, all strings (§11). */
export const customFieldsSchema = z.record(z.string(), z.string().nullable());

/** Fields common to the major entities: change tracking and `CustomFields` (§9). */
export const commonEntityFields = {
  CreatedDate: optionalText,
  UpdatedDate: optionalText,
  CustomFields: customFieldsSchema.nullish(),
};
