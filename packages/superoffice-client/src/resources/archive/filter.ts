import { validationError } from '../shared/errors.js';
import { type FilterOperator, operatorKind } from './filter-operators.js';
import {
  checkColumn,
  type FilterValue,
  formatDateOperand,
  formatDateTimeOperand,
  formatScalar,
} from './filter-values.js';

/** A `$filter` expression of the SuperOffice archive dialect; `toString()` gives the text to send. */
export interface Filter {
  /** `and` or `or` for a group; `undefined` for a single restriction. */
  readonly combinator: 'and' | 'or' | undefined;
  /** Combines with further filters using `and` (groups are parenthesised where needed). */
  and(...others: readonly Filter[]): Filter;
  /** Combines with further filters using `or`. */
  or(...others: readonly Filter[]): Filter;
  /** The `$filter` text, e.g. `name begins 'Acme' and category oneOf (3,4)`. */
  toString(): string;
}

/**
 * One restriction `column operator operands`, checked and rendered per superoffice.md §14. An unknown operator, a
 * wrong operand count, an empty `oneOf` list or an invalid column name is a `validation` error naming it.
 *
 * @example
 * ```ts
 * condition('category', 'oneOf', 3).toString(); // "category oneOf (3)"
 * condition('updatedDate', 'afterTime', new Date('2026-05-01T00:00:00Z')).toString();
 * // "updatedDate afterTime '2026-05-01T00:00:00'"
 * ```
 */
export function condition(
  column: string,
  operator: FilterOperator | (string & {}),
  ...operands: FilterValue[]
): Filter {
  checkColumn(column);
  const text = `${column} ${operator}${renderOperands(operator, operands)}`;
  return makeFilter(undefined, () => text);
}

/** Joins filters with `and`; `and(a, or(b, c))` renders `a and (b or c)`. */
export function and(...filters: readonly Filter[]): Filter {
  return group('and', filters);
}

/** Joins filters with `or`. */
export function or(...filters: readonly Filter[]): Filter {
  return group('or', filters);
}

function group(combinator: 'and' | 'or', filters: readonly Filter[]): Filter {
  if (filters.length === 0) throw validationError(`${combinator}() needs at least one filter`);
  const [only] = filters;
  if (filters.length === 1 && only) return only;
  return makeFilter(combinator, () =>
    filters
      .map((filter) => {
        const text = filter.toString();
        return filter.combinator !== undefined && filter.combinator !== combinator ? `(${text})` : text;
      })
      .join(` ${combinator} `),
  );
}

function makeFilter(combinator: 'and' | 'or' | undefined, render: () => string): Filter {
  const filter: Filter = {
    combinator,
    and: (...others) => and(filter, ...others),
    or: (...others) => or(filter, ...others),
    toString: render,
  };
  return filter;
}

function renderOperands(operator: string, operands: readonly FilterValue[]): string {
  const kind = operatorKind(operator);
  if (kind === undefined) {
    throw validationError(
      `unknown archive filter operator ${JSON.stringify(operator)}`,
      'Use one of the documented operators (eq, ne, lt, le, gt, ge, begins, contains, oneOf, between, afterTime, beforeTime, …).',
    );
  }
  const expect = (count: number): void => {
    if (operands.length !== count) {
      throw validationError(`operator ${operator} takes ${count} operand(s), got ${operands.length}`);
    }
  };
  switch (kind) {
    case 'unary':
      expect(0);
      return '';
    case 'single':
      expect(1);
      return ` ${formatScalar(operands[0] as FilterValue, operator)}`;
    case 'date':
      expect(1);
      return ` ${formatDateOperand(operands[0] as FilterValue, operator)}`;
    case 'dateTime':
      expect(1);
      return ` ${formatDateTimeOperand(operands[0] as FilterValue, operator)}`;
    case 'range': {
      expect(2);
      const format = operator === 'dateBetween' ? formatDateOperand : formatScalar;
      return ` (${operands.map((operand) => format(operand, operator)).join(',')})`;
    }
    case 'list':
      if (operands.length === 0)
        throw validationError(`operator ${operator} needs at least one value, got none`);
      return ` (${operands.map((operand) => formatScalar(operand, operator)).join(',')})`;
  }
}

/**
 * Wraps raw dialect text as a {@link Filter} so it can be combined; it is parenthesised when joined with a different
 * combinator. The text is sent as written: nothing is checked or escaped.
 */
export function rawFilter(text: string): Filter {
  const combinator = /\sor\s/i.test(text) ? 'or' : /\sand\s/i.test(text) ? 'and' : undefined;
  return makeFilter(combinator, () => text);
}
