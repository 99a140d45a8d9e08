/**
 * An in-memory table of read DTOs in a stable order (ascending internal id), indexed by its key (number, contact id,
 * reference number) and optionally by `internalId`. Lookups are O(1) and inserts append, so 100k records per company
 * stay cheap; only deletes (rare) cost O(n). Exact-match list filters use {@link RecordTable.matching}: a per-field
 * index built on first use and kept up to date by every insert, write (`touch`) and delete.
 */

/** The fields every stored record carries (visma-net.md §5.4 `timeStamp`, §6 `lastModifiedDateTime`). */
export interface TimestampedDto {
  /** Last change, `yyyy-MM-ddTHH:mm:ss.fff` UTC without zone; what `lastModifiedDateTime` filters compare (visma-net.md §6). */
  lastModifiedDateTime: string;
  /** Creation time, same format; what `createdDateTime` filters compare. */
  createdDateTime: string;
  /** Row version, equal to the ETag: send it as `If-Match`; changes on every write (visma-net.md §5.4). */
  timeStamp: string;
}

/** @internal One stored record plus the numeric times filters compare. */
export interface Row<T> {
  readonly record: T;
  modifiedMs: number;
  readonly createdMs: number;
  /** Insertion sequence: list order is ascending `seq` (inserts append, deletes keep the order of the rest). */
  readonly seq: number;
}

/** The lower-cased value of a record's field that an exact-match filter compares; `undefined` never matches. */
export type IndexedField<T> = (record: T) => string | undefined;

/** One field's index: rows by lower-cased value, each bucket in list order, and the value each row is filed under. */
interface FieldIndex<T> {
  readonly field: IndexedField<T>;
  readonly buckets: Map<string, Row<T>[]>;
  readonly valueOf: Map<Row<T>, string>;
}

const NO_ROWS: readonly never[] = [];

/** A table of records of one kind in one company. Records are live objects: read them, don't mutate them. */
export class RecordTable<T extends TimestampedDto> {
  readonly #rows: Row<T>[] = [];
  readonly #byKey = new Map<string, Row<T>>();
  readonly #byId = new Map<number, Row<T>>();
  readonly #keyOf: (record: T) => string;
  readonly #idOf: ((record: T) => number) | undefined;
  readonly #stamp: () => string;
  readonly #indexes = new Map<string, FieldIndex<T>>();
  #seq = 0;

  /** @internal */
  constructor(keyOf: (record: T) => string, idOf: ((record: T) => number) | undefined, stamp: () => string) {
    this.#keyOf = keyOf;
    this.#idOf = idOf;
    this.#stamp = stamp;
  }

  /** Number of records. */
  get size(): number {
    return this.#rows.length;
  }

  /** All records in list order (a new array). */
  all(): T[] {
    return this.#rows.map((row) => row.record);
  }

  /** The record with this key (customer/supplier number, contact id, invoice reference number). Case-insensitive. */
  get(key: string): T | undefined {
    return this.#byKey.get(key.toLowerCase())?.record;
  }

  /** The record with this `internalId`, for tables that have one. */
  getByInternalId(internalId: number): T | undefined {
    return this.#byId.get(internalId)?.record;
  }

  /**
   * Changes a record as if someone edited it in Visma.net: runs `change`, then sets a new `lastModifiedDateTime` and
   * `timeStamp`. Returns the record, or `undefined` when there is none with this key.
   */
  modify(key: string, change: (record: T) => void, at: number = Date.now()): T | undefined {
    const row = this.#byKey.get(key.toLowerCase());
    if (!row) return undefined;
    change(row.record);
    this.touch(row, at);
    return row.record;
  }

  /** @internal Rows in list order, for paging and filtering without copying. */
  rows(): readonly Row<T>[] {
    return this.#rows;
  }

  /** @internal The row behind a key. */
  row(key: string): Row<T> | undefined {
    return this.#byKey.get(key.toLowerCase());
  }

  /** @internal The row behind an internal id. */
  rowById(internalId: number): Row<T> | undefined {
    return this.#byId.get(internalId);
  }

  /**
   * @internal The rows whose `field` equals `value` case-insensitively (as `value.toLowerCase() ===
   * field(record).toLowerCase()`), in list order. `name` identifies the field: one name, one field per table. The
   * index is built on the first call (one pass) and then maintained by insert, touch and remove, so a lookup costs
   * O(matches) instead of a scan of the table. Records must change only through {@link modify} or a write that is
   * `touch`ed, as they must for `lastModifiedDateTime` anyway.
   */
  matching(name: string, field: IndexedField<T>, value: string): readonly Row<T>[] {
    let index = this.#indexes.get(name);
    if (!index) {
      index = { field, buckets: new Map(), valueOf: new Map() };
      for (const row of this.#rows) file(index, row);
      this.#indexes.set(name, index);
    }
    return index.buckets.get(value.toLowerCase()) ?? NO_ROWS;
  }

  /** @internal Appends a record; its key must be new. */
  insert(record: T, createdMs: number, modifiedMs: number): Row<T> {
    const row: Row<T> = { record, createdMs, modifiedMs, seq: this.#seq++ };
    const key = this.#keyOf(record).toLowerCase();
    if (this.#byKey.has(key)) throw new Error(`Duplicate key ${key}`);
    this.#rows.push(row);
    this.#byKey.set(key, row);
    if (this.#idOf) this.#byId.set(this.#idOf(record), row);
    for (const index of this.#indexes.values()) file(index, row);
    return row;
  }

  /** @internal Removes a record by key. */
  remove(key: string): boolean {
    const row = this.#byKey.get(key.toLowerCase());
    if (!row) return false;
    this.#byKey.delete(key.toLowerCase());
    if (this.#idOf) this.#byId.delete(this.#idOf(row.record));
    this.#rows.splice(this.#rows.indexOf(row), 1);
    for (const index of this.#indexes.values()) unfile(index, row);
    return true;
  }

  /** @internal Stamps a write: new `lastModifiedDateTime` and `timeStamp` (visma-net.md §5.4: timeStamp == ETag). */
  touch(row: Row<T>, at: number = Date.now()): void {
    row.modifiedMs = at;
    row.record.lastModifiedDateTime = formatTimestamp(at);
    row.record.timeStamp = this.#stamp();
    // The write may have changed indexed fields: refile the row where its value changed.
    for (const index of this.#indexes.values()) {
      if (index.valueOf.get(row) === index.field(row.record)?.toLowerCase()) continue;
      unfile(index, row);
      file(index, row);
    }
  }
}

/** Files a row under its current value, keeping the bucket in list (`seq`) order. */
function file<T>(index: FieldIndex<T>, row: Row<T>): void {
  const value = index.field(row.record)?.toLowerCase();
  if (value === undefined) return;
  index.valueOf.set(row, value);
  const bucket = index.buckets.get(value);
  if (!bucket) {
    index.buckets.set(value, [row]);
    return;
  }
  // Appends are the common case (inserts come last); a refiled row goes back to its place by `seq`.
  let at = bucket.length;
  while (at > 0 && (bucket[at - 1] as Row<T>).seq > row.seq) at--;
  bucket.splice(at, 0, row);
}

function unfile<T>(index: FieldIndex<T>, row: Row<T>): void {
  const value = index.valueOf.get(row);
  if (value === undefined) return;
  index.valueOf.delete(row);
  const bucket = index.buckets.get(value);
  if (!bucket) return;
  const at = bucket.indexOf(row);
  if (at >= 0) bucket.splice(at, 1);
  if (bucket.length === 0) index.buckets.delete(value);
}

/**
 * Formats a time as the API returns it: `yyyy-MM-ddTHH:mm:ss.fff`, UTC, without a zone designator. UNCERTAIN
 * (visma-net.md §6 "Response datetimes come in several formats, with and without an offset"; §12.3).
 */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23);
}

const BASE64 = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'];

/**
 * A rowversion-like `timeStamp`/ETag: 8 bytes big-endian, base64, like SQL Server rowversions (e.g.
 * `AAAAAAABhqE=`). The real format is not in the reference [infer]. Encoded by hand: seeding 100k records calls it
 * hundreds of thousands of times.
 */
export function rowVersion(counter: number): string {
  // Bytes 0-1 are zero for any counter below 2^48; base64 groups: [b0 b1 b2] [b3 b4 b5] [b6 b7 pad].
  const high = Math.floor(counter / 0x1_0000_0000); // bytes 2-3 (16 bits)
  const low = counter >>> 0; // bytes 4-7
  const group = (n: number) =>
    `${BASE64[(n >>> 18) & 63]}${BASE64[(n >>> 12) & 63]}${BASE64[(n >>> 6) & 63]}${BASE64[n & 63]}`;
  const g1 = (high >>> 8) & 0xff; // b0=0, b1=0, b2 = high's upper byte
  const g2 = ((high & 0xff) << 16) | ((low >>> 16) & 0xffff); // b3, b4, b5
  const last = (low & 0xffff) << 8; // b6, b7, pad
  return `${group(g1)}${group(g2)}${group(last).slice(0, 3)}=`;
}
