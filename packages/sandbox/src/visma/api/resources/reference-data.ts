import type { ApiRequestContext, ApiResponse } from '../context.js';
import type { CreditTermDto } from '../dtos.js';
import { type BasePaginationDto, paginate, parsePaging, withMetadata } from '../paging.js';
import type { Route } from '../router.js';
import { recordNotFound } from '../writes.js';

/**
 * Reference data: customer classes (visma-net.md §7.1 "Customer class", a bare array with per-element metadata) and
 * credit terms (the `BasePaginationDto` variant that §6 lists for CreditTerm).
 */

function customerClasses(context: ApiRequestContext): ApiResponse {
  const page = paginate(context.company.customerClasses, parsePaging(context.query, context.maxPageSize));
  return { status: 200, json: withMetadata(page.items, page.totalCount, context.maxPageSize) };
}

function customerClass(context: ApiRequestContext): ApiResponse {
  const id = context.params.id ?? '';
  const found = context.company.customerClass(id) ?? recordNotFound('CustomerClass', id);
  return { status: 200, json: found };
}

/** visma-net.md §6: `{"pageNumber":1,"pageSize":100,"totalCount":7,"records":[…]}`. */
function creditTerms(context: ApiRequestContext): ApiResponse {
  const request = parsePaging(context.query, context.maxPageSize);
  const page = paginate(context.company.creditTerms, request);
  const body: BasePaginationDto<CreditTermDto> = {
    pageNumber: request.pageNumber,
    pageSize: request.pageSize,
    totalCount: page.totalCount,
    records: page.items,
  };
  return { status: 200, json: body };
}

function creditTerm(context: ApiRequestContext): ApiResponse {
  const id = context.params.id ?? '';
  return { status: 200, json: context.company.creditTerm(id) ?? recordNotFound('CreditTerm', id) };
}

/** Reference-data routes. */
export const referenceDataRoutes = [
  { method: 'GET', pattern: '/v1/customer/customerClass', handler: customerClasses },
  { method: 'GET', pattern: '/v1/customer/customerClass/:id', handler: customerClass },
  { method: 'GET', pattern: '/v1/creditterm', handler: creditTerms },
  { method: 'GET', pattern: '/v1/creditterm/:id', handler: creditTerm },
] as const satisfies readonly Route[];
