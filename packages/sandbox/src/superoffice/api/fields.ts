import {
  associateRef,
  type CarrierResolver,
  contactRef,
  countryRef,
  element,
  formatAddress,
  listRef,
  personRef,
  projectRef,
  structuredAddress,
} from './carriers.js';
import { formatSoDate, parseSoDate } from './dates.js';
import { badRequest } from './errors.js';
import { findKey, isJsonObject, type JsonObject, type JsonValue } from './json.js';

/**
 * Entity fields and how a written value is checked and normalised. Writes (POST, PUT, and the document a PATCH
 * produces) go through {@link normaliseField}: unknown keys are ignored (clients echo `_Links`, `TableRight`…),
 * server-managed fields keep their stored value, and reference carriers are rebuilt from their id (§9).
 */

/** How a field is validated and normalised. */
export type FieldKind =
  | { readonly kind: 'pk' }
  | { readonly kind: 'text'; readonly max?: number; readonly required?: boolean }
  | { readonly kind: 'int' }
  | { readonly kind: 'number' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'date' }
  | { readonly kind: 'server' }
  | { readonly kind: 'elements' }
  | { readonly kind: 'list'; readonly list: string }
  | { readonly kind: 'country' }
  | { readonly kind: 'associate' }
  | { readonly kind: 'ref'; readonly entity: 'Contact' | 'Person' | 'Project' }
  | { readonly kind: 'address' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'json' };

/** A field of an entity: its JSON name and kind. */
export interface FieldSpec {
  /** PascalCase JSON name. */
  readonly name: string;
  /** Kind. */
  readonly type: FieldKind;
}

function idOf(value: JsonValue, idKey: string): number {
  if (value === null) return 0;
  if (typeof value === 'number') return value;
  if (isJsonObject(value)) {
    const key = findKey(value, idKey);
    const id = key === undefined ? 0 : value[key];
    if (typeof id === 'number' && Number.isInteger(id)) return id;
    if (id === null || id === undefined) return 0;
  }
  throw badRequest(`Expected a carrier with a numeric ${idKey}`);
}

function wrongType(field: string, expected: string): never {
  throw badRequest(`Field ${field} must be ${expected}`);
}

function normaliseElements(field: string, value: JsonValue): JsonValue {
  if (value === null) return [];
  if (!Array.isArray(value)) return wrongType(field, 'an array of {Value, Description}');
  return value.map((item) => {
    if (typeof item === 'string') return element(item);
    if (!isJsonObject(item)) return wrongType(field, 'an array of {Value, Description}');
    const v = item[findKey(item, 'Value') ?? 'Value'];
    const d = item[findKey(item, 'Description') ?? 'Description'];
    if (typeof v !== 'string') return wrongType(`${field}[].Value`, 'a string');
    return element(v, typeof d === 'string' ? d : '');
  });
}

function normaliseStructured(field: string, value: JsonValue | undefined): JsonObject {
  const result = structuredAddress();
  if (value === undefined || value === null) return result;
  if (!isJsonObject(value)) return wrongType(field, 'a StructuredAddress object');
  for (const key of Object.keys(result)) {
    if (key === 'Formatted') continue;
    const found = findKey(value, key);
    const v = found === undefined ? undefined : value[found];
    if (v === undefined || v === null) continue;
    if (typeof v !== typeof result[key]) wrongType(`${field}.${key}`, `a ${typeof result[key]}`);
    result[key] = v;
  }
  result.Formatted = formatAddress(result);
  return result;
}

function normaliseAddress(field: string, value: JsonValue): JsonValue {
  if (value !== null && !isJsonObject(value)) return wrongType(field, 'an Address object');
  const get = (k: string) => (value === null ? undefined : value[findKey(value, k) ?? k]);
  const street = normaliseStructured(`${field}.Street`, get('Street'));
  const postal = normaliseStructured(`${field}.Postal`, get('Postal'));
  return {
    Street: street,
    Postal: postal,
    Formatted: (postal.Formatted as string) || (street.Formatted as string),
    Wgs84Latitude: 0,
    Wgs84Longitude: 0,
  };
}

/**
 * Checks and normalises one written field value.
 * @param previous - the stored value (kept for server-managed fields).
 */
export function normaliseField(
  spec: FieldSpec,
  value: JsonValue,
  previous: JsonValue | undefined,
  resolver: CarrierResolver,
): JsonValue {
  const { name, type } = spec;
  switch (type.kind) {
    case 'pk':
    case 'server':
      return previous ?? null;
    case 'text': {
      const text = value === null ? '' : value;
      if (typeof text !== 'string') return wrongType(name, 'a string');
      if (type.max !== undefined && text.length > type.max)
        throw badRequest(`Field ${name} is ${text.length} characters long; the maximum is ${type.max}`);
      if (type.required && text.trim() === '') throw badRequest(`Field ${name} is mandatory`);
      return text;
    }
    case 'int':
      if (value === null) return 0;
      return typeof value === 'number' && Number.isInteger(value) ? value : wrongType(name, 'an integer');
    case 'number':
      if (value === null) return 0;
      return typeof value === 'number' && Number.isFinite(value) ? value : wrongType(name, 'a number');
    case 'bool':
      if (value === null) return false;
      return typeof value === 'boolean' ? value : wrongType(name, 'true or false');
    case 'date': {
      if (value === null || value === '') return null;
      const ms = typeof value === 'string' ? parseSoDate(value) : undefined;
      return ms === undefined ? wrongType(name, 'a date like 2026-05-01T10:00:00') : formatSoDate(ms);
    }
    case 'elements':
      return normaliseElements(name, value);
    case 'address':
      return normaliseAddress(name, value);
    case 'enum':
      if (typeof value === 'string') {
        const found = type.values.find((v) => v.toLowerCase() === value.toLowerCase());
        if (found) return found;
      }
      return wrongType(name, `one of ${type.values.join(', ')}`);
    case 'json':
      return value;
    case 'list': {
      const id = idOf(value, 'Id');
      if (id === 0) return null;
      return listRef(type.list, id) ?? wrongType(name, `an item of list ${type.list} (no item ${id})`);
    }
    case 'country': {
      const id = idOf(value, 'CountryId');
      if (id === 0) return null;
      return countryRef(id) ?? wrongType(name, `a known country (no CountryId ${id})`);
    }
    case 'associate': {
      const id = idOf(value, 'AssociateId');
      if (id === 0) return null;
      return associateRef(resolver, id) ?? wrongType(name, `a known associate (no AssociateId ${id})`);
    }
    case 'ref':
      return normaliseRef(name, type.entity, value, resolver);
  }
}

function normaliseRef(
  name: string,
  entity: 'Contact' | 'Person' | 'Project',
  value: JsonValue,
  resolver: CarrierResolver,
): JsonValue {
  const id = idOf(value, `${entity}Id`);
  if (id === 0) return null;
  if (entity === 'Contact') {
    const found = resolver.contact(id);
    return found ? contactRef(found) : wrongType(name, `an existing contact (no ContactId ${id})`);
  }
  if (entity === 'Person') {
    const found = resolver.person(id);
    return found ? personRef(found) : wrongType(name, `an existing person (no PersonId ${id})`);
  }
  const found = resolver.project(id);
  return found ? projectRef(found) : wrongType(name, `an existing project (no ProjectId ${id})`);
}
