import type { JsonValue } from '../model/json.js';
import type { FieldChange } from '../model/run.js';

/** What {@link diffFields} found. */
export interface FieldDiff {
  /** Only the changed leaves, nested like the payload (what an update sends). */
  readonly changes: Record<string, unknown>;
  /** The same, flat, with before and after, for run records and dry-run plans. */
  readonly list: FieldChange[];
}

/**
 * Compares a mapped payload with the target record as read, leaf by leaf, and keeps only what differs. Fields the
 * payload does not set are never touched (the target may own them); an empty string, `null` and a missing value are
 * the same "empty"; arrays are compared and sent whole.
 */
export function diffFields(payload: Readonly<Record<string, unknown>>, current: unknown): FieldDiff {
  const list: FieldChange[] = [];
  const changes = diffObject(payload, current, '', list) ?? {};
  return { changes, list };
}

/** Every leaf of a payload as a change from nothing (the plan of a create). */
export function allFields(payload: Readonly<Record<string, unknown>>): FieldChange[] {
  return diffFields(payload, undefined).list;
}

function diffObject(
  payload: Readonly<Record<string, unknown>>,
  current: unknown,
  prefix: string,
  list: FieldChange[],
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let changed = false;
  const before = isPlainObject(current) ? current : undefined;
  for (const [key, value] of Object.entries(payload)) {
    if (value === undefined) continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const old = before?.[key];
    if (isPlainObject(value)) {
      const nested = diffObject(value, old, path, list);
      if (nested !== undefined) {
        out[key] = nested;
        changed = true;
      }
    } else if (!sameValue(value, old)) {
      out[key] = value;
      changed = true;
      list.push(change(path, old, value));
    }
  }
  return changed ? out : undefined;
}

function change(field: string, before: unknown, after: unknown): FieldChange {
  const entry: { field: string; before?: JsonValue; after?: JsonValue } = { field };
  if (!isEmpty(before)) entry.before = before as JsonValue;
  if (!isEmpty(after)) entry.after = after as JsonValue;
  return entry;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (a === b) return true;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
