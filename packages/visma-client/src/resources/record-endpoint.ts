import type { z } from 'zod';
import type { VismaTransport } from '../http/transport.js';
import type { Paginated } from './pagination.js';
import type {
  ListOptions,
  ModifiedSinceOptions,
  RequestOptions,
  ResourceOptions,
  WriteOptions,
} from './request-options.js';
import { resourceContext } from './resource-context.js';
import {
  createRecord,
  getRecord,
  listRecords,
  modifiedSinceQuery,
  type QueryFilters,
  updateRecord,
} from './resource-requests.js';
import type { CreateResult, UpdateResult, WithEtag } from './results.js';

/**
 * The requests of one record collection (e.g. `/customer`), bound to its transport, time zone and read schema, so a
 * resource class only says which path and which filters.
 */
export interface RecordEndpoint<Item> {
  /** `GET collection?modifiedSince-filter&filters`, page by page. */
  list(filters: QueryFilters, options: ListOptions & ModifiedSinceOptions): Paginated<Item>;
  /** `GET path` of one record, with its ETag. */
  get(path: string, options: RequestOptions): Promise<WithEtag<Item>>;
  /** `POST collection` with a DtoValue body. */
  create(write: object, options: RequestOptions): Promise<CreateResult>;
  /** `PUT path` with a partial DtoValue body; returns the new ETag. */
  update(path: string, changes: object, options: WriteOptions): Promise<UpdateResult>;
}

/** Builds the {@link RecordEndpoint} of `collection`; an unknown time zone fails here, at construction. */
export function recordEndpoint<Schema extends z.ZodType<object>>(
  transport: VismaTransport,
  options: ResourceOptions,
  collection: string,
  schema: Schema,
): RecordEndpoint<z.output<Schema>> {
  const context = resourceContext(transport, options);
  return {
    list: (filters, listOptions) =>
      listRecords(
        context,
        collection,
        schema,
        { ...modifiedSinceQuery(context, listOptions), ...filters },
        listOptions,
      ),
    get: (path, requestOptions) => getRecord(context, path, schema, requestOptions),
    create: (write, requestOptions) => createRecord(context, collection, write, requestOptions),
    update: (path, changes, writeOptions) => updateRecord(context, path, changes, writeOptions),
  };
}
