/**
 * An example DataBridge connector over plain files: each entity is one CSV file (first line = column names) or one
 * JSON-lines file (one JSON object per line) in a folder. It shows everything a connector has to do (paging with a
 * resumable cursor, change detection, look-ups, optimistic concurrency, classified errors) in one file, using only
 * the public API of `@databridge/core`.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, extname, isAbsolute, join } from 'node:path';
import {
  type ChangePage,
  type Connector,
  type ConnectorCallOptions,
  ConnectorError,
  type ConnectorRecord,
  type EntityDescription,
  type ErrorKind,
  type JsonValue,
  type MatchCriteria,
  type ReadChangesOptions,
  type UpdateOptions,
  type WriteResult,
} from '@databridge/core';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** One entity: which file holds it and which columns mean what. */
export interface FileEntityOptions {
  /** File name inside {@link FileConnectorOptions.directory}, ending in `.csv` or `.jsonl`. */
  readonly file: string;
  /** The column (field) holding the stable key, such as `id`. */
  readonly key: string;
  /**
   * The column holding when a row last changed (ISO 8601), such as `updated_at`. Without it every read returns every
   * row; with it `readChanges` skips rows older than `since`, and writes set it to now.
   */
  readonly modifiedAt?: string | undefined;
  /** Fields `find` may match on (the key always may). */
  readonly findableBy?: readonly string[] | undefined;
  /** Human label; `<name> (<file>)` when absent. */
  readonly label?: string | undefined;
}

/** Options of {@link createFileConnector}. */
export interface FileConnectorOptions {
  /** The folder holding the files. It must exist; missing files are created by the first write. */
  readonly directory: string;
  /** The entities by name (as profiles name them). */
  readonly entities: Readonly<Record<string, FileEntityOptions>>;
  /** The clock used for the modified-at column (for tests); `new Date()` when absent. */
  readonly now?: (() => Date) | undefined;
}

/** The position `readChanges` resumes after. */
export interface FileCursor {
  /** The key of the last record of the page. */
  readonly afterKey: string;
}

type Row = Record<string, unknown>;

interface Entity extends FileEntityOptions {
  readonly name: string;
  readonly path: string;
  readonly format: 'csv' | 'jsonl';
}

/** The rows of a file as read, with what a rewrite needs to keep. */
interface Table {
  readonly rows: Row[];
  /** CSV column names in file order (empty for JSON lines). */
  readonly columns: string[];
}

const DEFAULT_PAGE_SIZE = 100;

/**
 * Creates a {@link Connector} (system `file`) over CSV and JSON-lines files.
 *
 * Every call reads the file afresh, so edits made by hand between calls are seen. Reads and writes are synchronous
 * inside each call, so calls on one connector never interleave; a write replaces the file atomically (a temp file
 * in the same folder, then a rename), so a crash never leaves a half-written file. Other processes writing the same
 * files at the same time are not coordinated: the last rename wins.
 *
 * @example
 * ```ts
 * const files = createFileConnector({
 *   directory: '/data/export',
 *   entities: { customer: { file: 'customers.csv', key: 'id', modifiedAt: 'updated_at', findableBy: ['orgNo'] } },
 * });
 * for await (const page of files.readChanges('customer')) console.log(page.records.length);
 * ```
 */
export function createFileConnector(options: FileConnectorOptions): Connector {
  const entities = checkOptions(options);
  const now = options.now ?? (() => new Date());
  let calls = 0;

  const entity = (name: string): Entity => {
    const found = entities.get(name);
    if (found === undefined) {
      throw new ConnectorError('validation', `The file connector has no entity ${JSON.stringify(name)}`, {
        remedy: `Use one of: ${[...entities.keys()].join(', ')}.`,
      });
    }
    return found;
  };

  const load = (e: Entity): Table => {
    calls += 1;
    return readTable(e);
  };

  const save = (e: Entity, table: Table): void => {
    calls += 1;
    writeTable(e, table);
  };

  return {
    system: 'file',

    describe(): readonly EntityDescription[] {
      return [...entities.values()].map((e) => ({
        name: e.name,
        label: e.label ?? `${e.name} (${e.file})`,
        readable: true,
        writable: true,
        findableBy: unique([e.key, ...(e.findableBy ?? [])]),
      }));
    },

    async *readChanges(name: string, read: ReadChangesOptions = {}): AsyncIterable<ChangePage> {
      const e = entity(name);
      const afterKey = cursorKey(read.after);
      const pageSize = Math.max(1, Math.floor(read.pageSize ?? DEFAULT_PAGE_SIZE));
      read.signal?.throwIfAborted();
      const since = read.since?.getTime();
      const records = load(e)
        .rows.map((row) => toRecord(e, row))
        .filter((record) => afterKey === undefined || compareKeys(record.key, afterKey) > 0)
        .filter((record) => since === undefined || isChangedSince(record, since))
        .sort((a, b) => compareKeys(a.key, b.key));
      for (let start = 0; start < records.length; start += pageSize) {
        read.signal?.throwIfAborted();
        const page = records.slice(start, start + pageSize);
        const last = page.at(-1) as ConnectorRecord;
        const cursor: FileCursor = { afterKey: last.key };
        yield { records: page, cursor: { ...cursor } };
      }
    },

    async read(name: string, key: string, call: ConnectorCallOptions = {}) {
      const e = entity(name);
      call.signal?.throwIfAborted();
      const row = load(e).rows.find((r) => keyOf(e, r) === key);
      return row === undefined ? undefined : toRecord(e, row);
    },

    async find(name: string, criteria: MatchCriteria, call: ConnectorCallOptions = {}) {
      const e = entity(name);
      call.signal?.throwIfAborted();
      const fields = Object.keys(criteria);
      const allowed = new Set([e.key, ...(e.findableBy ?? [])]);
      if (fields.length === 0) {
        throw new ConnectorError('validation', `find on ${e.file} needs at least one criterion`);
      }
      for (const field of fields) {
        if (!allowed.has(field)) {
          throw new ConnectorError('validation', `${e.file} cannot be searched by ${JSON.stringify(field)}`, {
            remedy: `Match on one of: ${[...allowed].join(', ')} (add it to findableBy).`,
          });
        }
      }
      return load(e)
        .rows.filter((row) =>
          fields.every((field) => cellText(getPath(row, field)).trim() === String(criteria[field]).trim()),
        )
        .map((row) => toRecord(e, row))
        .sort((a, b) => compareKeys(a.key, b.key));
    },

    async create(name: string, payload: Readonly<Record<string, unknown>>, call: ConnectorCallOptions = {}) {
      const e = entity(name);
      call.signal?.throwIfAborted();
      const table = load(e);
      const given = payload[e.key];
      let key: unknown = given;
      if (given === undefined || given === null || cellText(given).trim() === '') {
        key = nextKey(e, table.rows);
      } else if (table.rows.some((row) => keyOf(e, row) === cellText(given).trim())) {
        throw new ConnectorError(
          'conflict',
          `${e.file} already has a record with ${e.key} ${cellText(given)}`,
          {
            remedy: 'Update that record instead, or leave the key out to get a new one.',
          },
        );
      }
      const row: Row = { ...payload, [e.key]: key };
      if (e.modifiedAt !== undefined) row[e.modifiedAt] = now().toISOString();
      const stored = asStored(e, row, table.columns);
      save(e, { ...table, rows: [...table.rows, stored] });
      return writeResult(e, stored);
    },

    async update(
      name: string,
      key: string,
      changes: Readonly<Record<string, unknown>>,
      call: UpdateOptions = {},
    ) {
      const e = entity(name);
      call.signal?.throwIfAborted();
      const table = load(e);
      const index = table.rows.findIndex((row) => keyOf(e, row) === key);
      const current = table.rows[index];
      if (current === undefined) {
        throw new ConnectorError('not_found', `${e.file} has no record with ${e.key} ${key}`);
      }
      if (call.ifVersion !== undefined && versionOf(current) !== call.ifVersion) {
        throw new ConnectorError('conflict', `${e.file} record ${key} changed since it was read`, {
          remedy: 'Read the record again and reapply the change.',
        });
      }
      const newKey = changes[e.key];
      if (newKey !== undefined && cellText(newKey).trim() !== key) {
        throw new ConnectorError(
          'validation',
          `The key ${e.key} of ${e.file} record ${key} cannot be changed`,
        );
      }
      const merged = mergeChanges(current, changes);
      if (e.modifiedAt !== undefined) merged[e.modifiedAt] = now().toISOString();
      const stored = asStored(e, merged, table.columns);
      const rows = [...table.rows];
      rows[index] = stored;
      save(e, { ...table, rows });
      return writeResult(e, stored);
    },

    apiCalls() {
      return calls;
    },
  };
}

function checkOptions(options: FileConnectorOptions): Map<string, Entity> {
  const remedy = 'Pass { directory, entities: { customer: { file: "customers.csv", key: "id" } } }.';
  if (typeof options?.directory !== 'string' || options.directory.trim() === '') {
    throw new ConnectorError('validation', 'The file connector needs a directory', { remedy });
  }
  const { directory } = options;
  let isDirectory = false;
  try {
    isDirectory = statSync(directory).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) {
    throw new ConnectorError('validation', `The file connector's directory ${directory} does not exist`, {
      remedy: 'Create the folder or fix the path.',
    });
  }
  const entries = Object.entries(options.entities ?? {});
  if (entries.length === 0) {
    throw new ConnectorError('validation', 'The file connector needs at least one entity', { remedy });
  }
  const entities = new Map<string, Entity>();
  for (const [name, entity] of entries) {
    const file = entity?.file;
    if (typeof file !== 'string' || file === '' || isAbsolute(file) || basename(file) !== file) {
      throw new ConnectorError(
        'validation',
        `Entity ${name}: file must be a file name inside the directory`,
        {
          remedy,
        },
      );
    }
    const extension = extname(file).toLowerCase();
    if (extension !== '.csv' && extension !== '.jsonl') {
      throw new ConnectorError('validation', `Entity ${name}: ${file} must end in .csv or .jsonl`);
    }
    if (typeof entity.key !== 'string' || entity.key === '') {
      throw new ConnectorError('validation', `Entity ${name}: key must name the key column`, { remedy });
    }
    entities.set(name, {
      ...entity,
      name,
      path: join(directory, file),
      format: extension === '.csv' ? 'csv' : 'jsonl',
    });
  }
  return entities;
}

/** Reads and checks a file; a missing file is an empty entity. */
function readTable(e: Entity): Table {
  let text: string;
  try {
    text = readFileSync(e.path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rows: [], columns: [] };
    throw fileError(e, 'read', error);
  }
  const parsed = e.format === 'csv' ? parseCsv(e, text) : parseJsonLines(e, text);
  const seen = new Map<string, number>();
  for (const { row, line } of parsed.rows) {
    const key = keyOf(e, row);
    if (key === '') throw malformed(e, line, `no ${e.key}`);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw malformed(e, line, `${e.key} ${key} is also on line ${earlier}`);
    seen.set(key, line);
  }
  return { rows: parsed.rows.map((r) => r.row), columns: parsed.columns };
}

function parseCsv(e: Entity, text: string): { rows: { row: Row; line: number }[]; columns: string[] } {
  let columns: string[] = [];
  try {
    const records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      info: true,
      columns: (header: string[]) => {
        columns = header;
        return header;
      },
    }) as unknown as { record: Record<string, string>; info: { lines: number } }[];
    return { rows: records.map(({ record, info }) => ({ row: record, line: info.lines })), columns };
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : 0;
      throw malformed(e, line, error.message.replace(/^Invalid Record Length: /, ''), error);
    }
    throw error;
  }
}

function parseJsonLines(e: Entity, text: string): { rows: { row: Row; line: number }[]; columns: string[] } {
  const rows: { row: Row; line: number }[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw malformed(e, line, 'not valid JSON', error);
    }
    if (!isPlainObject(value)) throw malformed(e, line, 'not a JSON object');
    rows.push({ row: value, line });
  }
  return { rows, columns: [] };
}

/** Replaces the file atomically: write and flush a temp file next to it, then rename it over the old one. */
function writeTable(e: Entity, table: Table): void {
  let text: string;
  try {
    text = e.format === 'csv' ? toCsv(e, table) : toJsonLines(table.rows);
  } catch (error) {
    throw new ConnectorError('validation', `Cannot write ${e.file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const temp = `${e.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, e.path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw fileError(e, 'write', error);
  }
}

function toCsv(e: Entity, table: Table): string {
  const columns = unique([
    ...(table.columns.length > 0 ? table.columns : [e.key]),
    ...table.rows.flatMap((row) => Object.keys(row)),
  ]);
  return stringify(
    table.rows.map((row) => columns.map((column) => cellText(row[column]))),
    { header: true, columns, record_delimiter: 'unix' },
  );
}

function toJsonLines(rows: readonly Row[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

/** The row as the file will hold it and a read will return it: a CSV row has a text cell in every column. */
function asStored(e: Entity, row: Row, columns: readonly string[]): Row {
  try {
    if (e.format === 'jsonl') return JSON.parse(JSON.stringify(row)) as Row;
    const fields = unique([...columns, ...Object.keys(row)]);
    return Object.fromEntries(fields.map((field) => [field, cellText(row[field])]));
  } catch (error) {
    throw new ConnectorError('validation', `Cannot write to ${e.file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function toRecord(e: Entity, row: Row): ConnectorRecord {
  const modified = e.modifiedAt === undefined ? undefined : toIso(row[e.modifiedAt]);
  return {
    key: keyOf(e, row),
    data: row,
    version: versionOf(row),
    ...(modified === undefined ? {} : { modifiedAt: modified }),
  };
}

function writeResult(e: Entity, row: Row): WriteResult {
  return { key: keyOf(e, row), version: versionOf(row), data: row };
}

/** A rows' version: a hash of its content, ignoring empty cells (so adding a CSV column changes no version). */
function versionOf(row: Row): string {
  const filled = Object.entries(row)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(canonicalJson(Object.fromEntries(filled)))
    .digest('hex')
    .slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function isChangedSince(record: ConnectorRecord, since: number): boolean {
  // Rows without a readable timestamp are always read: better once too often than never.
  if (record.modifiedAt === undefined) return true;
  return Date.parse(record.modifiedAt) >= since;
}

/** Integer keys in numeric order first, then other keys in code-unit order: a total order, stable across reads. */
function compareKeys(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  if (aNumeric && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function nextKey(e: Entity, rows: readonly Row[]): string | number {
  let max = 0n;
  for (const row of rows) {
    const key = keyOf(e, row);
    if (/^\d+$/.test(key) && BigInt(key) > max) max = BigInt(key);
  }
  const next = (max + 1n).toString();
  // Keep a JSON-lines file's key type: numbers stay numbers.
  const numeric = e.format === 'jsonl' && rows.every((row) => typeof row[e.key] === 'number');
  return numeric && Number.isSafeInteger(Number(next)) ? Number(next) : next;
}

function cursorKey(after: JsonValue | undefined): string | undefined {
  if (after === undefined || after === null) return undefined;
  if (isPlainObject(after) && typeof after.afterKey === 'string') return after.afterKey;
  throw new ConnectorError('validation', `Not a file connector cursor: ${JSON.stringify(after)}`, {
    remedy: 'Pass back the cursor of a page from this connector, or reset the profile checkpoint.',
  });
}

function mergeChanges(current: Row, changes: Readonly<Record<string, unknown>>): Row {
  const merged: Row = { ...current };
  for (const [field, value] of Object.entries(changes)) {
    const old = merged[field];
    merged[field] = isPlainObject(value) && isPlainObject(old) ? mergeChanges(old, value) : value;
  }
  return merged;
}

function keyOf(e: Entity, row: Row): string {
  return cellText(row[e.key]).trim();
}

function getPath(row: Row, path: string): unknown {
  if (path in row) return row[path];
  let value: unknown = row;
  for (const part of path.split('.')) {
    if (!isPlainObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

function toIso(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function malformed(e: Entity, line: number, problem: string, cause?: unknown): ConnectorError {
  return new ConnectorError('validation', `${e.file} line ${line}: ${problem}`, {
    remedy: `Fix line ${line} of ${e.path}.`,
    cause,
  });
}

function fileError(e: Entity, action: 'read' | 'write', error: unknown): ConnectorError {
  const code = (error as NodeJS.ErrnoException).code;
  const kind: ErrorKind =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission'
      : code === 'EBUSY' || code === 'EMFILE' || code === 'EAGAIN'
        ? 'transient'
        : 'unknown';
  return new ConnectorError(kind, `Cannot ${action} ${e.path}: ${code ?? (error as Error).message}`, {
    cause: error,
  });
}
