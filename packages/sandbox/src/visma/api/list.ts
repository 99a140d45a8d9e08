import type { ApiRequestContext, ApiResponse } from './context.js';
import { paginate, parsePaging, withMetadata } from './paging.js';
import type { Row } from './record-table.js';

/**
 * Answers a list GET (visma-net.md §6): bare JSON array, `metadata{totalCount,maxPageSize}` on every element, paging
 * honoured and capped, stable order, `[]` past the end. No `ETag` header on lists (§5.4 "Pagination Note").
 */
export function listResponse<T extends object>(
  context: ApiRequestContext,
  rows: readonly Row<T>[],
  matches: ((row: Row<T>) => boolean) | undefined,
): ApiResponse {
  const page = paginate(rows, parsePaging(context.query, context.maxPageSize), matches);
  return {
    status: 200,
    json: withMetadata(
      page.items.map((row) => row.record),
      page.totalCount,
      context.maxPageSize,
    ),
  };
}
