import { validationError } from '../shared/errors.js';
import type { ColumnTypes } from './columns.js';
import type { Filter } from './filter.js';
import { checkColumn } from './filter-values.js';

/** An archive query against an entity list (`GET /v1/Contact` = the `SimpleContact` provider, §14). */
export interface ArchiveQuery<
  Column extends string,
  Types extends ColumnTypes<Column> = ColumnTypes<Column>,
> {
  /** `$select`: provider columns (not entity properties); select narrowly (§24 item 9). */
  readonly select: readonly Column[];
  /** How to coerce the SLIM string cells; unlisted columns stay strings. The primary key defaults to `int`. */
  readonly types?: Types | undefined;
  /** `$filter`: a {@link Filter} from the builder, or raw dialect text (sent as-is). */
  readonly filter?: Filter | string | undefined;
  /** Extra `$orderby` keys (`name`, `name desc`) before the primary key, which is always appended. */
  readonly orderBy?: readonly string[] | undefined;
  /** Rows per request (`$top`); defaults to 500. */
  readonly pageSize?: number | undefined;
  /** `$skip` of the first page; defaults to 0. */
  readonly skip?: number | undefined;
  /** Stop after this many rows. */
  readonly limit?: number | undefined;
  /** Aborts the requests. */
  readonly signal?: AbortSignal | undefined;
}

/** The query parameters of one page, in the order of the §14 example. */
export interface ArchiveQueryParams {
  /** Comma-separated columns. */
  readonly $select: string;
  /** The filter text, when any. */
  readonly $filter?: string;
  /** Order keys ending with the primary key. */
  readonly $orderby: string;
  /** Page size. */
  readonly $top: number;
  /** Offset. */
  readonly $skip: number;
}

const ORDER_KEY = /^(\S+)(?: (asc|desc))?$/;

/**
 * Builds the query parameters of one archive page (superoffice.md §14): `$select`, `$filter`, `$orderby` ending with
 * the primary key (always, so `$skip` paging is stable), and explicit `$top`/`$skip`.
 *
 * @example
 * ```ts
 * archiveQueryParams({ select: ['contactId', 'name'] }, 'contactId', 0, 500);
 * // { $select: 'contactId,name', $orderby: 'contactId', $top: 500, $skip: 0 }
 * ```
 */
export function archiveQueryParams(
  query: Pick<ArchiveQuery<string>, 'select' | 'filter' | 'orderBy'>,
  primaryKey: string,
  skip: number,
  top: number,
): ArchiveQueryParams {
  if (query.select.length === 0) throw validationError('$select needs at least one column');
  for (const column of query.select) checkColumn(column);
  const orderBy = (query.orderBy ?? []).map(checkOrderKey);
  if (!orderBy.some((key) => key.split(' ')[0] === primaryKey)) orderBy.push(primaryKey);
  const filter = query.filter === undefined ? '' : String(query.filter).trim();
  return {
    $select: query.select.join(','),
    ...(filter === '' ? {} : { $filter: filter }),
    $orderby: orderBy.join(','),
    $top: top,
    $skip: skip,
  };
}

function checkOrderKey(key: string): string {
  const match = ORDER_KEY.exec(key.trim());
  if (!match?.[1])
    throw validationError(`$orderby key ${JSON.stringify(key)} must be "column" or "column asc|desc"`);
  checkColumn(match[1]);
  return match[2] === undefined ? match[1] : `${match[1]} ${match[2]}`;
}
