import { archiveColumn, archiveColumnNames } from './archive-columns.js';
import type { ArchiveColumn, ColumnValue } from './columns.js';
import type { SoRequestContext, SoResponse } from './context.js';
import type { EntityDescriptor } from './entities.js';
import { badRequest } from './errors.js';
import { compileFilter, type FilterPredicate } from './filter-parser.js';
import type { JsonObject, JsonValue } from './json.js';

/**
 * Archive lists `GET /v1/{Entity}?$select&$filter&$orderby&$top&$skip&$mode` (superoffice.md §14). SLIM mode (the
 * default) returns every value as its display string; FULL returns `{DisplayValue, RawValue}` per column (the full
 * carrier is UNCERTAIN). Rows are ordered by `$orderby` with the primary key as the final tie-breaker, so
 * `$orderby=<pk>` + `$top`/`$skip` pages stay stable while records are added (new keys sort last). `$top` above
 * `maxTop` is capped silently (the real maximum is a GAP); without `$top` a page holds `maxTop` rows.
 * `odata.nextLink` points at the next page while rows remain, else `null`; clients should still stop on a short page.
 */

function option(query: URLSearchParams, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of query) if (key.toLowerCase() === lower) return value;
  return undefined;
}

function count(query: URLSearchParams, name: string): number | undefined {
  const raw = option(query, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\d+$/.test(raw.trim()))
    throw badRequest(`${name} must be a whole number of 0 or more, got '${raw}'`);
  return Number(raw);
}

function column(descriptor: EntityDescriptor, name: string, option: string): ArchiveColumn {
  const found = archiveColumn(descriptor, name.trim());
  if (!found)
    throw badRequest(
      `${option}: unknown column '${name.trim()}' for ${descriptor.name} (known: ${archiveColumnNames(descriptor).join(', ')})`,
    );
  return found;
}

function compareValues(a: ColumnValue, b: ColumnValue): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === 'string' && typeof b === 'string')
    return a.localeCompare(b, 'nb', { sensitivity: 'base' });
  return a < b ? -1 : a > b ? 1 : 0;
}

function ordering(descriptor: EntityDescriptor, raw: string | undefined) {
  const keys = (raw ?? '')
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const [name = '', direction = 'asc', ...rest] = part.trim().split(/\s+/);
      if (rest.length > 0 || !/^(asc|desc)$/i.test(direction))
        throw badRequest(`$orderby: expected 'column [asc|desc]', got '${part.trim()}'`);
      return {
        column: column(descriptor, name, '$orderby'),
        sign: direction.toLowerCase() === 'desc' ? -1 : 1,
      };
    });
  const pk = column(descriptor, descriptor.pkColumn, '$orderby');
  return (a: JsonObject, b: JsonObject): number => {
    for (const key of keys) {
      const result = compareValues(key.column.value(a), key.column.value(b)) * key.sign;
      if (result !== 0) return result;
    }
    return compareValues(pk.value(a), pk.value(b));
  };
}

function rawValue(value: ColumnValue): JsonValue {
  return value === undefined ? null : value;
}

/** Answers an archive list request for an entity. */
export function archiveList(context: SoRequestContext, descriptor: EntityDescriptor): SoResponse {
  const { query } = context;
  const selectRaw = option(query, '$select');
  const names = selectRaw?.trim() ? selectRaw.split(',') : [...descriptor.defaultSelect];
  const selected = names.map((name) => column(descriptor, name, '$select'));
  const filterText = option(query, '$filter');
  const predicate: FilterPredicate | undefined = filterText?.trim()
    ? compileFilter(filterText, (name) => archiveColumn(descriptor, name), archiveColumnNames(descriptor))
    : undefined;
  const mode = (option(query, '$mode') ?? 'SLIM').toUpperCase();
  if (mode !== 'SLIM' && mode !== 'FULL') throw badRequest(`$mode must be SLIM or FULL, got '${mode}'`);
  const top = Math.min(count(query, '$top') ?? context.maxTop, context.maxTop);
  const skip = count(query, '$skip') ?? 0;
  const compare = ordering(descriptor, option(query, '$orderby'));

  const matches: JsonObject[] = [];
  for (const row of context.tenant.tables[descriptor.name].rows())
    if (!predicate || predicate(row)) matches.push(row);
  matches.sort(compare);
  const page = matches.slice(skip, skip + top);
  const value = page.map((row) => {
    const out: JsonObject = {
      PrimaryKey: mode === 'SLIM' ? String(row[descriptor.pk]) : (row[descriptor.pk] ?? null),
      EntityName: descriptor.table,
    };
    for (const col of selected) {
      out[col.name] =
        mode === 'SLIM'
          ? col.display(row)
          : { DisplayValue: col.display(row), RawValue: rawValue(col.value(row)), Tooltip: '', LinkHint: '' };
    }
    return out;
  });
  let nextLink: string | null = null;
  if (page.length > 0 && skip + page.length < matches.length) {
    const next = new URLSearchParams(query);
    for (const key of [...next.keys()]) if (/^\$(skip|top)$/i.test(key)) next.delete(key);
    next.set('$top', String(top));
    next.set('$skip', String(skip + page.length));
    nextLink = `${context.apiBase}/v1/${descriptor.name}?${next.toString()}`;
  }
  return {
    status: 200,
    json: {
      'odata.metadata': `${context.apiBase}/v1/Archive/$metadata#${descriptor.name}`,
      'odata.nextLink': nextLink,
      value,
    },
  };
}
