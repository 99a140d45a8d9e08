import type { z } from 'zod';
import type { QueryValue, VismaTransport } from '../http/transport.js';
import { lastModifiedFilter } from './date-filter.js';
import { toDtoValue } from './dto-value.js';
import { ifMatchHeader } from './etag.js';
import { type Paginated, paginate } from './pagination.js';
import { parseResponse } from './parse-response.js';
import type { ListOptions, ModifiedSinceOptions, RequestOptions, WriteOptions } from './request-options.js';
import {
  type CreateResult,
  readCreateResult,
  readUpdateResult,
  type UpdateResult,
  type WithEtag,
  withEtag,
} from './results.js';

/** What every resource needs: the transport and the time zone for date filters. */
export interface ResourceContext {
  readonly transport: VismaTransport;
  readonly timeZone: string;
}

/** Query filters of a list; `undefined` values are left out of the URL. */
export type QueryFilters = Readonly<Record<string, QueryValue>>;

/** `GET path?filters&pageNumber&pageSize`, one page at a time. */
export function listRecords<Schema extends z.ZodType>(
  context: ResourceContext,
  path: string,
  schema: Schema,
  filters: QueryFilters,
  options: ListOptions,
): Paginated<z.output<Schema>> {
  const query = definedOnly(filters);
  return paginate({
    request: `GET ${path}`,
    pageSize: options.pageSize,
    limit: options.limit,
    fetchPage: (page) =>
      context.transport.send({
        method: 'GET',
        path,
        query: { ...query, pageNumber: page.pageNumber, pageSize: page.pageSize },
        signal: options.signal,
      }),
    parseItem: (item, origin) => parseResponse(schema, item, origin),
  });
}

/** `GET path` of one record, with its ETag. */
export async function getRecord<Schema extends z.ZodType<object>>(
  context: ResourceContext,
  path: string,
  schema: Schema,
  options: RequestOptions,
): Promise<WithEtag<z.output<Schema>>> {
  const response = await context.transport.send({ method: 'GET', path, signal: options.signal });
  const record = parseResponse(schema, response.body, { request: `GET ${path}`, status: response.status });
  return withEtag(record, response);
}

/** `POST path` with a DtoValue body; the id comes from `Location`. */
export async function createRecord(
  context: ResourceContext,
  path: string,
  write: object,
  options: RequestOptions,
): Promise<CreateResult> {
  const response = await context.transport.send({
    method: 'POST',
    path,
    json: toDtoValue(write),
    signal: options.signal,
  });
  return readCreateResult(response, { request: `POST ${path}`, status: response.status });
}

/** `PUT path` with a partial DtoValue body; returns the new ETag. */
export async function updateRecord(
  context: ResourceContext,
  path: string,
  changes: object,
  options: WriteOptions,
): Promise<UpdateResult> {
  const response = await context.transport.send({
    method: 'PUT',
    path,
    json: toDtoValue(changes),
    headers: ifMatchHeaders(options),
    signal: options.signal,
  });
  return readUpdateResult(response);
}

/** The `If-Match` header for a write, or none. */
export function ifMatchHeaders(options: WriteOptions): Readonly<Record<string, string>> | undefined {
  return options.ifMatch === undefined ? undefined : { 'If-Match': ifMatchHeader(options.ifMatch) };
}

/** `lastModifiedDateTime` + `lastModifiedDateTimeCondition`, or nothing when no `modifiedSince` was given. */
export function modifiedSinceQuery(context: ResourceContext, options: ModifiedSinceOptions): QueryFilters {
  if (options.modifiedSince === undefined) return {};
  return lastModifiedFilter(options.modifiedSince, {
    condition: options.modifiedCondition,
    timeZone: context.timeZone,
  });
}

function definedOnly(filters: QueryFilters): Record<string, string | number | boolean> {
  const query: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) query[key] = value;
  return query;
}
