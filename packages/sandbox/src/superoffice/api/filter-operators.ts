import type { ColumnType, ColumnValue } from './columns.js';
import { parseSoDate } from './dates.js';

/**
 * Operators of the archive filter dialect per column type (superoffice.md §14 table, reduced to what the stand-in
 * serves). Strings compare case-insensitively (SQL Server's default collation). Date columns are typed *date*
 * (§14): `eq ne lt le gt ge between before after` compare the date part only, while `afterTime`/`beforeTime`
 * compare the full datetime: whether upstream honours the time part is UNCERTAIN (§14); the stand-in does.
 */

/** A literal operand. */
export type FilterLiteral = string | number | boolean;

/** How many operands an operator takes. */
export type Arity = 'one' | 'two' | 'many';

/** An operator: its arity and its test. `operands` are already converted to the column's type. */
export interface FilterOperator {
  /** Operand count. */
  readonly arity: Arity;
  /** The test. */
  test(value: ColumnValue, operands: readonly ColumnValue[]): boolean;
}

const DAY = 86_400_000;
const day = (v: ColumnValue) => (typeof v === 'number' ? Math.floor(v / DAY) : undefined);
const lower = (v: ColumnValue) => String(v ?? '').toLowerCase();

function compare(
  map: (v: ColumnValue) => ColumnValue,
  test: (a: number | string | boolean, b: number | string | boolean) => boolean,
): FilterOperator['test'] {
  return (value, operands) => {
    const a = map(value);
    const b = map(operands[0]);
    return a !== undefined && b !== undefined && test(a, b);
  };
}

function ordered(map: (v: ColumnValue) => ColumnValue): Record<string, FilterOperator> {
  const one = (
    test: (a: number | string | boolean, b: number | string | boolean) => boolean,
  ): FilterOperator => ({
    arity: 'one',
    test: compare(map, test),
  });
  const eq = one((a, b) => a === b);
  const ne: FilterOperator = { arity: 'one', test: (v, o) => !eq.test(v, o) };
  const lt = one((a, b) => a < b);
  const le = one((a, b) => a <= b);
  const gt = one((a, b) => a > b);
  const ge = one((a, b) => a >= b);
  const between: FilterOperator = {
    arity: 'two',
    test: (v, [from, to]) => {
      const a = map(v);
      const b = map(from);
      const c = map(to);
      return a !== undefined && b !== undefined && c !== undefined && a >= b && a <= c;
    },
  };
  return {
    eq,
    '=': eq,
    equals: eq,
    ne,
    '<>': ne,
    '!=': ne,
    unequals: ne,
    lt,
    '<': lt,
    less: lt,
    le,
    '<=': le,
    gt,
    '>': gt,
    greater: gt,
    ge,
    '>=': ge,
    between,
  };
}

const oneOf: FilterOperator = { arity: 'many', test: (v, operands) => operands.includes(v) };
const notOneOf: FilterOperator = { arity: 'many', test: (v, operands) => !operands.includes(v) };

const stringOperators: Record<string, FilterOperator> = (() => {
  const base = ordered((v) => (v === undefined ? undefined : lower(v)));
  const op = (test: (a: string, b: string) => boolean): FilterOperator => ({
    arity: 'one',
    test: (v, [o]) => test(lower(v), lower(o)),
  });
  const begins = op((a, b) => a.startsWith(b));
  const contains = op((a, b) => a.includes(b));
  const anyOf: FilterOperator = { arity: 'many', test: (v, ops) => ops.some((o) => lower(o) === lower(v)) };
  return {
    ...base,
    is: base.eq as FilterOperator,
    isNot: base.ne as FilterOperator,
    begins,
    notBegins: { arity: 'one', test: (v, o) => !begins.test(v, o) },
    contains,
    notContains: { arity: 'one', test: (v, o) => !contains.test(v, o) },
    oneOf: anyOf,
    in: anyOf,
  };
})();

const dateOperators: Record<string, FilterOperator> = (() => {
  const base = ordered(day);
  const exact = ordered((v) => v);
  return {
    ...base,
    before: base.lt as FilterOperator,
    after: base.gt as FilterOperator,
    date: base.eq as FilterOperator,
    dateBetween: base.between as FilterOperator,
    afterTime: exact.gt as FilterOperator,
    beforeTime: exact.lt as FilterOperator,
    dateTime: exact.eq as FilterOperator,
  };
})();

const numberOperators: Record<string, FilterOperator> = { ...ordered((v) => v), oneOf, notOneOf, in: oneOf };
const boolOperators: Record<string, FilterOperator> = (() => {
  const { eq, ne } = ordered((v) => v);
  return {
    eq: eq as FilterOperator,
    '=': eq as FilterOperator,
    ne: ne as FilterOperator,
    is: eq as FilterOperator,
  };
})();
const listOperators: Record<string, FilterOperator> = (() => {
  const { eq, ne } = ordered((v) => v);
  return {
    oneOf,
    notOneOf,
    in: oneOf,
    eq: eq as FilterOperator,
    '=': eq as FilterOperator,
    ne: ne as FilterOperator,
  };
})();

/** Operators by column type (operator names are matched case-insensitively). */
export const OPERATORS: Readonly<Record<ColumnType, Readonly<Record<string, FilterOperator>>>> = {
  int: numberOperators,
  number: numberOperators,
  list: listOperators,
  string: stringOperators,
  date: dateOperators,
  bool: boolOperators,
};

/** Finds an operator of a column type, ignoring case. */
export function findOperator(type: ColumnType, name: string): FilterOperator | undefined {
  const table = OPERATORS[type];
  const key = Object.keys(table).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : table[key];
}

/**
 * Converts a literal to a column type: numbers for int/number/list, epoch ms for dates, booleans for bool.
 * Returns an error text when it does not fit.
 */
export function convertLiteral(type: ColumnType, literal: FilterLiteral): ColumnValue | { error: string } {
  switch (type) {
    case 'int':
    case 'list':
    case 'number': {
      const n = typeof literal === 'number' ? literal : Number(literal);
      if (typeof literal === 'boolean' || Number.isNaN(n) || String(literal).trim() === '')
        return { error: `'${literal}' is not a number` };
      if (type !== 'number' && !Number.isInteger(n)) return { error: `'${literal}' is not a whole number` };
      return n;
    }
    case 'date': {
      const ms = typeof literal === 'string' ? parseSoDate(literal) : undefined;
      return ms === undefined
        ? { error: `'${literal}' is not a date (use 'yyyy-MM-dd' or 'yyyy-MM-ddTHH:mm:ss')` }
        : ms;
    }
    case 'bool':
      if (typeof literal === 'boolean') return literal;
      if (literal === 1 || literal === '1' || String(literal).toLowerCase() === 'true') return true;
      if (literal === 0 || literal === '0' || String(literal).toLowerCase() === 'false') return false;
      return { error: `'${literal}' is not true or false` };
    case 'string':
      return String(literal);
  }
}
