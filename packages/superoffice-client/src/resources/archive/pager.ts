import type { SuperOfficeResponse } from '../../http/transport.js';
import { protocolError, type ResponseOrigin, validationError } from '../shared/errors.js';
import type { ArchivePage, Paginated, ToArrayOptions } from './paginated.js';

/** Rows per request when the caller gives none. The maximum `$top` is undocumented (GAP, §14); 500 as in §14. */
export const DEFAULT_ARCHIVE_PAGE_SIZE = 500;

/** Options of {@link paginateArchive}. */
export interface PaginateArchiveOptions<T> {
  /** `GET path` of the list request, for error messages. */
  readonly request: string;
  /** Sends one page request with `$skip` and `$top`. */
  readonly fetchPage: (skip: number, top: number) => Promise<SuperOfficeResponse>;
  /** Validates and coerces one row; throw to reject it. */
  readonly parseRow: (row: unknown, origin: ResponseOrigin) => T;
  /** Rows per page (`$top`); defaults to {@link DEFAULT_ARCHIVE_PAGE_SIZE}. */
  readonly pageSize?: number | undefined;
  /** `$skip` of the first page; defaults to 0. */
  readonly skip?: number | undefined;
  /** Stop after this many rows in total. */
  readonly limit?: number | undefined;
}

/**
 * Pages an archive list per superoffice.md §24 item 9: explicit `$top`/`$skip` on every request, stopping on an empty
 * page or one shorter than `$top`; `odata.nextLink` is never trusted. A page whose first row repeats the previous
 * page's (a server ignoring `$skip`) is a protocol error rather than an endless loop.
 */
export function paginateArchive<T>(options: PaginateArchiveOptions<T>): Paginated<T> {
  const pageSize = options.pageSize ?? DEFAULT_ARCHIVE_PAGE_SIZE;
  assertCount('pageSize', pageSize, 1);
  assertCount('skip', options.skip ?? 0, 0);
  if (options.limit !== undefined) assertCount('limit', options.limit, 0);
  const pages = (limit = options.limit): AsyncGenerator<ArchivePage<T>> =>
    pageGenerator(options, pageSize, limit);
  async function* rows(): AsyncGenerator<T> {
    for await (const page of pages()) yield* page.items;
  }
  return {
    [Symbol.asyncIterator]: () => rows(),
    pages: () => pages(),
    async toArray({ limit }: ToArrayOptions): Promise<T[]> {
      assertCount('limit', limit, 0);
      const capped = options.limit === undefined ? limit : Math.min(options.limit, limit);
      const collected: T[] = [];
      for await (const page of pages(capped)) collected.push(...page.items);
      return collected;
    },
  };
}

async function* pageGenerator<T>(
  options: PaginateArchiveOptions<T>,
  pageSize: number,
  limit: number | undefined,
): AsyncGenerator<ArchivePage<T>> {
  let skip = options.skip ?? 0;
  let delivered = 0;
  let previousFirst: string | undefined;
  while (limit === undefined || delivered < limit) {
    const top = limit === undefined ? pageSize : Math.min(pageSize, limit - delivered);
    const response = await options.fetchPage(skip, top);
    const origin: ResponseOrigin = { request: options.request, status: response.status, skip };
    const rows = readRows(response.body, origin);
    if (rows.length === 0) return;
    const first = JSON.stringify(rows[0]);
    if (first === previousFirst)
      throw protocolError(origin, 'repeats the previous page: the server ignored $skip');
    previousFirst = first;
    const items = rows.slice(0, top).map((row, index) => options.parseRow(row, { ...origin, index }));
    yield { skip, top, items };
    delivered += items.length;
    if (rows.length < top) return;
    skip += rows.length;
  }
}

function readRows(body: unknown, origin: ResponseOrigin): readonly unknown[] {
  if (typeof body === 'object' && body !== null && Array.isArray((body as { value?: unknown }).value)) {
    return (body as { value: unknown[] }).value;
  }
  throw protocolError(
    origin,
    'field "value" is required but missing: expected an archive list {"value":[…]}',
    body,
  );
}

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw validationError(`${name} must be an integer of at least ${min}, got ${String(value)}`);
  }
}
