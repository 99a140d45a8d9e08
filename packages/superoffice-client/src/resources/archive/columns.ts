import { decodeDatePart, decodeDateTimePart } from '../udf/udf-dates.js';

/** How a SLIM archive cell (always a display string, superoffice.md §14) is coerced. */
export type ColumnType = 'string' | 'int' | 'float' | 'bool' | 'date' | 'datetime';

/**
 * The TypeScript type of a coerced cell: numbers for `int`/`float`, booleans for `bool`, strings otherwise (`date`
 * as `YYYY-MM-DD`, `datetime` as `YYYY-MM-DDTHH:mm:ss` in tenant time, or an ISO instant with `Z` when the server
 * sent an offset).
 */
export type ColumnValue<T extends ColumnType> = T extends 'int' | 'float'
  ? number
  : T extends 'bool'
    ? boolean
    : string;

/** Per-column coercions of a query; columns not listed stay strings. */
export type ColumnTypes<Column extends string> = { readonly [K in Column]?: ColumnType };

/** One archive row: `PrimaryKey` and `EntityName`, plus every selected column coerced per its type (empty → `null`). */
export type ArchiveRow<Column extends string, Types extends ColumnTypes<Column>> = {
  /** The row's primary key, coerced from the SLIM string. */
  readonly PrimaryKey: number;
  /** The entity name, e.g. `contact`. */
  readonly EntityName: string;
} & {
  readonly [K in Column]: (Types[K] extends ColumnType ? ColumnValue<Types[K]> : string) | null;
};

const INTEGER = /^-?\d+$/;
const ENCODED = /^\[(?:I|F|M|D|DT):(.*)\]$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Coerces one cell; `undefined` means "not readable as that type" (the caller raises a protocol error naming the
 * column). Empty cells are `null`. Encoded cells (`[I:12]`) are unwrapped first.
 */
export function coerceCell(raw: unknown, type: ColumnType): string | number | boolean | null | undefined {
  if (raw === null || raw === '') return null;
  if (type === 'string') return typeof raw === 'object' ? undefined : String(raw);
  if (typeof raw === 'number')
    return type === 'int' ? (Number.isSafeInteger(raw) ? raw : undefined) : coerceNumber(raw, type);
  if (typeof raw === 'boolean') return type === 'bool' ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = (ENCODED.exec(raw)?.[1] ?? raw).trim();
  if (text === '') return null;
  switch (type) {
    case 'int': {
      const compact = text.replace(/[\s\u00a0\u202f]/g, '');
      return INTEGER.test(compact) && Number.isSafeInteger(Number(compact)) ? Number(compact) : undefined;
    }
    case 'float':
      return parseFloatCell(text);
    case 'bool':
      return parseBool(text);
    case 'date':
      return decodeDatePart(text.slice(0, 10)) ?? decodeDatePart(text.split(' ')[0] ?? '');
    case 'datetime':
      return ISO_INSTANT.test(text) ? new Date(text).toISOString() : decodeDateTimePart(text);
  }
}

function coerceNumber(raw: number, type: ColumnType): number | undefined {
  return type === 'float' && Number.isFinite(raw) ? raw : undefined;
}

function parseFloatCell(text: string): number | undefined {
  let compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!compact.includes('.') && /^-?\d+,\d+$/.test(compact)) compact = compact.replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(compact)) return undefined;
  const value = Number(compact);
  return Number.isFinite(value) ? value : undefined;
}

function parseBool(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (lower === '1' || lower === 'true') return true;
  if (lower === '0' || lower === 'false') return false;
  return undefined;
}

/** The default of a query's column types: no coercions besides the primary key. */
export type NoColumnTypes = Record<never, never>;
