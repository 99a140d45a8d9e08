/** A per-run lookup cache: a `Map` (fastest) or a plain object keyed by the looked-up text. */
export type LookupCache = ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>;

/** What a run gives every record's mapping: lookup caches filled once per run (batch-resolved). */
export interface MappingContext {
  /** Caches by name, e.g. `{ countryIsoByName: new Map([['norway', 'NO']]) }`. */
  readonly lookups?: Readonly<Record<string, LookupCache>> | undefined;
}

/** One field's error. */
export interface FieldError {
  /** The target field path, e.g. `mainAddress.countryId`. */
  readonly field: string;
  /** What went wrong. */
  readonly message: string;
}

/** The output of mapping one record. */
export type MappingResult =
  | {
      /** The record was mapped. */
      readonly status: 'mapped';
      /** The target object, fields in spec order. */
      readonly output: Record<string, unknown>;
    }
  | {
      /** A skip rule or an `unmapped: skip_record` policy applied. */
      readonly status: 'skipped';
      /** Why. */
      readonly skipped: string;
    }
  | {
      /** At least one field failed; nothing should be written. */
      readonly status: 'failed';
      /** Every failed field. */
      readonly errors: readonly FieldError[];
    };

/** Reads a key from a {@link LookupCache}. */
export function readCache(cache: LookupCache, key: string): unknown {
  if (cache instanceof Map) return cache.get(key);
  return Object.hasOwn(cache, key) ? (cache as Readonly<Record<string, unknown>>)[key] : undefined;
}
