import { validationError } from '../shared/errors.js';
import type { TestAssertion } from '../shared/request-options.js';
import { type DiffOptions, diffJsonPatch } from './diff.js';
import { parsePointer, toPointer, valueAtPointer } from './pointer.js';
import type { JsonPatchOperation, JsonPatchTest } from './types.js';

/** Options of {@link createPatch}. */
export interface CreatePatchOptions extends DiffOptions {
  /** `test` operations to put first; see `WriteOptions.test`. */
  readonly test?: boolean | readonly (string | TestAssertion)[] | undefined;
}

/**
 * Builds the JSON Patch for a before/after pair: the changed paths from {@link diffJsonPatch}, preceded by the
 * requested `test` operations (optimistic concurrency: a mismatch is a 409 `conflict`, superoffice.md §13).
 *
 * @example
 * ```ts
 * createPatch({ Name: 'Acme AS' }, { Name: 'Acme Holding AS' }, { test: true });
 * // [{ op: 'test', path: '/Name', value: 'Acme AS' }, { op: 'replace', path: '/Name', value: 'Acme Holding AS' }]
 * ```
 */
export function createPatch(
  before: unknown,
  after: unknown,
  options: CreatePatchOptions = {},
): JsonPatchOperation[] {
  const changes = diffJsonPatch(before, after, options);
  if (changes.length === 0) return [];
  return [...testOperations(before, changes, options.test), ...changes];
}

/** The `test` operations for `test` against the record `before`; empty when `test` is absent or `false`. */
export function testOperations(
  before: unknown,
  changes: readonly JsonPatchOperation[],
  test: CreatePatchOptions['test'],
): JsonPatchTest[] {
  if (test === undefined || test === false) return [];
  if (test === true) {
    return changes.flatMap((operation): JsonPatchTest[] => {
      if (operation.op !== 'replace' && operation.op !== 'remove') return [];
      const value = valueAtPointer(before, parsePointer(operation.path));
      return value === undefined ? [] : [{ op: 'test', path: operation.path, value }];
    });
  }
  return test.map((assertion): JsonPatchTest => {
    if (typeof assertion !== 'string') {
      return { op: 'test', path: toPointer(parsePointer(assertion.path)), value: assertion.value };
    }
    const segments = parsePointer(assertion);
    const value = valueAtPointer(before, segments);
    if (value === undefined) {
      throw validationError(
        `test path "${assertion}" is not present in the record the patch starts from`,
        'Name a field the record has (e.g. "UpdatedDate"), or pass {path, value} explicitly.',
      );
    }
    return { op: 'test', path: toPointer(segments), value };
  });
}
