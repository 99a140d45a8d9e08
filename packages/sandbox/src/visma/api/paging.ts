import { validationError } from './errors.js';

/**
 * visma-net.md §6 "Pagination": `pageNumber` (1-based) + `pageSize` on every list; a `pageSize` above the maximum is
 * silently capped; the response is a bare array whose every element carries `metadata{totalCount,maxPageSize}`;
 * the `BasePaginationDto` variant `{pageNumber,pageSize,totalCount,records}` exists for a few endpoints.
 */

/** A validated page request. */
export interface PageRequest {
  /** 1-based. */
  readonly pageNumber: number;
  /** Already capped at the maximum. */
  readonly pageSize: number;
}

/**
 * Page size when the client sends none. UNCERTAIN (visma-net.md §6, §12.7: the default is not documented; Visma
 * warns that without paging parameters "you will potentially not receive the complete resultset"). We pick 100, so a
 * client that forgets `pageSize` sees an incomplete first page rather than everything.
 */
export const DEFAULT_PAGE_SIZE = 100;

function positiveInteger(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw validationError(
      `The value '${raw}' is not valid for ${name}. It must be a whole number of 1 or more.`,
    );
  }
  return value;
}

/** Reads `pageNumber`/`pageSize` from a query; a `pageSize` above `maxPageSize` is capped without notice (§6). */
export function parsePaging(query: URLSearchParams, maxPageSize: number): PageRequest {
  const pageNumber = positiveInteger(query, 'pageNumber') ?? 1;
  const pageSize = Math.min(
    positiveInteger(query, 'pageSize') ?? Math.min(DEFAULT_PAGE_SIZE, maxPageSize),
    maxPageSize,
  );
  return { pageNumber, pageSize };
}

/** One page of matches plus the number of all matches. */
export interface Page<T> {
  readonly totalCount: number;
  readonly items: T[];
}

/**
 * Pages through `rows` in their stored (stable) order. Without a filter this is a slice; with one it is a single
 * linear scan that keeps only the requested window. Exact-match filters pass only their candidates from a field
 * index here (`candidateRows` in filters.ts), so a lookup by e-mail or number scans its matches, not the table.
 */
export function paginate<T>(rows: readonly T[], page: PageRequest, matches?: (row: T) => boolean): Page<T> {
  const start = (page.pageNumber - 1) * page.pageSize;
  if (!matches) return { totalCount: rows.length, items: rows.slice(start, start + page.pageSize) };
  const items: T[] = [];
  let totalCount = 0;
  for (const row of rows) {
    if (!matches(row)) continue;
    if (totalCount >= start && items.length < page.pageSize) items.push(row);
    totalCount++;
  }
  return { totalCount, items };
}

/** visma-net.md §6: `metadata{totalCount,maxPageSize}` inside every element of the bare array. Past the end: `[]`. */
export function withMetadata<T extends object>(
  items: readonly T[],
  totalCount: number,
  maxPageSize: number,
): Array<T & { metadata: { totalCount: number; maxPageSize: number } }> {
  return items.map((item) => ({ ...item, metadata: { totalCount, maxPageSize } }));
}

/** visma-net.md §6: the `BasePaginationDto` variant `{pageNumber,pageSize,totalCount,records}`. */
export interface BasePaginationDto<T> {
  /** The page returned, 1-based. */
  readonly pageNumber: number;
  /** Page size used, after capping at the maximum. */
  readonly pageSize: number;
  /** Number of all matching records, across pages. */
  readonly totalCount: number;
  /** The records of this page; empty past the end. */
  readonly records: T[];
}
