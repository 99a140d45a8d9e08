import { validationError } from './errors.js';
import type { IndexedField, RecordTable, Row, TimestampedDto } from './record-table.js';

/**
 * visma-net.md §6 "Date filters": `lastModifiedDateTime` (and `createdDateTime`, …) need the mandatory companion
 * `<name>Condition`, one of `>`, `<`, `>=`, `<=`; formats `yyyy-MM-dd`, `yyyy-MM-dd HH:mm:ss[.FFF]`,
 * `yyyy-MM-ddTHH:mm:ss[.FFF]`, with no time-zone designator.
 */

/** The comparison operators a date condition accepts (visma-net.md §6). */
export const DATE_CONDITIONS = ['>', '<', '>=', '<='] as const;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?)?$/;
const ZONE_PATTERN = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;

/**
 * Parses a zone-less filter timestamp as **UTC** milliseconds. The zone the real API compares in is UNCERTAIN
 * (visma-net.md §6, §12.3); UTC matches the zone-less UTC timestamps this stand-in returns.
 */
export function parseFilterTimestamp(name: string, raw: string): number {
  const formats = 'yyyy-MM-dd, yyyy-MM-dd HH:mm:ss[.FFF] or yyyy-MM-ddTHH:mm:ss[.FFF]';
  if (ZONE_PATTERN.test(raw.trim()) && raw.trim().length > 10) {
    throw validationError(
      `The value '${raw}' is not valid for ${name}: a time zone designator is not accepted. ` +
        `Use ${formats} without a time zone.`,
    );
  }
  const match = DATE_PATTERN.exec(raw.trim());
  if (match) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', f = '0'] = match;
    const ms = Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h),
      Number(mi),
      Number(s),
      Number(f.padEnd(3, '0')),
    );
    const check = new Date(ms);
    if (check.getUTCDate() === Number(d) && check.getUTCMonth() === Number(mo) - 1 && Number(h) < 24)
      return ms;
  }
  throw validationError(`The value '${raw}' is not valid for ${name}. Use ${formats} (no time zone).`);
}

/**
 * Builds the predicate of a `<name>` + `<name>Condition` pair, or `undefined` when `<name>` is absent.
 * @throws 400 `{"message":"VismaId: …"}` when the value is malformed or zoned, or the condition is missing/invalid.
 */
export function dateCondition(query: URLSearchParams, name: string): ((ms: number) => boolean) | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const conditionName = `${name}Condition`;
  const condition = query.get(conditionName);
  if (condition === null || condition === '') {
    // UNCERTAIN (§6): one README says a date filter without its condition returns everything; the docs call the
    // condition mandatory, so we refuse.
    throw validationError(
      `${conditionName} is mandatory when ${name} is set. Use one of ${DATE_CONDITIONS.join(', ')} (URL-encoded).`,
    );
  }
  const at = parseFilterTimestamp(name, raw);
  switch (condition) {
    case '>':
      return (ms) => ms > at;
    case '<':
      return (ms) => ms < at;
    case '>=':
      return (ms) => ms >= at;
    case '<=':
      return (ms) => ms <= at;
    default:
      throw validationError(
        `The value '${condition}' is not valid for ${conditionName}. Use one of ${DATE_CONDITIONS.join(', ')} (URL-encoded).`,
      );
  }
}

/**
 * An equality filter on a string field. Case-insensitive [infer: the ERP database's default collation].
 */
export function equalsFilter(
  query: URLSearchParams,
  name: string,
): ((value: string | undefined) => boolean) | undefined {
  const raw = equalsValue(query, name);
  if (raw === undefined) return undefined;
  const wanted = raw.toLowerCase();
  return (value) => value !== undefined && value.toLowerCase() === wanted;
}

/** The value of an equality filter in the query; `undefined` when absent or empty (no filter). */
export function equalsValue(query: URLSearchParams, name: string): string | undefined {
  const raw = query.get(name);
  return raw === null || raw === '' ? undefined : raw;
}

/** An equality filter a table's field index can answer: the index name, its field and the wanted value. */
export interface IndexedEquals<T> {
  readonly name: string;
  readonly field: IndexedField<T>;
  readonly value: string;
}

/**
 * The rows a filtered list needs to look at: those of its most selective equality filter, from the table's field
 * index (in list order, a superset of the matches), or every row when it has none. The caller still applies every
 * predicate, so the answer (order, `totalCount`, paging) is the same as a scan of the whole table; only faster.
 */
export function candidateRows<T extends TimestampedDto>(
  table: RecordTable<T>,
  filters: readonly IndexedEquals<T>[],
): readonly Row<T>[] {
  let best = table.rows();
  for (const filter of filters) {
    const rows = table.matching(filter.name, filter.field, filter.value);
    if (rows.length < best.length) best = rows;
  }
  return best;
}

/** Combines predicates (all must hold); `undefined` when there are none, so paging can slice without scanning. */
export function allOf<T>(
  predicates: ReadonlyArray<((row: T) => boolean) | undefined>,
): ((row: T) => boolean) | undefined {
  const active = predicates.filter((p): p is (row: T) => boolean => p !== undefined);
  if (active.length === 0) return undefined;
  if (active.length === 1) return active[0];
  return (row) => active.every((p) => p(row));
}
