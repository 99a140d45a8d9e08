import { validationError } from './errors.js';

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const ISO_NO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Formats an `If-Unmodified-Since` value as an HTTP-date (`Tue, 05 May 2026 10:00:00 GMT`). HTTP-dates pass
 * through; ISO strings without an offset are read as UTC; anything unreadable is a `validation` error.
 */
export function formatHttpDate(value: Date | string, what = 'ifUnmodifiedSince'): string {
  if (typeof value === 'string' && HTTP_DATE.test(value)) return value;
  const date = typeof value === 'string' ? new Date(ISO_NO_OFFSET.test(value) ? `${value}Z` : value) : value;
  if (Number.isNaN(date.getTime())) {
    throw validationError(`${what} must be a valid date, got ${JSON.stringify(String(value))}`);
  }
  return date.toUTCString();
}
