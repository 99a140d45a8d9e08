import { formatSoDate } from './dates.js';
import type { JsonObject, JsonValue } from './json.js';
import { countryById, listItem } from './lists.js';

/**
 * Reference carriers embedded in entities (superoffice.md §9): list references `{Id, Value, Tooltip}`, the Country
 * carrier, Associate, and the short Contact/Person/Project carriers an entity carries for its links. On write only
 * the id of a carrier counts; the server fills in the rest.
 */

/** Looks up what carriers point at. */
export interface CarrierResolver {
  /** A stored contact. */
  contact(id: number): JsonObject | undefined;
  /** A stored person. */
  person(id: number): JsonObject | undefined;
  /** A stored project. */
  project(id: number): JsonObject | undefined;
  /** An associate's display names; id 0 is the system user. */
  associate(
    id: number,
  ): { readonly name: string; readonly fullName: string; readonly email: string } | undefined;
}

/** `{Id, Value, Tooltip}` of a list item (Category adds `CategoryGroup, Rank, Deleted`, §9). */
export function listRef(list: string, id: number): JsonObject | undefined {
  const item = listItem(list, id);
  if (!item) return undefined;
  const ref: JsonObject = { Id: item.Id, Value: item.Name, Tooltip: item.Tooltip };
  if (list === 'Category') Object.assign(ref, { CategoryGroup: 1, Rank: item.Rank, Deleted: item.Deleted });
  return ref;
}

/** The Country carrier. */
export function countryRef(id: number): JsonObject | undefined {
  const found = countryById(id);
  return found ? { ...found } : undefined;
}

/** The Associate carrier (`{AssociateId, Name, FullName, Type, Deleted}`). */
export function associateRef(resolver: CarrierResolver, id: number): JsonObject | undefined {
  const found = resolver.associate(id);
  if (!found) return undefined;
  return {
    AssociateId: id,
    Name: found.name,
    FullName: found.fullName,
    Type: id === 0 ? 'SystemUser' : 'Employee',
    Deleted: false,
  };
}

/** The short Contact carrier a Person or Sale carries. */
export function contactRef(contact: JsonObject): JsonObject {
  const pick = (k: string): JsonValue => contact[k] ?? null;
  return {
    ContactId: pick('ContactId'),
    Name: pick('Name'),
    Department: pick('Department'),
    OrgNr: pick('OrgNr'),
    Number1: pick('Number1'),
    Number2: pick('Number2'),
    CountryId: (contact.Country as JsonObject | null)?.CountryId ?? 0,
  };
}

/** The short Person carrier a Sale carries. */
export function personRef(person: JsonObject): JsonObject {
  return {
    PersonId: person.PersonId ?? 0,
    Firstname: person.Firstname ?? '',
    Lastname: person.Lastname ?? '',
    FullName: person.FullName ?? '',
    ContactId: (person.Contact as JsonObject | null)?.ContactId ?? 0,
  };
}

/** The short Project carrier a Sale carries. */
export function projectRef(project: JsonObject): JsonObject {
  return {
    ProjectId: project.ProjectId ?? 0,
    Name: project.Name ?? '',
    ProjectNumber: project.ProjectNumber ?? '',
  };
}

/** An `EntityElement {Value, StrippedValue, Description}` (§9 channels). */
export function element(value: string, description = ''): JsonObject {
  return { Value: value, StrippedValue: value.replace(/[\s()\-.]/g, ''), Description: description };
}

/** A `StructuredAddress`. */
export function structuredAddress(
  fields: Partial<Record<'Address1' | 'Zipcode' | 'City', string>> = {},
): JsonObject {
  const address: JsonObject = {
    AtypeIdx: 0,
    Address1: fields.Address1 ?? '',
    Address2: '',
    Address3: '',
    City: fields.City ?? '',
    County: '',
    State: '',
    Zipcode: fields.Zipcode ?? '',
    Formatted: '',
  };
  address.Formatted = formatAddress(address);
  return address;
}

/** One-line formatted address of a StructuredAddress. */
export function formatAddress(address: JsonObject): string {
  const text = (k: string) => (typeof address[k] === 'string' ? (address[k] as string) : '');
  const zipCity = [text('Zipcode'), text('City')].filter(Boolean).join(' ');
  return [text('Address1'), text('Address2'), text('Address3'), zipCity].filter(Boolean).join(', ');
}

/** A server stamp: `CreatedDate`/`UpdatedDate` string. */
export function stamp(ms: number): string {
  return formatSoDate(ms);
}
