import { isVismaError, normalizeEtag } from '@databridge/visma-client';
import type { z } from 'zod';
import type { ConnectorRecord, MatchCriteria } from '../connector.js';

/** Resolves with `undefined` when `read` fails with a 404 (visma-net.md §3.2), rethrows anything else unchanged. */
export async function unlessNotFound<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isVismaError(error) && (error.kind === 'not_found' || error.status === 404)) return undefined;
    throw error;
  }
}

/**
 * A Visma record as the connector hands it out. `version` is the record's `timeStamp` normalised like the client
 * normalises `ETag` headers (visma-net.md §5.4: the same value, the only one on list items), so the `etag` an update
 * returns equals the version a later list or get of the unchanged record reads. The `etag` a single GET adds is
 * dropped from `data`, so a record read by a list and by a get looks the same.
 */
export function toConnectorRecord(key: string, record: object): ConnectorRecord {
  const { etag, ...data } = record as Record<string, unknown>;
  const version = normalizeEtag(textOf(data.timeStamp)) ?? normalizeEtag(textOf(etag));
  const modifiedAt = textOf(data.lastModifiedDateTime);
  return {
    key,
    data,
    ...(modifiedAt === undefined ? {} : { modifiedAt }),
    ...(version === undefined ? {} : { version }),
  };
}

/**
 * The value at a dotted criteria path (`mainAddress.postalCode`, `Emails[0].Value`) of a record as read. Criteria
 * use the write shape, so a write-only reference id falls back to the read shape's nested object:
 * `mainAddress.countryId` → `mainAddress.country.id`, `customerNumber` → `customer.number` (visma-net.md §7.1, §7.3).
 */
export function valueAtPath(record: unknown, path: string): unknown {
  const segments = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((segment) => segment !== '');
  const direct = dig(record, segments);
  if (direct !== undefined) return direct;
  const last = segments.at(-1);
  const reference = last === undefined ? null : /^(.+)(Id|Number)$/.exec(last);
  if (!reference?.[1] || !reference[2]) return undefined;
  const field = reference[2] === 'Id' ? 'id' : 'number';
  return dig(record, [...segments.slice(0, -1), reference[1], field]);
}

/** Trimmed, case-insensitive equality of a record's value with a criterion's value; nothing equals a missing value. */
export function sameValue(actual: unknown, expected: string | number | boolean): boolean {
  if (actual === undefined || actual === null || typeof actual === 'object') return false;
  return String(actual).trim().toLowerCase() === String(expected).trim().toLowerCase();
}

/** Whether `record` matches every criterion. */
export function matchesAll(record: unknown, criteria: MatchCriteria): boolean {
  return Object.entries(criteria).every(([path, expected]) => sameValue(valueAtPath(record, path), expected));
}

/** One message per bad field path of `payload` against a zod write schema (an unknown field is its own path). */
export function writeIssues(schema: z.ZodType, payload: unknown): string[] {
  const result = schema.safeParse(payload);
  if (result.success) return [];
  const messages = new Map<string, string>();
  for (const issue of result.error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = base === '' ? key : `${base}.${key}`;
        if (!messages.has(path)) messages.set(path, `${path}: is not a field that can be written`);
      }
      continue;
    }
    const path = base === '' ? '(record)' : base;
    if (!messages.has(path)) messages.set(path, `${path}: ${issue.message}`);
  }
  return [...messages.values()];
}

function dig(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
