import { condition, type Filter } from './filter.js';
import type { FilterValue } from './filter-values.js';

/** The typed operators on one column; see {@link where}. */
export interface ColumnFilter {
  /** `column eq value`. */
  eq(value: FilterValue): Filter;
  /** `column ne value`. */
  ne(value: FilterValue): Filter;
  /** `column lt value`. */
  lt(value: number | Date | string): Filter;
  /** `column le value`. */
  le(value: number | Date | string): Filter;
  /** `column gt value`. */
  gt(value: number | Date | string): Filter;
  /** `column ge value`. */
  ge(value: number | Date | string): Filter;
  /** `column begins 'text'`. */
  begins(text: string): Filter;
  /** `column contains 'text'`. */
  contains(text: string): Filter;
  /** `column oneOf (a,b,…)`; at least one value. */
  oneOf(...values: readonly (number | string)[]): Filter;
  /** `column notOneOf (a,b,…)`; at least one value. */
  notOneOf(...values: readonly (number | string)[]): Filter;
  /** `column between (low,high)`. */
  between(low: number | string | Date, high: number | string | Date): Filter;
  /** `column afterTime 'YYYY-MM-DDTHH:mm:ss'` (UTC for a `Date`). */
  afterTime(instant: Date | string): Filter;
  /** `column beforeTime 'YYYY-MM-DDTHH:mm:ss'` (UTC for a `Date`). */
  beforeTime(instant: Date | string): Filter;
  /** `column after 'YYYY-MM-DD'`: date part only. */
  after(day: Date | string): Filter;
  /** `column before 'YYYY-MM-DD'`: date part only. */
  before(day: Date | string): Filter;
}

/**
 * Starts a typed restriction on `column`.
 *
 * @example
 * ```ts
 * where('name').begins('Acme').and(where('category').oneOf(3, 4)).toString();
 * // "name begins 'Acme' and category oneOf (3,4)"
 * ```
 */
export function where(column: string): ColumnFilter {
  const on =
    (operator: string) =>
    (...values: FilterValue[]): Filter =>
      condition(column, operator, ...values);
  return {
    eq: on('eq'),
    ne: on('ne'),
    lt: on('lt'),
    le: on('le'),
    gt: on('gt'),
    ge: on('ge'),
    begins: on('begins'),
    contains: on('contains'),
    oneOf: on('oneOf'),
    notOneOf: on('notOneOf'),
    between: on('between'),
    afterTime: on('afterTime'),
    beforeTime: on('beforeTime'),
    after: on('after'),
    before: on('before'),
  };
}
