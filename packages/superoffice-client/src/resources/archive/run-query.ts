import type { SuperOfficeTransport } from '../../http/transport.js';
import { protocolError, type ResponseOrigin } from '../shared/errors.js';
import { type ArchiveQuery, archiveQueryParams } from './archive-query.js';
import {
  type ArchiveRow,
  type ColumnType,
  type ColumnTypes,
  coerceCell,
  type NoColumnTypes,
} from './columns.js';
import { paginateArchive } from './pager.js';
import type { Paginated } from './paginated.js';

/** Where an entity's archive list lives: `GET path` with the provider's primary-key column. */
export interface ArchiveSource {
  /** `/v1/Contact`. */
  readonly path: string;
  /** `contactId`: ordered by, and coerced to `int` by default. */
  readonly primaryKey: string;
}

/**
 * Runs an archive query page by page (superoffice.md §14, §24 item 9) and coerces each SLIM row per `query.types`.
 * A row without `PrimaryKey`, a missing selected column or an uncoercible cell is a protocol error naming it.
 */
export function runArchiveQuery<
  const Column extends string,
  const Types extends ColumnTypes<Column> = NoColumnTypes,
>(
  transport: SuperOfficeTransport,
  source: ArchiveSource,
  query: ArchiveQuery<Column, Types>,
): Paginated<ArchiveRow<Column, Types>> {
  archiveQueryParams(query, source.primaryKey, 0, 1); // refuse bad input before the first page is asked for
  const types: Record<string, ColumnType | undefined> = { [source.primaryKey]: 'int', ...query.types };
  return paginateArchive({
    request: `GET ${source.path}`,
    pageSize: query.pageSize,
    skip: query.skip,
    limit: query.limit,
    fetchPage: (skip, top) =>
      transport.send({
        method: 'GET',
        path: source.path,
        query: { ...archiveQueryParams(query, source.primaryKey, skip, top) },
        signal: query.signal,
      }),
    parseRow: (row, origin) => coerceRow(row, query.select, types, origin) as ArchiveRow<Column, Types>,
  });
}

function coerceRow(
  row: unknown,
  select: readonly string[],
  types: Readonly<Record<string, ColumnType | undefined>>,
  origin: ResponseOrigin,
): Record<string, unknown> {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw protocolError(origin, 'is not an archive row object', row);
  }
  const cells = row as Record<string, unknown>;
  const primaryKey = coerceCell(cells.PrimaryKey, 'int');
  if (typeof primaryKey !== 'number') {
    throw protocolError(
      origin,
      `field "PrimaryKey" is ${cells.PrimaryKey === undefined ? 'required but missing' : 'not an integer'}`,
      row,
    );
  }
  const coerced: Record<string, unknown> = {
    ...cells,
    PrimaryKey: primaryKey,
    EntityName: typeof cells.EntityName === 'string' ? cells.EntityName : '',
  };
  for (const column of select) {
    if (!(column in cells)) throw protocolError(origin, `field "${column}" is required but missing`, row);
    const type = types[column] ?? 'string';
    const value = coerceCell(cells[column], type);
    if (value === undefined) {
      throw protocolError(
        origin,
        `field "${column}" is invalid: ${JSON.stringify(cells[column])} is not a ${type}`,
        row,
      );
    }
    coerced[column] = value;
  }
  return coerced;
}
