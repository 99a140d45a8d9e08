import { validationError } from './errors.js';

/**
 * visma-net.md §5.2 "The DtoValue write wrapper": update DTOs wrap every scalar as `{"value": x}`; nested objects are
 * wrapped too and their fields wrapped again; the exceptions (`overrideWithClassValues`, a line's `operation`,
 * `subaccount` arrays, and the plain arrays such as `invoiceLines` whose items are wrapped field by field) are not.
 * A schema per update DTO says which is which; {@link unwrapDto} checks a body against it and returns plain values.
 */

/** How one field of an update DTO travels. */
export type FieldSpec =
  /** `{"value": "…"}` (numbers are accepted and turned into strings, as Json.NET does). */
  | { readonly kind: 'string' }
  /** `{"value": 12.5}` (numeric strings accepted). */
  | { readonly kind: 'number' }
  /** `{"value": true}`. */
  | { readonly kind: 'boolean' }
  /** `{"value": {…}}` whose fields are wrapped again. */
  | { readonly kind: 'object'; readonly fields: DtoSchema }
  /** A plain, unwrapped bool (e.g. `overrideWithClassValues`). */
  | { readonly kind: 'plainBoolean' }
  /** A plain, unwrapped string from a fixed list (e.g. a line's `operation`). */
  | { readonly kind: 'plainEnum'; readonly values: readonly string[] }
  /** A plain array whose items are objects with wrapped fields (e.g. `invoiceLines`). */
  | { readonly kind: 'plainArray'; readonly item: DtoSchema }
  /** A plain array of plain objects (e.g. `subaccount: [{segmentId, segmentValue}]`). */
  | { readonly kind: 'rawArray' };

/** The fields of an update DTO. Unknown body fields are ignored, as Json.NET does. */
export type DtoSchema = Readonly<Record<string, FieldSpec>>;

/** The plain value a field spec yields. `null` means "clear" (`""` is kept as `""`, which also clears). */
export type UnwrappedField<F extends FieldSpec> = F extends { kind: 'string' }
  ? string | null
  : F extends { kind: 'number' }
    ? number | null
    : F extends { kind: 'boolean' }
      ? boolean | null
      : F extends { kind: 'object'; fields: infer S extends DtoSchema }
        ? Unwrapped<S> | null
        : F extends { kind: 'plainBoolean' }
          ? boolean
          : F extends { kind: 'plainEnum'; values: readonly (infer V)[] }
            ? V
            : F extends { kind: 'plainArray'; item: infer S extends DtoSchema }
              ? Unwrapped<S>[]
              : unknown[];

/** A body after unwrapping: only the fields that were sent (omitted = leave untouched, §5.2 "PUT is partial"). */
export type Unwrapped<S extends DtoSchema> = { -readonly [K in keyof S]?: UnwrappedField<S[K]> };

const NET_TYPES: Record<string, string> = {
  string: 'DtoValue`1[System.String]',
  number: 'DtoValue`1[System.Decimal]',
  boolean: 'DtoValue`1[System.Boolean]',
  object: 'DtoValue`1[System.Object]',
};

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function reject(path: string, value: unknown, expected: string): never {
  // The wording follows Json.NET's conversion error, which names the field in quotes; the hint is ours.
  throw validationError(
    `Error converting value ${describe(value)} to type '${expected}'. Path '${path}'. ` +
      `Write fields must be wrapped as {"value": ...} (DtoValue), except the documented plain fields.`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a write body against a schema and returns the plain values.
 * @throws VismaApiHttpError 400 `{"message":"VismaId: … Path '<field>' …"}` naming the first bad field.
 */
export function unwrapDto<S extends DtoSchema>(body: unknown, schema: S, prefix = ''): Unwrapped<S> {
  if (!isRecord(body)) reject(prefix || '$', body, 'an object');
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    if (!Object.hasOwn(body, name)) continue;
    const raw = body[name];
    // visma-net.md §5.2: nulls are dropped by clients (Pionect strips them) and mean "not sent".
    if (raw === null || raw === undefined) continue;
    out[name] = unwrapField(raw, spec, prefix ? `${prefix}.${name}` : name);
  }
  return out as Unwrapped<S>;
}

function unwrapField(raw: unknown, spec: FieldSpec, path: string): unknown {
  switch (spec.kind) {
    case 'plainBoolean':
      if (typeof raw !== 'boolean') reject(path, raw, 'System.Boolean');
      return raw;
    case 'plainEnum':
      if (typeof raw !== 'string' || !spec.values.includes(raw)) reject(path, raw, spec.values.join('|'));
      return raw;
    case 'plainArray':
      if (!Array.isArray(raw)) reject(path, raw, 'a plain JSON array');
      return raw.map((item, index) => unwrapDto(item, spec.item, `${path}[${index}]`));
    case 'rawArray':
      if (!Array.isArray(raw)) reject(path, raw, 'a plain JSON array');
      return raw;
    default:
      break;
  }
  // Everything else is a DtoValue wrapper.
  if (!isRecord(raw) || (Object.keys(raw).length > 0 && !Object.hasOwn(raw, 'value'))) {
    reject(path, raw, NET_TYPES[spec.kind] ?? 'DtoValue');
  }
  const value = raw.value;
  if (value === null || value === undefined) return null;
  switch (spec.kind) {
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      return reject(`${path}.value`, value, 'System.String');
    case 'number': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number))
        reject(`${path}.value`, value, 'System.Decimal');
      return number;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return reject(`${path}.value`, value, 'System.Boolean');
    case 'object':
      return unwrapDto(value, spec.fields, path);
  }
}

/** Schema helpers, so DTO schemas read like the reference's field lists. */
export const dto = {
  string: { kind: 'string' },
  number: { kind: 'number' },
  boolean: { kind: 'boolean' },
  plainBoolean: { kind: 'plainBoolean' },
  rawArray: { kind: 'rawArray' },
  object: <S extends DtoSchema>(fields: S) => ({ kind: 'object', fields }) as const,
  plainArray: <S extends DtoSchema>(item: S) => ({ kind: 'plainArray', item }) as const,
  plainEnum: <const V extends readonly string[]>(values: V) => ({ kind: 'plainEnum', values }) as const,
} as const;
