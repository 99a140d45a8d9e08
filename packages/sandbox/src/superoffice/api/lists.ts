import type { JsonObject } from './json.js';

/**
 * Lists (superoffice.md §10). Items use the `ListItemEntity {Id, Name, Tooltip, Deleted, UdListDefinitionId, Rank}`
 * carrier; Country items use the Country carrier (§9). The stand-in serves the lists the DataBridge mapping reads
 * (§10 named lists, §21 default auto-mapping); they are the same in every tenant and read-only.
 */

/** A `ListItemEntity` (superoffice.md §10). */
export interface SoListItem extends JsonObject {
  /** Item id; what `{Id, Value}` references and `oneOf` filters carry. */
  Id: number;
  /** Display name. */
  Name: string;
  /** Tooltip. */
  Tooltip: string;
  /** Whether the item is retired (still readable, not offered for new records). */
  Deleted: boolean;
  /** Owning user-defined list, 0 for built-in lists. */
  UdListDefinitionId: number;
  /** Sort rank. */
  Rank: number;
}

/** The Country carrier (superoffice.md §9). */
export interface SoCountry extends JsonObject {
  /** Country id (SuperOffice numbering, e.g. 578 Norway). */
  CountryId: number;
  /** Display name. */
  Name: string;
  /** English name. */
  EnglishName: string;
  /** ISO 3166 alpha-2. */
  TwoLetterISOCountry: string;
  /** ISO 3166 alpha-3. */
  ThreeLetterISOCountry: string;
  /** Default currency list id. */
  CurrencyId: number;
  /** Label of the org. no. field. */
  OrgNrText: string;
  /** Prefix for zip codes. */
  ZipPrefix: string;
  /** Top-level domain. */
  DomainName: string;
  /** Address layout. */
  AddressLayoutId: number;
}

function items(names: readonly string[], deleted: readonly string[] = []): SoListItem[] {
  return names.map((name, i) => ({
    Id: i + 1,
    Name: name,
    Tooltip: '',
    Deleted: deleted.includes(name),
    UdListDefinitionId: 0,
    Rank: i + 1,
  }));
}

/** Built-in lists by name (lower-case key), items in `Id` order. */
export const LISTS: ReadonlyMap<
  string,
  {
    /** The list name as SuperOffice spells it, e.g. `SaleType`. */
    readonly name: string;
    /** The items, `Id` from 1 upward. */
    readonly items: readonly SoListItem[];
  }
> = new Map(
  (
    [
      [
        'Business',
        items(
          ['Fishing', 'Shipping', 'Retail', 'IT', 'Construction', 'Consulting', 'Old business'],
          ['Old business'],
        ),
      ],
      [
        'Category',
        items(
          ['Customer', 'Prospect', 'Supplier', 'Partner', 'Competitor', 'Lost customer'],
          ['Lost customer'],
        ),
      ],
      ['Currency', items(['NOK', 'SEK', 'DKK', 'EUR', 'USD', 'GBP'])],
      ['Position', items(['CEO', 'CFO', 'Sales manager', 'Accountant', 'Engineer'])],
      ['SaleType', items(['New business', 'Upsell', 'Renewal'])],
      ['ProjectType', items(['Implementation', 'Internal', 'Support'])],
      ['ProjectStatus', items(['Planned', 'In progress', 'Completed', 'Cancelled'])],
      ['Source', items(['Web', 'Phone', 'Fair', 'Referral', 'API'])],
      ['MrMrs', items(['Mr', 'Mrs', 'Ms'])],
      ['Reason', items(['Price', 'Product', 'Timing'])],
    ] as const
  ).map(([name, list]) => [name.toLowerCase(), { name, items: list }]),
);

function country(
  CountryId: number,
  Name: string,
  two: string,
  three: string,
  CurrencyId: number,
  OrgNrText: string,
): SoCountry {
  return {
    CountryId,
    Name,
    EnglishName: Name,
    TwoLetterISOCountry: two,
    ThreeLetterISOCountry: three,
    CurrencyId,
    OrgNrText,
    ZipPrefix: two,
    DomainName: two.toLowerCase(),
    AddressLayoutId: 1,
  };
}

/** Countries (the Country list), with SuperOffice's numeric ids. */
export const COUNTRIES: readonly SoCountry[] = [
  country(578, 'Norway', 'NO', 'NOR', 1, 'Org.nr'),
  country(752, 'Sweden', 'SE', 'SWE', 2, 'Org.nr'),
  country(208, 'Denmark', 'DK', 'DNK', 3, 'CVR'),
  country(246, 'Finland', 'FI', 'FIN', 4, 'Y-tunnus'),
  country(276, 'Germany', 'DE', 'DEU', 4, 'USt-IdNr'),
  country(826, 'United Kingdom', 'GB', 'GBR', 6, 'Company no'),
  country(840, 'United States', 'US', 'USA', 5, 'EIN'),
];

/** The list item with this id, if the list and item exist. */
export function listItem(listName: string, id: number): SoListItem | undefined {
  return LISTS.get(listName.toLowerCase())?.items.find((item) => item.Id === id);
}

/** The country with this id. */
export function countryById(id: number): SoCountry | undefined {
  return COUNTRIES.find((c) => c.CountryId === id);
}
