/**
 * The mapping spec: plain data (JSON or YAML) that the web app edits and {@link compileMapping} turns into closures.
 * A spec lists target fields in order; each takes a value from the record ({@link ValueRule}) and passes it through
 * a pipeline of {@link Transform} steps.
 */

/** A JSON scalar a spec may hold as a constant or table value. */
export type Scalar = string | number | boolean | null;

/** Which way of a two-way profile a field applies to. */
export type FieldDirection = 'both' | 'source_to_target' | 'target_to_source';

/** What happens when a value is not in a map-list table or lookup cache. */
export type UnmappedPolicy = 'error' | 'default' | 'skip_record';

/** Takes the value at a path. */
export interface CopyRule {
  /** Rule kind. */
  readonly kind: 'copy';
  /** Path in the record, e.g. `Address.Postal.City` or `Emails[0].Value`. */
  readonly from: string;
}

/** Always the same value. */
export interface ConstantRule {
  /** Rule kind. */
  readonly kind: 'constant';
  /** The value. */
  readonly value: Scalar;
}

/** The first of several paths whose value is not empty (missing, null or blank). */
export interface FirstRule {
  /** Rule kind. */
  readonly kind: 'first';
  /** Paths tried in order. */
  readonly from: readonly string[];
}

/** A part of a {@link ConcatRule}: a path, or a literal `{ text }`. */
export type ConcatPart = string | { readonly text: string };

/** Joins the non-empty values of several paths (and literals) with a separator. */
export interface ConcatRule {
  /** Rule kind. */
  readonly kind: 'concat';
  /** Paths or literals, in order. */
  readonly from: readonly ConcatPart[];
  /** Put between two non-empty parts. */
  readonly separator: string;
}

/** Where a field's value comes from. */
export type ValueRule = CopyRule | ConstantRule | FirstRule | ConcatRule;

/** Replaces an empty value (missing, null, blank) with `value`. */
export interface DefaultStep {
  /** Step kind. */
  readonly op: 'default';
  /** The replacement. */
  readonly value: Scalar;
}

/** Text case and whitespace steps. `capitalize` upper-cases the first letter (of each word with `words`). */
export interface TextStep {
  /** Step kind. */
  readonly op: 'trim' | 'upper' | 'lower' | 'capitalize';
  /** For `capitalize`: every word, lower-casing the rest. */
  readonly words?: boolean | undefined;
}

/** Keeps the regex match (or a capture group); no match gives an empty (missing) value. */
export interface RegexExtractStep {
  /** Step kind. */
  readonly op: 'regexExtract';
  /** JavaScript regular expression source. */
  readonly pattern: string;
  /** Flags out of `imsu`. */
  readonly flags?: string | undefined;
  /** Capture group number or name; default the whole match. */
  readonly group?: number | string | undefined;
}

/** Replaces every match of a regex (`$1` references allowed). */
export interface RegexReplaceStep {
  /** Step kind. */
  readonly op: 'regexReplace';
  /** JavaScript regular expression source. */
  readonly pattern: string;
  /** Flags out of `imsu` (`g` is implied). */
  readonly flags?: string | undefined;
  /** Replacement text. */
  readonly replacement: string;
}

/** Parses text such as `1 234,50` into a number. */
export interface ParseNumberStep {
  /** Step kind. */
  readonly op: 'parseNumber';
  /** Decimal separator; default `.`. */
  readonly decimal?: '.' | ',' | undefined;
}

/** Formats a number as text with fixed decimals. */
export interface FormatNumberStep {
  /** Step kind. */
  readonly op: 'formatNumber';
  /** Digits after the separator; default 2. */
  readonly decimals?: number | undefined;
  /** Decimal separator; default `.`. */
  readonly decimal?: '.' | ',' | undefined;
}

/**
 * Parses a date. `format` is `iso` (an ISO 8601 text; without an offset it is read in `timeZone`) or a pattern of
 * `yyyy MM dd HH mm ss SSS` and literal characters, e.g. `dd.MM.yyyy`.
 */
export interface ParseDateStep {
  /** Step kind. */
  readonly op: 'parseDate';
  /** `iso` or a pattern. */
  readonly format: string;
  /** IANA time zone the wall-clock text is in; default `UTC`. */
  readonly timeZone?: string | undefined;
}

/** Formats a date (parsing ISO text first) as `iso` (UTC instant) or a pattern in a time zone. */
export interface FormatDateStep {
  /** Step kind. */
  readonly op: 'formatDate';
  /** `iso` or a pattern such as `yyyy-MM-dd`. */
  readonly format: string;
  /** IANA time zone of the output; default `UTC`. */
  readonly timeZone?: string | undefined;
}

/** Translates values through a table, e.g. SuperOffice Category ↔ Visma customer class. */
export interface MapListStep {
  /** Step kind. */
  readonly op: 'mapList';
  /** From value (as text) to target value. */
  readonly table: Readonly<Record<string, Scalar>>;
  /** Use the table backwards (for the other direction of a two-way profile). */
  readonly reverse?: boolean | undefined;
  /** Compare keys ignoring case and surrounding spaces. */
  readonly ignoreCase?: boolean | undefined;
  /** What to do with a value the table does not have. */
  readonly unmapped: UnmappedPolicy;
  /** The value for `unmapped: default`; leave it out to leave the field unset. */
  readonly default?: Scalar | undefined;
}

/** Looks a value up in a per-run cache the caller provides in {@link MappingContext.lookups}. */
export interface LookupStep {
  /** Step kind. */
  readonly op: 'lookup';
  /** Name of the cache, e.g. `countryIsoByName`. */
  readonly cache: string;
  /** Compare keys ignoring case and surrounding spaces (the cache keys must be lower-case then). */
  readonly ignoreCase?: boolean | undefined;
  /** What to do with a value the cache does not have. */
  readonly unmapped: UnmappedPolicy;
  /** The value for `unmapped: default`; leave it out to leave the field unset. */
  readonly default?: Scalar | undefined;
}

/** One step of a field's pipeline. */
export type Transform =
  | DefaultStep
  | TextStep
  | RegexExtractStep
  | RegexReplaceStep
  | ParseNumberStep
  | FormatNumberStep
  | ParseDateStep
  | FormatDateStep
  | MapListStep
  | LookupStep;

/** One target field. */
export interface FieldSpec {
  /** Path written in the output, e.g. `mainAddress.postalCode` or `Emails[0].Value`. */
  readonly target: string;
  /** Where the value comes from. */
  readonly rule: ValueRule;
  /** Steps applied in order. */
  readonly pipe?: readonly Transform[] | undefined;
  /** Which direction of a two-way profile the field belongs to; default `both`. */
  readonly direction?: FieldDirection | undefined;
  /** Report an error when the final value is empty. */
  readonly required?: boolean | undefined;
}

/** A test on one path of the record. */
export interface Condition {
  /** Path in the record. */
  readonly path: string;
  /** The test. */
  readonly is: 'empty' | 'notEmpty' | 'equals' | 'notEquals' | 'in' | 'matches';
  /** For `equals` / `notEquals`. */
  readonly value?: Scalar | undefined;
  /** For `in`. */
  readonly values?: readonly Scalar[] | undefined;
  /** For `matches`: a regex source. */
  readonly pattern?: string | undefined;
}

/** Skips the whole record when its condition holds. */
export interface SkipRule extends Condition {
  /** Why, reported as the skip reason. */
  readonly reason?: string | undefined;
}

/** A whole mapping. */
export interface MappingSpec {
  /** Spec format version. */
  readonly version: 1;
  /** Display name. */
  readonly name?: string | undefined;
  /** Source entity, e.g. `superoffice.contact`. */
  readonly source?: string | undefined;
  /** Target entity, e.g. `visma.customer`. */
  readonly target?: string | undefined;
  /** Records that match any of these are skipped. */
  readonly skip?: readonly SkipRule[] | undefined;
  /** Target fields, written in this order. */
  readonly fields: readonly FieldSpec[];
}
