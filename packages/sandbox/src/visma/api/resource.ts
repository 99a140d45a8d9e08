import type { VismaCompanyData } from './company-data.js';
import type { ApiHandler, ApiRequestContext, ApiResponse } from './context.js';
import type { IdDescriptionDto } from './dtos.js';
import { validationError } from './errors.js';
import {
  allOf,
  candidateRows,
  dateCondition,
  equalsFilter,
  equalsValue,
  type IndexedEquals,
} from './filters.js';
import { listResponse } from './list.js';
import { formatTimestamp, type RecordTable, type Row, type TimestampedDto } from './record-table.js';
import type { Route } from './router.js';
import { checkIfMatch, created, single, updated } from './writes.js';

/**
 * The route mechanism shared by the resources backed by a {@link RecordTable}: filtered list GETs (visma-net.md §6),
 * single GETs with `ETag`, creates (201 + `Location`) and partial PUTs with `If-Match` (§5.2–5.4).
 */

/** A RecordTable-backed resource: where its records live and how a request names one of them. */
export interface RecordResource<T extends TimestampedDto> {
  /** The company's table of these records. */
  readonly table: (company: VismaCompanyData) => RecordTable<T>;
  /** The row a request's path parameters name, or a 404. */
  readonly find: (context: ApiRequestContext) => Row<T>;
}

/** The date filters (visma-net.md §6 `<name>` + `<name>Condition`) and the row time each compares. */
const DATE_FIELDS = {
  lastModifiedDateTime: (row: Row<unknown>) => row.modifiedMs,
  createdDateTime: (row: Row<unknown>) => row.createdMs,
} as const;

/** The filters a list GET accepts. */
export interface ListFilters<T> {
  /** Case-insensitive equality filters: query parameter → the field it compares. */
  readonly equals: Readonly<Record<string, (record: T) => string | undefined>>;
  /** The date filters the resource accepts. */
  readonly dates: readonly (keyof typeof DATE_FIELDS)[];
  /** Resource-specific filters built from the query, `undefined` when absent. */
  readonly other?: (query: URLSearchParams) => ((row: Row<T>) => boolean) | undefined;
}

/** A list GET handler answering with the table's rows that pass every filter in the query. */
export function listHandler<T extends TimestampedDto>(
  resource: RecordResource<T>,
  filters: ListFilters<T>,
): ApiHandler {
  return (context) => {
    const { query } = context;
    const predicates: (((row: Row<T>) => boolean) | undefined)[] = [];
    const indexed: IndexedEquals<T>[] = [];
    for (const [name, field] of Object.entries(filters.equals)) {
      const matches = equalsFilter(query, name);
      predicates.push(matches && ((row) => matches(field(row.record))));
      const value = equalsValue(query, name);
      if (value !== undefined) indexed.push({ name, field, value });
    }
    predicates.push(filters.other?.(query));
    for (const name of filters.dates) {
      const matches = dateCondition(query, name);
      const time = DATE_FIELDS[name];
      predicates.push(matches && ((row) => matches(time(row))));
    }
    const table = resource.table(context.company);
    return listResponse(context, candidateRows(table, indexed), allOf(predicates));
  };
}

/** A single GET handler: the named record with its `ETag`. */
export function getHandler<T extends TimestampedDto>(resource: RecordResource<T>): ApiHandler {
  return (context) => single(resource.find(context).record);
}

/**
 * A partial PUT handler: finds the row, checks `If-Match`, lets `apply` validate and apply the body, then stamps the
 * write and answers 204 with the new `ETag`.
 */
export function updateHandler<T extends TimestampedDto>(
  resource: RecordResource<T>,
  apply: (context: ApiRequestContext, record: T) => void,
): ApiHandler {
  return (context) => {
    const row = resource.find(context);
    checkIfMatch(context, row.record.timeStamp);
    apply(context, row.record);
    resource.table(context.company).touch(row);
    return updated(row.record.timeStamp);
  };
}

/** The creation and modification times of a record created at `now`, and its `timeStamp` placeholder. */
export function newRecordTimes(now: number): TimestampedDto {
  return { createdDateTime: formatTimestamp(now), lastModifiedDateTime: formatTimestamp(now), timeStamp: '' };
}

/** Stamps a new record, stores it and answers the create (201, `Location` = `path`). */
export function insertCreated<T extends TimestampedDto>(
  context: ApiRequestContext,
  resource: RecordResource<T>,
  record: T,
  now: number,
  path: string,
): ApiResponse {
  record.timeStamp = context.company.nextTimeStamp();
  resource.table(context.company).insert(record, now, now);
  return created(context, path, record.timeStamp);
}

/**
 * visma-net.md §5.2 "PUT is partial" for a reference written by id: omitted → untouched, `""`/`null` → cleared, else
 * the id is looked up and an unknown one is a 400 with the `notFound` text.
 */
export function applyReference<T extends object, K extends keyof T & string>(
  target: T,
  key: K,
  id: string | null | undefined,
  lookup: (id: string) => T[K] | undefined,
  notFound: (id: string) => string,
): void {
  if (id === null || id === '') delete target[key];
  else if (id !== undefined) {
    const value = lookup(id);
    if (value === undefined) throw validationError(notFound(id));
    target[key] = value;
  }
}

/** Applies a `creditTermsId` write (customers, suppliers and invoices share its rules and error text). */
export function applyCreditTerms(
  context: ApiRequestContext,
  target: { creditTerms?: IdDescriptionDto },
  creditTermsId: string | null | undefined,
  label: string,
): void {
  applyReference(
    target,
    'creditTerms',
    creditTermsId,
    (id) => {
      const term = context.company.creditTerm(id);
      return term && { id: term.id, description: term.description };
    },
    (id) => `${label}. Error: Credit Terms '${id}' cannot be found in the system.`,
  );
}

/** The handlers of a resource's routes; each key is one route per key pattern (list and create have none). */
export interface ResourceHandlers {
  /** `GET <base>`. */
  readonly list: ApiHandler;
  /** `POST <base>`. */
  readonly create: ApiHandler;
  /** `GET <base><key>`. */
  readonly get: ApiHandler;
  /** `PUT <base><key>`. */
  readonly update: ApiHandler;
  /** `DELETE <base><key>`, for resources that allow it. */
  readonly remove?: ApiHandler;
}

/** The list/create routes on `base` and the get/update(/delete) routes on each `base` + key pattern. */
export function resourceRoutes(
  base: string,
  keyPatterns: readonly string[],
  handlers: ResourceHandlers,
): Route[] {
  const routes: Route[] = [
    { method: 'GET', pattern: base, handler: handlers.list },
    { method: 'POST', pattern: base, handler: handlers.create },
  ];
  for (const key of keyPatterns) {
    routes.push({ method: 'GET', pattern: `${base}${key}`, handler: handlers.get });
    routes.push({ method: 'PUT', pattern: `${base}${key}`, handler: handlers.update });
    if (handlers.remove)
      routes.push({ method: 'DELETE', pattern: `${base}${key}`, handler: handlers.remove });
  }
  return routes;
}
