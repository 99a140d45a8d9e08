import { validationError } from '../shared/errors.js';

/** A filter operand: strings are quoted, numbers and booleans are bare, dates are formatted per the operator. */
export type FilterValue = string | number | boolean | Date;

const COLUMN = /^[A-Za-z_][\w.:/-]*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * Checks an archive column name: provider columns (`contactId`), sub-columns (`postAddress/line1`), UDFs
 * (`contactUdef/SuperOffice:1`) and dynamic-provider paths (`contact.category_idx.name`, `contact:category_idx.name`).
 */
export function checkColumn(column: string): string {
  if (!COLUMN.test(column)) {
    throw validationError(
      `archive column ${JSON.stringify(column)} is not a column name`,
      'Use a provider column such as "contactId", "postAddress/line1" or "contactUdef/SuperOffice:1".',
    );
  }
  return column;
}

/**
 * Quotes a string operand: `'Acme AS'`, with a single quote doubled (`'O''Brien'`), the OData convention
 * (UNCERTAIN: the SuperOffice dialect documents no escape; doubling is what its OData parser accepts).
 */
export function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Writes a scalar operand: numbers bare, booleans as `1`/`0`, strings quoted, a `Date` as its UTC date-time. */
export function formatScalar(value: FilterValue, operator: string): string {
  if (value instanceof Date) return quote(formatDateTime(value, operator));
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw validationError(`operand of ${operator} must be a finite number`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  return quote(value);
}

/**
 * Formats a date-time operand (`afterTime`, `beforeTime`, `dateTime`) as `'YYYY-MM-DDTHH:mm:ss'` in UTC, the form of
 * the §14 example. Strings must already be ISO (`2026-05-01T00:00:00`, taken as written).
 */
export function formatDateTimeOperand(value: FilterValue, operator: string): string {
  if (value instanceof Date) return quote(formatDateTime(value, operator));
  if (typeof value === 'string' && ISO_DATETIME.test(value))
    return quote(value.length === 16 ? `${value}:00` : value);
  if (typeof value === 'string' && ISO_DATE.test(value)) return quote(`${value}T00:00:00`);
  throw validationError(
    `operand of ${operator} must be a Date or an ISO date-time, got ${JSON.stringify(value)}`,
  );
}

/** Formats a date operand (`before`, `after`, `date`, `dateBetween`) as `'YYYY-MM-DD'` (UTC date of a `Date`). */
export function formatDateOperand(value: FilterValue, operator: string): string {
  if (value instanceof Date) return quote(formatDateTime(value, operator).slice(0, 10));
  if (typeof value === 'string' && ISO_DATE.test(value)) return quote(value);
  throw validationError(`operand of ${operator} must be a Date or an ISO date, got ${JSON.stringify(value)}`);
}

function formatDateTime(value: Date, operator: string): string {
  if (Number.isNaN(value.getTime())) throw validationError(`operand of ${operator} is an invalid Date`);
  return value.toISOString().slice(0, 19);
}
