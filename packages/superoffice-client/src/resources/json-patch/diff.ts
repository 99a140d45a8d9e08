import { isPlainObject, jsonEqual } from '../shared/objects.js';
import { toPointer } from './pointer.js';
import type { JsonPatchOperation } from './types.js';

/** Options of {@link diffJsonPatch}. */
export interface DiffOptions {
  /**
   * How a changed array is written (superoffice.md §12):
   * - `'replace'` (default): one `replace` of the whole array, which SuperOffice documents as replacing it;
   * - `'append'`: when the new array only adds elements at the end, one `add /Path/-` per new element (the append
   *   form §12 documents), otherwise a whole-array `replace`.
   */
  readonly arrays?: 'replace' | 'append' | undefined;
  /** Skip a path (e.g. read-only `CustomFields` companions); receives the unescaped segments. */
  readonly ignore?: ((segments: readonly string[]) => boolean) | undefined;
}

/**
 * Computes the RFC 6902 operations that turn `before` into `after`, containing ONLY the changed paths: objects are
 * compared key by key and recursed into, a key only in `after` is an `add`, a key only in `before` (or set to
 * `undefined` in `after`) is a `remove`, any other difference a `replace`. Arrays follow {@link DiffOptions.arrays}.
 * Keys are escaped per RFC 6901 (`~0`, `~1`).
 *
 * @example
 * ```ts
 * diffJsonPatch({ Name: 'Acme', OrgNr: '1' }, { Name: 'Acme AS', OrgNr: '1' });
 * // [{ op: 'replace', path: '/Name', value: 'Acme AS' }]
 * ```
 */
export function diffJsonPatch(
  before: unknown,
  after: unknown,
  options: DiffOptions = {},
): JsonPatchOperation[] {
  const operations: JsonPatchOperation[] = [];
  diffValue(before, after, [], options, operations);
  return operations;
}

function diffValue(
  before: unknown,
  after: unknown,
  segments: string[],
  options: DiffOptions,
  out: JsonPatchOperation[],
): void {
  if (options.ignore?.(segments) === true || jsonEqual(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    diffObject(before, after, segments, options, out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && options.arrays === 'append') {
    const isAppend =
      after.length > before.length && before.every((item, index) => jsonEqual(item, after[index]));
    if (isAppend) {
      const path = toPointer([...segments, '-']);
      for (const value of after.slice(before.length)) out.push({ op: 'add', path, value });
      return;
    }
  }
  if (after === undefined) out.push({ op: 'remove', path: toPointer(segments) });
  else if (before === undefined) out.push({ op: 'add', path: toPointer(segments), value: after });
  else out.push({ op: 'replace', path: toPointer(segments), value: after });
}

function diffObject(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  segments: string[],
  options: DiffOptions,
  out: JsonPatchOperation[],
): void {
  for (const key of Object.keys(before)) {
    if (before[key] !== undefined && after[key] === undefined) {
      const path = [...segments, key];
      if (options.ignore?.(path) !== true) out.push({ op: 'remove', path: toPointer(path) });
    }
  }
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    diffValue(before[key], value, [...segments, key], options, out);
  }
}
