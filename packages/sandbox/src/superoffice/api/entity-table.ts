import { cloneJson, type JsonObject } from './json.js';

/**
 * The stored records of one entity in one tenant, by primary key. Ids are handed out in ascending order and never
 * reused, so insertion order is primary-key order: archive paging ordered by the key stays stable while records
 * are added (superoffice.md §14 "always use `$orderby=<primary key>`").
 */
export class EntityTable {
  /** Primary-key field, e.g. `ContactId`. */
  readonly pk: string;
  readonly #rows = new Map<number, JsonObject>();
  #nextId = 1;

  /** @internal Created by the tenant data. */
  constructor(pk: string) {
    this.pk = pk;
  }

  /** Number of records. */
  get size(): number {
    return this.#rows.size;
  }

  /** The id the next insert gets. */
  get nextId(): number {
    return this.#nextId;
  }

  /** A copy of the record with this id. */
  get(id: number): JsonObject | undefined {
    const row = this.#rows.get(id);
    return row ? cloneJson(row) : undefined;
  }

  /** @internal The live record (don't mutate; use `put`). */
  peek(id: number): JsonObject | undefined {
    return this.#rows.get(id);
  }

  /** @internal Live records in primary-key order. */
  rows(): IterableIterator<JsonObject> {
    return this.#rows.values();
  }

  /** Copies of all records in primary-key order. */
  all(): JsonObject[] {
    return [...this.#rows.values()].map((row) => cloneJson(row));
  }

  /** @internal Stores a new record under the next id (sets its primary key) and returns the id. */
  insert(record: JsonObject): number {
    const id = this.#nextId++;
    record[this.pk] = id;
    this.#rows.set(id, record);
    return id;
  }

  /** @internal Replaces an existing record. */
  put(id: number, record: JsonObject): void {
    if (!this.#rows.has(id)) throw new Error(`No record ${id}`);
    record[this.pk] = id;
    this.#rows.set(id, record);
  }

  /** @internal Removes a record. */
  delete(id: number): boolean {
    return this.#rows.delete(id);
  }
}
