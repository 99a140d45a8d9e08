import { formatSoDate, storedDateMs } from './dates.js';
import type { JsonObject, JsonValue } from './json.js';

/**
 * Archive provider columns (superoffice.md §14): what `$select` picks, `$filter` restricts and `$orderby` sorts.
 * Each column reads a stored entity and yields a typed value for filtering plus the SLIM display string.
 */

/** Column restriction types (§14 table): which operators apply. */
export type ColumnType = 'int' | 'string' | 'list' | 'date' | 'bool' | 'number';

/** A typed column value: numbers for int/list (the item id)/number, epoch ms for dates. */
export type ColumnValue = number | string | boolean | undefined;

/** One archive column. */
export interface ArchiveColumn {
  /** Column name as `$select`/`$filter` spell it, e.g. `contactId`, `postAddress/city`. */
  readonly name: string;
  /** Restriction type. */
  readonly type: ColumnType;
  /** Typed value for filters and ordering. */
  value(entity: JsonObject): ColumnValue;
  /** SLIM display value: always a string (§14). */
  display(entity: JsonObject): string;
}

/** Reads a dotted path (`Address.Postal.City`, `Emails.0.Value`) from an entity. */
export function at(entity: JsonObject, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = entity;
  for (const part of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(part)] : current[part];
  }
  return current;
}

/** An integer column. */
export function intColumn(name: string, path: string): ArchiveColumn {
  const value = (e: JsonObject) => {
    const v = at(e, path);
    return typeof v === 'number' ? v : 0;
  };
  return { name, type: 'int', value, display: (e) => String(value(e)) };
}

/** A decimal column. */
export function numberColumn(name: string, path: string): ArchiveColumn {
  const value = (e: JsonObject) => {
    const v = at(e, path);
    return typeof v === 'number' ? v : 0;
  };
  return { name, type: 'number', value, display: (e) => String(value(e)) };
}

/** A string column. */
export function stringColumn(name: string, path: string): ArchiveColumn {
  const value = (e: JsonObject) => {
    const v = at(e, path);
    return typeof v === 'string' ? v : '';
  };
  return { name, type: 'string', value, display: value };
}

/** A list column: filters on the item id (`category oneOf (3)`), displays the item name. */
export function listColumn(name: string, path: string, idKey = 'Id', nameKey = 'Value'): ArchiveColumn {
  return {
    name,
    type: 'list',
    value: (e) => {
      const v = at(e, `${path}.${idKey}`);
      return typeof v === 'number' ? v : 0;
    },
    display: (e) => {
      const v = at(e, `${path}.${nameKey}`);
      return typeof v === 'string' ? v : '';
    },
  };
}

/** A date/datetime column (stored as `yyyy-MM-ddTHH:mm:ss`); unset dates display as `''`. */
export function dateColumn(name: string, path: string): ArchiveColumn {
  const value = (e: JsonObject) => storedDateMs(at(e, path));
  return {
    name,
    type: 'date',
    value,
    display: (e) => {
      const ms = value(e);
      return ms === undefined ? '' : formatSoDate(ms);
    },
  };
}

/** A boolean column; SLIM displays `True`/`False` like .NET. */
export function boolColumn(name: string, read: (e: JsonObject) => boolean): ArchiveColumn {
  return { name, type: 'bool', value: read, display: (e) => (read(e) ? 'True' : 'False') };
}
