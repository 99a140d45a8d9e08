import { validationError } from '../shared/errors.js';
import { decodeUdf, encodeUdf, type UdfInput } from './udf-codec.js';
import type { UdfType, UdfValue } from './udf-types.js';

/** The `CustomFields` bag of an entity: UDFs by ProgId and extra fields (`x_…`), all as strings (superoffice.md §11). */
export type CustomFields = Readonly<Record<string, string | null>>;

/** Companion keys SuperOffice adds on read and ignores on write (`:DisplayText`, `:DisplayTooltip`, `:org`). */
export const READ_ONLY_CUSTOM_FIELD_SUFFIXES = [':DisplayText', ':DisplayTooltip', ':org'] as const;

/** Whether a `CustomFields` key is a read-only companion (see {@link READ_ONLY_CUSTOM_FIELD_SUFFIXES}). */
export function isReadOnlyCustomField(key: string): boolean {
  return READ_ONLY_CUSTOM_FIELD_SUFFIXES.some((suffix) => key.endsWith(suffix));
}

/**
 * Reads and decodes one UDF by ProgId (e.g. `SuperOffice:1`) from a record's `CustomFields`; `undefined` when the
 * key is absent, `null` when empty. Pass the type from the UDF layout to read checkboxes as booleans.
 *
 * @example
 * ```ts
 * readCustomField(contact, 'SuperOffice:2', 'int'); // { type: 'int', value: 42 }
 * ```
 */
export function readCustomField(
  record: { readonly CustomFields?: CustomFields | null | undefined },
  progId: string,
  expected?: UdfType,
): UdfValue | null | undefined {
  const raw = record.CustomFields?.[progId];
  if (raw === undefined) return undefined;
  return raw === null ? null : decodeUdf(raw, expected);
}

/**
 * Returns a copy of `fields` with `progId` set to the encoded value, and without the read-only companion keys, ready
 * to send as a change (`{ CustomFields: withCustomField(contact.CustomFields, 'SuperOffice:2', {type:'int', value:42}) }`).
 */
export function withCustomField(
  fields: CustomFields | null | undefined,
  progId: string,
  value: UdfInput | null,
): Record<string, string> {
  if (progId.trim() === '' || isReadOnlyCustomField(progId)) {
    throw validationError(`custom field key ${JSON.stringify(progId)} is not a writable ProgId`);
  }
  return { ...writableCustomFields(fields), [progId]: encodeUdf(value) };
}

/** `fields` without the read-only companion keys (SuperOffice ignores them on write). */
export function writableCustomFields(fields: CustomFields | null | undefined): Record<string, string> {
  const writable: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (!isReadOnlyCustomField(key) && value !== null) writable[key] = value;
  }
  return writable;
}
