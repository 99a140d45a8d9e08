import { z } from 'zod';

/** A list item (`ListItemEntity {Id, Name, Tooltip, Deleted, UdListDefinitionId, Rank}`, superoffice.md §10). */
export interface ListItem {
  /** Item id: the value of an entity's list reference (`Business.Id`). */
  readonly Id: number;
  /** Name; multi-language raw form (`NO:"…";US:"…"`) unless a language header is set. */
  readonly Name: string;
  /** Tooltip. */
  readonly Tooltip?: string | null | undefined;
  /** Whether the item is deleted (hidden). */
  readonly Deleted?: boolean | null | undefined;
  /** The user-defined list it belongs to, for UD lists. */
  readonly UdListDefinitionId?: number | null | undefined;
  /** Sort rank. */
  readonly Rank?: number | null | undefined;
  /** Fields this client does not model. */
  readonly [field: string]: unknown;
}

/** Validates a {@link ListItem}. */
export const listItemSchema: z.ZodType<ListItem> = z.looseObject({
  Id: z.number().int(),
  Name: z.string(),
  Tooltip: z.string().nullish(),
  Deleted: z.boolean().nullish(),
  UdListDefinitionId: z.number().nullish(),
  Rank: z.number().nullish(),
});

/** A Country list item: the Country carrier (§10), with `Id` added as a copy of `CountryId`. */
export interface CountryItem extends ListItem {
  /** Country id (equal to `Id`). */
  readonly CountryId: number;
  /** ISO 3166 alpha-2, e.g. `NO`. */
  readonly TwoLetterISOCountry?: string | null | undefined;
  /** ISO 3166 alpha-3. */
  readonly ThreeLetterISOCountry?: string | null | undefined;
  /** English name. */
  readonly EnglishName?: string | null | undefined;
  /** Default currency id. */
  readonly CurrencyId?: number | null | undefined;
}

/** Validates a {@link CountryItem}; accepts the Country carrier (`CountryId`) or a plain list item (`Id`). */
export const countryItemSchema: z.ZodType<CountryItem> = z
  .looseObject({
    CountryId: z.number().int().optional(),
    Id: z.number().int().optional(),
    Name: z.string(),
    TwoLetterISOCountry: z.string().nullish(),
    ThreeLetterISOCountry: z.string().nullish(),
    EnglishName: z.string().nullish(),
    CurrencyId: z.number().nullish(),
  })
  .refine((item) => item.CountryId !== undefined || item.Id !== undefined, {
    message: 'a country needs CountryId or Id',
    path: ['CountryId'],
  })
  .transform((item) => {
    const id = (item.CountryId ?? item.Id) as number;
    return { ...item, Id: id, CountryId: id };
  });
