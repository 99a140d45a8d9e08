/**
 * The DtoValue write wrapper of Visma.net update DTOs (visma-net.md §5.2): every scalar is sent as `{"value": x}`,
 * nested objects are wrapped and their fields wrapped again, and a documented handful of fields are not wrapped.
 */

/** A value as Visma.net update DTOs expect it: `{"value": x}`. */
export interface DtoValue<T> {
  /** The wrapped value. */
  readonly value: T;
}

/** A DtoValue-wrapped request body, ready to send as JSON. */
export type DtoValueBody = { readonly [field: string]: unknown };

/**
 * Which fields escape the `{"value": x}` wrapper. Each list names fields by their write-DTO name; a field not named
 * in any list is wrapped.
 */
export interface DtoValueRules {
  /** Fields sent as plain values wherever they appear, e.g. `overrideWithClassValues: true`. */
  readonly plainFields: readonly string[];
  /** Fields sent as plain values inside the items of {@link DtoValueRules.lineArrays} only, e.g. `operation`. */
  readonly plainLineFields: readonly string[];
  /** Arrays sent as they are, items included, e.g. `subaccount: [{segmentId, segmentValue}]`. */
  readonly plainArrays: readonly string[];
  /** Arrays that stay plain while each item is an object wrapped field by field, e.g. `invoiceLines`. */
  readonly lineArrays: readonly string[];
}

/**
 * The exceptions documented in visma-net.md §5.2 (Pionect `CustomerUpdateDto`, `CustomerInvoiceLinesUpdateDto`,
 * `AttributeDetailUpdateOperationEnum`).
 */
export const DTO_VALUE_RULES: DtoValueRules = {
  plainFields: ['overrideWithClassValues'],
  plainLineFields: ['operation'],
  plainArrays: ['subaccount'],
  lineArrays: ['directDebitLines', 'attributeLines', 'taxDetailLines', 'invoiceLines'],
};

/** Options for {@link toDtoValue}. */
export interface DtoValueOptions {
  /** The wrapping exceptions; defaults to {@link DTO_VALUE_RULES}. Extend it rather than replace it. */
  readonly rules?: DtoValueRules | undefined;
}

/** How one field is put on the wire. */
type Treatment = 'wrap' | 'plain' | 'lines';

/**
 * Serialises a write object (plain field names and values) to the DtoValue wire shape.
 *
 * - scalars become `{"value": x}`; a `Date` is sent as its ISO string;
 * - nested objects become `{"value": {…}}` with their own fields wrapped again;
 * - the {@link DtoValueRules} exceptions are sent plain;
 * - `undefined` and `null` are dropped, because PUT is partial and a sent null would change the field (§5.2);
 *   a nested object left with no fields is dropped too;
 * - `""` is kept: it clears the field.
 *
 * Arrays not named in the rules are wrapped whole (`{"value": [...]}`); no documented write field needs that.
 *
 * @example
 * ```ts
 * toDtoValue({ name: 'Acme', overrideWithClassValues: true, mainAddress: { city: 'Oslo', county: undefined } });
 * // { name: { value: 'Acme' }, overrideWithClassValues: true,
 * //   mainAddress: { value: { city: { value: 'Oslo' } } } }
 * ```
 */
export function toDtoValue(write: object, options: DtoValueOptions = {}): DtoValueBody {
  const rules = options.rules ?? DTO_VALUE_RULES;
  return wrapFields(write, rules, false);
}

function wrapFields(source: object, rules: DtoValueRules, insideLine: boolean): DtoValueBody {
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue;
    const wire = encodeField(value, treatmentOf(field, rules, insideLine), rules);
    if (wire !== undefined) body[field] = wire;
  }
  return body;
}

function treatmentOf(field: string, rules: DtoValueRules, insideLine: boolean): Treatment {
  if (rules.plainFields.includes(field) || rules.plainArrays.includes(field)) return 'plain';
  if (insideLine && rules.plainLineFields.includes(field)) return 'plain';
  if (rules.lineArrays.includes(field)) return 'lines';
  return 'wrap';
}

/** Returns the wire form of one field, or `undefined` when nothing is left to send. */
function encodeField(value: unknown, treatment: Treatment, rules: DtoValueRules): unknown {
  switch (treatment) {
    case 'plain':
      return withoutNulls(value);
    case 'lines':
      if (!Array.isArray(value))
        throw new TypeError(`DtoValue: a line array must be an array, got ${typeof value}`);
      return value.filter(isPresent).map((line: unknown) => {
        if (!isPlainObject(line)) throw new TypeError('DtoValue: every line must be an object');
        return wrapFields(line, rules, true);
      });
    case 'wrap':
      if (isPlainObject(value)) {
        const nested = wrapFields(value, rules, false);
        return Object.keys(nested).length === 0 ? undefined : { value: nested };
      }
      return { value: withoutNulls(value) };
  }
}

/** Plain values are sent as given, minus nulls (Pionect strips them recursively, §5.2). */
function withoutNulls(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.filter(isPresent).map(withoutNulls);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => isPresent(item))
        .map(([key, item]) => [key, withoutNulls(item)]),
    );
  }
  return value;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
