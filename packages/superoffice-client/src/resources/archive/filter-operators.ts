/**
 * The restriction operators of the SuperOffice archive dialect (superoffice.md §14, using-filters,
 * restriction-types), grouped by how their operands are written.
 */
export const FILTER_OPERATORS = {
  /** One scalar operand: `contactId eq 5`, `name begins 'Ac'`. */
  single: [
    'eq',
    'ne',
    'lt',
    'le',
    'gt',
    'ge',
    'equals',
    'unequals',
    'greater',
    'less',
    'begins',
    'contains',
    'is',
    'isNot',
    'notBegins',
    'notContains',
  ],
  /** One date operand written date-only (`'2026-05-01'`): the **date** restriction type. */
  date: ['before', 'after', 'date'],
  /** One date-time operand (`'2026-05-01T00:00:00'`): the **datetime** restriction type. */
  dateTime: ['dateTime', 'beforeTime', 'afterTime'],
  /** A non-empty list of operands: `category oneOf (3,4)`. */
  list: ['oneOf', 'notOneOf', 'in', 'associateIsOneOf', 'associateIsNotOneOf'],
  /** Exactly two operands: `number between (1,5)`. */
  range: ['between', 'dateBetween'],
  /** No operand: `associateId currentAssociate`. */
  unary: ['currentAssociate', 'today', 'beforeToday', 'afterToday', 'lastWeek', 'thisWeek', 'thisMonth'],
} as const;

/** Operators taking one scalar operand. */
export type SingleOperator = (typeof FILTER_OPERATORS.single)[number];
/** Operators taking a date. */
export type DateOperator = (typeof FILTER_OPERATORS.date)[number];
/** Operators taking a date-time. */
export type DateTimeOperator = (typeof FILTER_OPERATORS.dateTime)[number];
/** Operators taking a non-empty list. */
export type ListOperator = (typeof FILTER_OPERATORS.list)[number];
/** Operators taking two operands. */
export type RangeOperator = (typeof FILTER_OPERATORS.range)[number];
/** Operators taking no operand. */
export type UnaryOperator = (typeof FILTER_OPERATORS.unary)[number];
/** Every operator {@link condition} accepts. */
export type FilterOperator =
  | SingleOperator
  | DateOperator
  | DateTimeOperator
  | ListOperator
  | RangeOperator
  | UnaryOperator;

/** Which operand shape an operator takes; `undefined` for an unknown operator. */
export function operatorKind(operator: string): keyof typeof FILTER_OPERATORS | undefined {
  for (const [kind, operators] of Object.entries(FILTER_OPERATORS)) {
    if ((operators as readonly string[]).includes(operator)) return kind as keyof typeof FILTER_OPERATORS;
  }
  return undefined;
}
