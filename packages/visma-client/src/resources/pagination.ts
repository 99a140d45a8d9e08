import { protocolError, type ResponseOrigin } from './parse-response.js';

/**
 * Paging of Visma.net list endpoints (visma-net.md §6): `pageNumber` (1-based) and `pageSize` are always sent,
 * the server silently caps `pageSize`, and the totals sit in a `metadata` object inside every array element (or,
 * for a few endpoints, in a `BasePaginationDto` wrapper). Metadata has gone missing before, so it is optional here.
 */

/** Page size asked for when the caller gives none; the documented example uses 500 (§6). */
export const DEFAULT_PAGE_SIZE = 500;

/** The paging parameters of one request. */
export interface PageParams {
  /** 1-based page number. */
  readonly pageNumber: number;
  /** Records asked for; the server may silently return fewer per page. */
  readonly pageSize: number;
}

/** The part of a response the pager reads (a `VismaResponse` fits). */
export interface PageResponse {
  /** HTTP status, for error messages. */
  readonly status: number;
  /** The parsed JSON body: an array of records, or a `BasePaginationDto`. */
  readonly body: unknown;
}

/** One page of records, for consumers that checkpoint per page (the sync engine). */
export interface Page<T> {
  /** The 1-based page number that was requested. */
  readonly pageNumber: number;
  /** The page's records, without their `metadata`; cut short when a `limit` is reached. */
  readonly items: readonly T[];
  /** The total number of records the server reported, when it did. */
  readonly totalCount: number | undefined;
  /** The page size the server actually applies (the requested size, or less when it capped it). */
  readonly pageSize: number;
}

/** Options for {@link paginate}. */
export interface PaginateOptions<T> {
  /** `METHOD path` of the list request, for error messages, e.g. `GET /customer`. */
  readonly request: string;
  /** Sends the list request for one page. */
  readonly fetchPage: (params: PageParams) => Promise<PageResponse>;
  /** Validates one record (already stripped of `metadata`); throw to reject it. */
  readonly parseItem: (item: unknown, origin: ResponseOrigin) => T;
  /** Records per page to ask for; defaults to {@link DEFAULT_PAGE_SIZE}. */
  readonly pageSize?: number | undefined;
  /** Stop after this many records in total. */
  readonly limit?: number | undefined;
  /**
   * The 1-based page to start at (default 1), so a read that checkpointed after page `n` resumes at `n + 1` with the
   * same `pageSize` instead of paging through everything again.
   */
  readonly firstPage?: number | undefined;
}

/** Options for {@link Paginated.toArray}. */
export interface ToArrayOptions {
  /** The most records to collect: required, so a forgotten filter cannot load a whole ledger into memory. */
  readonly limit: number;
}

/**
 * A lazily fetched list: iterate it with `for await`, or walk it page by page with {@link Paginated.pages}.
 * Each iteration starts again from page 1 (or from `firstPage` when the list was made with one).
 *
 * @example
 * ```ts
 * for await (const customer of client.customers.list({ modifiedSince: watermark })) {
 *   console.log(customer.number, customer.name);
 * }
 * const firstTen = await client.customers.list().toArray({ limit: 10 });
 * ```
 */
export interface Paginated<T> extends AsyncIterable<T> {
  /** Collects up to `limit` records into an array. */
  toArray(options: ToArrayOptions): Promise<T[]>;
  /** Yields whole pages, for consumers that checkpoint after each page. */
  pages(): AsyncIterable<Page<T>>;
}

/** What one response says, whichever of the two list shapes it has. */
interface RawPage {
  readonly items: readonly unknown[];
  readonly totalCount: number | undefined;
  readonly maxPageSize: number | undefined;
  /** `BasePaginationDto.pageSize`: the size the server applied. */
  readonly appliedPageSize: number | undefined;
}

/**
 * Turns a page fetcher into a {@link Paginated} list.
 *
 * Stop rule (§6 [infer]): stop on an empty page; when `totalCount` is known, stop once the pages so far cover it;
 * otherwise stop on a page shorter than the effective page size. The effective size is the requested size, lowered
 * to `maxPageSize` (or the applied `pageSize` of a `BasePaginationDto`), or to the first page's length when that
 * page is short but more records may follow (ON-IT's approach). So a silently capped page never ends the list early;
 * without metadata, the cost is at most one extra request that returns an empty page.
 *
 * @example
 * ```ts
 * const invoices = paginate({
 *   request: 'GET /customerinvoice',
 *   fetchPage: (page) => transport.send({ method: 'GET', path: '/customerinvoice', query: { ...page } }),
 *   parseItem: (item) => item,
 * });
 * ```
 */
export function paginate<T>(options: PaginateOptions<T>): Paginated<T> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  assertCount('pageSize', pageSize, 1);
  if (options.limit !== undefined) assertCount('limit', options.limit, 0);
  if (options.firstPage !== undefined) assertCount('firstPage', options.firstPage, 1);

  const pages = (): AsyncGenerator<Page<T>> => pageGenerator(options, pageSize);
  async function* items(): AsyncGenerator<T> {
    for await (const page of pages()) yield* page.items;
  }
  return {
    [Symbol.asyncIterator]: () => items(),
    pages,
    async toArray({ limit }: ToArrayOptions): Promise<T[]> {
      assertCount('limit', limit, 0);
      const cappedLimit = options.limit === undefined ? limit : Math.min(options.limit, limit);
      const collected: T[] = [];
      const limitedPages = pageGenerator({ ...options, limit: cappedLimit }, pageSize);
      for await (const page of limitedPages) collected.push(...page.items);
      return collected;
    },
  };
}

async function* pageGenerator<T>(options: PaginateOptions<T>, pageSize: number): AsyncGenerator<Page<T>> {
  const { limit } = options;
  if (limit === 0) return;
  // No point asking for more than the caller will take.
  const requested = limit === undefined ? pageSize : Math.min(pageSize, limit);
  let effectiveSize: number | undefined;
  let delivered = 0;
  let previousFirstItem: string | undefined;

  for (let pageNumber = options.firstPage ?? 1; ; pageNumber++) {
    const response = await options.fetchPage({ pageNumber, pageSize: requested });
    const origin: ResponseOrigin = { request: options.request, status: response.status, pageNumber };
    const raw = readPage(response.body, origin);
    if (raw.items.length === 0) return;

    // A server that ignores pageNumber would otherwise be paged forever (§9: "lost paging" bugs).
    const firstItem = JSON.stringify(raw.items[0]);
    if (firstItem === previousFirstItem) {
      throw protocolError(origin, `repeats page ${pageNumber - 1}: the server ignored pageNumber`);
    }
    previousFirstItem = firstItem;

    effectiveSize ??= effectivePageSize(requested, raw);
    const remaining = limit === undefined ? raw.items.length : limit - delivered;
    const items = raw.items
      .slice(0, remaining)
      .map((item, index) => options.parseItem(withoutMetadata(item), { ...origin, index }));
    yield { pageNumber, items, totalCount: raw.totalCount, pageSize: effectiveSize };
    delivered += items.length;

    if (limit !== undefined && delivered >= limit) return;
    if (raw.totalCount !== undefined) {
      if ((pageNumber - 1) * effectiveSize + raw.items.length >= raw.totalCount) return;
    } else if (raw.items.length < effectiveSize) {
      return;
    }
  }
}

function effectivePageSize(requested: number, first: RawPage): number {
  let size = requested;
  if (first.maxPageSize !== undefined && first.maxPageSize > 0) size = Math.min(size, first.maxPageSize);
  if (first.appliedPageSize !== undefined && first.appliedPageSize > 0)
    size = Math.min(size, first.appliedPageSize);
  const moreMayFollow = first.totalCount === undefined || first.totalCount > first.items.length;
  if (first.items.length < size && moreMayFollow) size = first.items.length;
  return size;
}

function readPage(body: unknown, origin: ResponseOrigin): RawPage {
  if (Array.isArray(body)) {
    const metadata = body.map(metadataOf).find((found) => found !== undefined);
    return {
      items: body,
      totalCount: count(metadata?.totalCount),
      maxPageSize: count(metadata?.maxPageSize),
      appliedPageSize: undefined,
    };
  }
  if (isRecord(body) && Array.isArray(body.records)) {
    // BasePaginationDto (§6): CreditTerm, DiscountCode, Discount, KitAssembly, KitSpecification, SalesPerson.
    const metadata = body.records.map(metadataOf).find((found) => found !== undefined);
    return {
      items: body.records,
      totalCount: count(body.totalCount) ?? count(metadata?.totalCount),
      maxPageSize: count(metadata?.maxPageSize),
      appliedPageSize: count(body.pageSize),
    };
  }
  throw protocolError(
    origin,
    'is not a list: expected a JSON array or a {pageNumber,pageSize,totalCount,records} page',
  );
}

function metadataOf(item: unknown): Record<string, unknown> | undefined {
  return isRecord(item) && isRecord(item.metadata) ? item.metadata : undefined;
}

function withoutMetadata(item: unknown): unknown {
  if (!isRecord(item) || !('metadata' in item)) return item;
  const { metadata: _metadata, ...record } = item;
  return record;
}

function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer of at least ${min}, got ${String(value)}`);
  }
}
