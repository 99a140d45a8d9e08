import type {
  ConcatPart,
  FieldDirection,
  FieldSpec,
  MappingSpec,
  Scalar,
  SkipRule,
  Transform,
  UnmappedPolicy,
  ValueRule,
} from './spec-types.js';
import type { TargetPath } from './target-path.js';

/** Options of a table or cache step in the builder. */
export interface UnmappedOptions {
  /** What to do with a value that is not there. */
  readonly unmapped: UnmappedPolicy;
  /** The value for `unmapped: 'default'`. */
  readonly default?: Scalar;
  /** Compare keys ignoring case and spaces. */
  readonly ignoreCase?: boolean;
}

/** Options of a field in the builder. */
export interface FieldOptions {
  /** Direction of a two-way profile. */
  readonly direction?: FieldDirection;
  /** Report an error when the value is empty. */
  readonly required?: boolean;
}

/** A field whose value rule is not chosen yet. */
export interface FieldStart<T = unknown> {
  /** Take the value at `path`. */
  copy(path: string): FieldSteps<T>;
  /** Always `value`. */
  constant(value: Scalar): FieldSteps<T>;
  /** The first non-empty of `paths`. */
  first(...paths: string[]): FieldSteps<T>;
  /** Join the non-empty parts (paths, or `{text}` literals) with `separator`. */
  concat(separator: string, ...parts: ConcatPart[]): FieldSteps<T>;
}

/** A field with its rule: add pipeline steps, start the next field, or build. */
export interface FieldSteps<T = unknown> extends MappingBuilder<T> {
  /** Appends any step. */
  step(step: Transform): FieldSteps<T>;
  /** Trims spaces. */
  trim(): FieldSteps<T>;
  /** Upper case. */
  upper(): FieldSteps<T>;
  /** Lower case. */
  lower(): FieldSteps<T>;
  /** Upper-cases the first letter (of each word with `words`). */
  capitalize(words?: boolean): FieldSteps<T>;
  /** Replaces an empty value. */
  default(value: Scalar): FieldSteps<T>;
  /** Keeps a regex match or group. */
  extract(pattern: string, group?: number | string): FieldSteps<T>;
  /** Replaces every regex match. */
  replace(pattern: string, replacement: string): FieldSteps<T>;
  /** Parses a number. */
  parseNumber(decimal?: '.' | ','): FieldSteps<T>;
  /** Formats a number. */
  formatNumber(decimals?: number, decimal?: '.' | ','): FieldSteps<T>;
  /** Parses a date (`iso` or a pattern) in a time zone. */
  parseDate(format: string, timeZone?: string): FieldSteps<T>;
  /** Formats a date (`iso` or a pattern) in a time zone. */
  formatDate(format: string, timeZone?: string): FieldSteps<T>;
  /** Translates through a value table. */
  mapList(
    table: Readonly<Record<string, Scalar>>,
    options: UnmappedOptions & { readonly reverse?: boolean },
  ): FieldSteps<T>;
  /** Looks up in a per-run cache. */
  lookup(cache: string, options: UnmappedOptions): FieldSteps<T>;
}

/**
 * Builds a {@link MappingSpec} in code; `build()` gives the same plain spec a YAML file would. `T` is the target's
 * write type: target paths are checked against it.
 */
export interface MappingBuilder<T = unknown> {
  /** Starts a target field. */
  field(target: TargetPath<T>, options?: FieldOptions): FieldStart<T>;
  /** Skips records whose condition holds. */
  skipWhen(rule: SkipRule): MappingBuilder<T>;
  /** The finished spec (not yet validated: {@link compileMapping} does that). */
  build(): MappingSpec;
}

/**
 * Starts a mapping.
 *
 * @example
 * ```ts
 * const spec = mapping<CustomerCreate>({ name: 'Contact → Customer' })
 *   .field('name', { required: true }).copy('Name').trim()
 *   .field('mainAddress.countryId').copy('Country.Name').lookup('countryIso', { unmapped: 'skip_record' })
 *   .build();
 * ```
 */
export function mapping<T = unknown>(
  meta: { readonly name?: string; readonly source?: string; readonly target?: string } = {},
): MappingBuilder<T> {
  const fields: FieldSpec[] = [];
  const skip: SkipRule[] = [];
  const root: MappingBuilder<T> = {
    field: (target, options = {}) => startField(target, options),
    skipWhen(rule) {
      skip.push(rule);
      return root;
    },
    build: () => ({
      version: 1,
      ...meta,
      ...(skip.length > 0 ? { skip: [...skip] } : {}),
      fields: fields.map(({ pipe, ...field }) =>
        pipe && pipe.length > 0 ? { ...field, pipe: [...pipe] } : field,
      ),
    }),
  };

  function startField(target: string, options: FieldOptions): FieldStart<T> {
    const withRule = (rule: ValueRule): FieldSteps<T> => {
      const pipe: Transform[] = [];
      fields.push({ target, rule, ...options, pipe });
      const add = (step: Transform): FieldSteps<T> => {
        pipe.push(step);
        return steps;
      };
      const steps: FieldSteps<T> = {
        ...root,
        step: add,
        trim: () => add({ op: 'trim' }),
        upper: () => add({ op: 'upper' }),
        lower: () => add({ op: 'lower' }),
        capitalize: (words = false) => add({ op: 'capitalize', ...(words ? { words } : {}) }),
        default: (value) => add({ op: 'default', value }),
        extract: (pattern, group) =>
          add({ op: 'regexExtract', pattern, ...(group === undefined ? {} : { group }) }),
        replace: (pattern, replacement) => add({ op: 'regexReplace', pattern, replacement }),
        parseNumber: (decimal) => add({ op: 'parseNumber', ...(decimal ? { decimal } : {}) }),
        formatNumber: (decimals, decimal) =>
          add({
            op: 'formatNumber',
            ...(decimals === undefined ? {} : { decimals }),
            ...(decimal ? { decimal } : {}),
          }),
        parseDate: (format, timeZone) => add({ op: 'parseDate', format, ...(timeZone ? { timeZone } : {}) }),
        formatDate: (format, timeZone) =>
          add({ op: 'formatDate', format, ...(timeZone ? { timeZone } : {}) }),
        mapList: (table, opts) => add({ op: 'mapList', table, ...opts }),
        lookup: (cache, opts) => add({ op: 'lookup', cache, ...opts }),
      };
      return steps;
    };
    return {
      copy: (from) => withRule({ kind: 'copy', from }),
      constant: (value) => withRule({ kind: 'constant', value }),
      first: (...from) => withRule({ kind: 'first', from }),
      concat: (separator, ...from) => withRule({ kind: 'concat', from, separator }),
    };
  }
  return root;
}
