import { parseIsoDate } from './dates.js';
import { isEmpty } from './empty.js';
import { FieldFailure } from './signals.js';

/** The text form of a scalar value (a `Date` as ISO text); throws a field failure for objects. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  throw new FieldFailure(`expected text, got ${Array.isArray(value) ? 'an array' : 'an object'}`);
}

/** Upper-cases the first letter (of each word when `words`, lower-casing the rest of each word). */
export function capitalize(text: string, words: boolean): string {
  if (words)
    return text
      .toLowerCase()
      .replace(/(^|[\s\-'’])(\p{L})/gu, (_, gap: string, letter: string) => gap + letter.toUpperCase());
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + text.slice(head.length);
}

/** Text that `Number()` reads exactly as meant (a fast path): integers, and decimals with `.` when `.` is the separator. */
const PLAIN_INTEGER = /^-?\d+$/;
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Parses `1 234,50`-style text (or passes a number through); throws a field failure when it is not a number. */
export function parseNumberValue(value: unknown, decimal: '.' | ','): number {
  if (typeof value === 'string' && (decimal === '.' ? PLAIN_DECIMAL : PLAIN_INTEGER).test(value))
    return Number(value);
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new FieldFailure(`not a finite number: ${value}`);
  }
  const text = toText(value)
    .trim()
    .replace(/[\s\u00a0\u202f']/g, '');
  const normal = decimal === ',' ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  if (!NUMBER.test(normal)) throw new FieldFailure(`not a number: "${toText(value)}"`);
  return Number(normal);
}

/** Formats a number with fixed decimals and the given separator. */
export function formatNumberValue(value: unknown, decimals: number, decimal: '.' | ','): string {
  const fixed = parseNumberValue(value, '.').toFixed(decimals);
  return decimal === ',' ? fixed.replace('.', ',') : fixed;
}

/** A date from a `Date`, epoch milliseconds or ISO text (offset-less text read in `timeZone`). */
export function toDate(value: unknown, timeZone: string): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value);
  const parsed = parseIsoDate(toText(value), timeZone);
  if (!parsed) throw new FieldFailure(`not an ISO date: "${toText(value)}"`);
  return parsed;
}

/** The key a value has in a map-list table or lookup cache. */
export function tableKey(value: unknown, ignoreCase: boolean): string {
  const text = toText(value);
  return ignoreCase ? text.trim().toLowerCase() : text;
}

/** Scalar equality for conditions: identical, or the same text form (`1` equals `"1"`). */
export function scalarEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  const scalar = (v: unknown): boolean =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  return scalar(a) && scalar(b) && String(a) === String(b);
}
