import type { z } from 'zod';
import { VismaError } from '../errors/visma-error.js';

/** Where a value being parsed came from, so a protocol error can name the request and the item. */
export interface ResponseOrigin {
  /** `METHOD path` of the request, e.g. `GET /customer`. */
  readonly request: string;
  /** HTTP status of the response. */
  readonly status: number;
  /** For lists: the page the value came from. */
  readonly pageNumber?: number | undefined;
  /** For list items: the item's index in that page's array. */
  readonly index?: number | undefined;
}

/**
 * Validates a response value against a read schema. A mismatch throws a {@link VismaError} of kind `protocol` whose
 * message names the request, the item and the field path, e.g.
 * `GET /customer: response item 3 (page 1) field "number" is required but missing`.
 */
export function parseResponse<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  origin: ResponseOrigin,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw protocolError(origin, describeIssues(result.error.issues, value), value);
}

/** A `protocol` error for a response this client cannot read (wrong shape, missing header). */
export function protocolError(origin: ResponseOrigin, problem: string, offending?: unknown): VismaError {
  const item = origin.index === undefined ? '' : ` item ${origin.index}`;
  const page = origin.pageNumber === undefined ? '' : ` (page ${origin.pageNumber})`;
  const subject = `response${item}${page}`;
  return new VismaError({
    kind: 'protocol',
    message: `${origin.request}: ${subject} ${problem}`,
    remedy: `Visma.net answered ${origin.request} in a shape this client cannot read (${subject} ${problem}). Check that the API base URL points at Visma.net Financials /v1; if it does, the API has changed: report it with this message.`,
    retryable: false,
    status: origin.status,
    request: origin.request,
    body: offending === undefined ? undefined : JSON.stringify(offending),
  });
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

/** `["invoiceLines", 0, "quantity"]` → `invoiceLines[0].quantity`. */
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
