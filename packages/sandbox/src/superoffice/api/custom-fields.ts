import { badRequest } from './errors.js';
import { findKey, isJsonObject, type JsonObject, type JsonValue } from './json.js';

/**
 * User-defined fields and extra fields (superoffice.md §11). Values are strings; non-text values are encoded with a
 * type prefix (`[I:12]`, `[F:1.5]`, `[D:09.11.2017]`). `CustomFields` is the canonical bag (UDFs keyed by ProgId plus
 * `x_…` extra fields); the deprecated `UserDefinedFields` / `ExtraFields` bags are derived from it on read and still
 * accepted on write. Keys ending `:DisplayText`, `:DisplayTooltip` and `:org` are ignored on write (§11).
 */

/** A UDF or extra-field value type. */
export type CustomFieldType = 'text' | 'int' | 'float' | 'date' | 'checkbox';

/** One custom field definition (`UserDefinedFieldInfo` / `FieldInfoBase`, §11, reduced). */
export interface CustomFieldDef {
  /** ProgId (`SuperOffice:1`) or extra-field column name (`x_erpstatus`). */
  readonly key: string;
  /** Label. */
  readonly label: string;
  /** Value type, which decides the encoding. */
  readonly type: CustomFieldType;
}

const ENCODINGS: Record<CustomFieldType, RegExp> = {
  text: /^[\s\S]*$/,
  int: /^\[I:-?\d+\]$/,
  checkbox: /^\[I:[01]\]$/,
  float: /^\[F:-?\d+(?:\.\d+)?\]$/,
  date: /^\[D:\d{2}[./]\d{2}[./]\d{4}\]$/,
};

const EXAMPLES: Record<CustomFieldType, string> = {
  text: 'any text',
  int: '[I:123]',
  checkbox: '[I:0] or [I:1]',
  float: '[F:1.5]',
  date: '[D:09.11.2017]',
};

/** Whether a key is a write-ignored companion key (§11). */
function isCompanion(key: string): boolean {
  return /:(DisplayText|DisplayTooltip|org)$/i.test(key);
}

/** Checks one value against its definition: empty or correctly encoded. */
export function checkCustomValue(def: CustomFieldDef, value: JsonValue): string {
  if (value === null) return '';
  if (typeof value !== 'string')
    throw badRequest(
      `Custom field ${def.key} takes an encoded string (${EXAMPLES[def.type]}), not ${typeof value}`,
    );
  if (value !== '' && !ENCODINGS[def.type].test(value))
    throw badRequest(
      `Custom field ${def.key} (${def.type}) must be encoded like ${EXAMPLES[def.type]}, got '${value}'`,
    );
  return value;
}

/** Decodes a stored value for archive columns: `[I:12]` → 12, `[D:09.11.2017]` → the date text, text as is. */
export function decodeCustomValue(value: string): string {
  const match = /^\[(?:I|F|D|DT|M|T|B):([\s\S]*)\]$/.exec(value);
  return match ? (match[1] ?? '') : value;
}

function applyBag(
  target: JsonObject,
  bag: JsonValue | undefined,
  defs: readonly CustomFieldDef[],
  bagName: string,
  unchangedFrom: JsonObject | undefined,
): void {
  if (bag === undefined || bag === null) return;
  if (!isJsonObject(bag)) throw badRequest(`${bagName} must be an object keyed by ProgId or column name`);
  for (const [key, value] of Object.entries(bag)) {
    if (isCompanion(key)) continue;
    const def = defs.find((d) => d.key.toLowerCase() === key.toLowerCase());
    if (!def)
      throw badRequest(`${bagName} has no field '${key}' (known: ${defs.map((d) => d.key).join(', ')})`);
    // A deprecated bag echoed unchanged from a read must not undo a CustomFields edit (#192).
    if (unchangedFrom && unchangedFrom[findKey(unchangedFrom, key) ?? key] === value) continue;
    target[def.key] = checkCustomValue(def, value);
  }
}

/**
 * Builds the stored `CustomFields` of a write: the previous values (or empty ones on create), overlaid by the
 * written `CustomFields`, then by changed entries of the deprecated bags.
 */
export function normaliseCustomFields(
  input: JsonObject,
  previous: JsonObject | undefined,
  udfs: readonly CustomFieldDef[],
  extras: readonly CustomFieldDef[],
): JsonObject {
  const all = [...udfs, ...extras];
  const prevCustom = isJsonObject(previous?.CustomFields) ? previous.CustomFields : undefined;
  const result: JsonObject = Object.fromEntries(all.map((d) => [d.key, prevCustom?.[d.key] ?? '']));
  const get = (name: string) => input[findKey(input, name) ?? name];
  applyBag(result, get('CustomFields'), all, 'CustomFields', undefined);
  const prevUdf = isJsonObject(previous?.UserDefinedFields) ? previous.UserDefinedFields : undefined;
  const prevExtra = isJsonObject(previous?.ExtraFields) ? previous.ExtraFields : undefined;
  applyBag(result, get('UserDefinedFields'), udfs, 'UserDefinedFields', prevUdf ?? emptyBag(udfs));
  applyBag(result, get('ExtraFields'), extras, 'ExtraFields', prevExtra ?? emptyBag(extras));
  return result;
}

function emptyBag(defs: readonly CustomFieldDef[]): JsonObject {
  return Object.fromEntries(defs.map((d) => [d.key, '']));
}

/** The three bags an entity carries, derived from the canonical `CustomFields`. */
export function customBags(
  custom: JsonObject,
  udfs: readonly CustomFieldDef[],
  extras: readonly CustomFieldDef[],
): { CustomFields: JsonObject; UserDefinedFields: JsonObject; ExtraFields: JsonObject } {
  const pick = (defs: readonly CustomFieldDef[]) =>
    Object.fromEntries(defs.map((d) => [d.key, custom[d.key] ?? '']));
  return { CustomFields: { ...custom }, UserDefinedFields: pick(udfs), ExtraFields: pick(extras) };
}
