/**
 * Encodes one path segment (a customer number, an invoice number, an id) with `encodeURIComponent`.
 *
 * Refuses an empty value: `/customer/` would silently turn a "get one" into a list call. `.` and `..` are
 * percent-encoded so URL resolution cannot swallow them.
 *
 * @param what - names the value in the error, e.g. `customer number`.
 */
export function encodePathSegment(value: string | number, what: string): string {
  const text = String(value);
  if (text.trim() === '') throw new RangeError(`${what} must not be empty`);
  if (text === '.' || text === '..') return text.replaceAll('.', '%2E');
  return encodeURIComponent(text);
}
