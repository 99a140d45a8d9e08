import type { z } from 'zod';
import { SuperOfficeError } from '../../errors/superoffice-error.js';

/** Where a value being parsed came from, so a protocol error can name the request, the row and the field. */
export interface ResponseOrigin {
  /** `METHOD path` of the request, e.g. `GET /v1/Contact/5`. */
  readonly request: string;
  /** HTTP status of the response (0 when the value did not come from a response, e.g. a webhook body). */
  readonly status: number;
  /** For archive pages: the 0-based `$skip` of the page the value came from. */
  readonly skip?: number | undefined;
  /** For list items: the item's index in the page. */
  readonly index?: number | undefined;
}

/** Validates `value` with `schema`; a mismatch is a `protocol` {@link SuperOfficeError} naming the field path. */
export function parseResponse<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  origin: ResponseOrigin,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw protocolError(origin, describeIssues(result.error.issues, value), value);
}

/** A `protocol` error for a response this client cannot read (wrong shape, missing field, undecodable value). */
export function protocolError(
  origin: ResponseOrigin,
  problem: string,
  offending?: unknown,
): SuperOfficeError {
  const item = origin.index === undefined ? '' : ` item ${origin.index}`;
  const page = origin.skip === undefined ? '' : ` (page at $skip=${origin.skip})`;
  const subject = `response${item}${page}`;
  return new SuperOfficeError({
    kind: 'protocol',
    message: `${origin.request}: ${subject} ${problem}`,
    remedy: `SuperOffice answered ${origin.request} in a shape this client cannot read (${subject} ${problem}). Check that the tenant API base is right; if it is, the API has changed: report it with this message.`,
    retryable: false,
    status: origin.status,
    request: origin.request,
    body: offending === undefined ? undefined : safeJson(offending),
  });
}

/** A `validation` error for bad input given to a builder or resource method; nothing was sent. */
export function validationError(message: string, remedy?: string): SuperOfficeError {
  return new SuperOfficeError({
    kind: 'validation',
    message,
    remedy: remedy ?? `Fix the input: ${message}.`,
    retryable: false,
    status: 0,
  });
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function describeIssues(issues: readonly z.core.$ZodIssue[], value: unknown): string {
  const [first, ...rest] = issues;
  if (!first) return 'is invalid';
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
  return `${describeIssue(first, value)}${more}`;
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  if (path.length === 0) return `is invalid: ${issue.message}`;
  const actual = valueAt(root, path);
  const what = `field "${formatPath(path)}"`;
  if (actual === undefined) return `${what} is required but missing`;
  if (actual === null) return `${what} is required but null`;
  return `${what} is invalid: ${issue.message}`;
}

/** `["Emails", 0, "Value"]` → `Emails[0].Value`. */
function formatPath(path: readonly (string | number)[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
