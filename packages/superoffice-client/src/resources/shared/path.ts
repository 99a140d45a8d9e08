import { validationError } from './errors.js';

/**
 * Encodes one path segment (a list name, a foreign-key name) with `encodeURIComponent`. Refuses an empty value,
 * which would silently turn a "get one" into a list call; `.` and `..` are percent-encoded.
 *
 * @param what - names the value in the error, e.g. `list name`.
 */
export function encodePathSegment(value: string | number, what: string): string {
  const text = String(value);
  if (text.trim() === '') throw validationError(`${what} must not be empty`);
  if (text === '.' || text === '..') return text.replaceAll('.', '%2E');
  return encodeURIComponent(text);
}

/** Checks that an entity id is a positive integer (SuperOffice ids are int32 > 0) and returns it as a segment. */
export function entityIdSegment(id: number, what: string): string {
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw validationError(`${what} must be a positive integer, got ${JSON.stringify(id)}`);
  }
  return String(id);
}
