/**
 * Foreign keys (superoffice.md §19): ForeignApp → ForeignDevice → ForeignKey rows carrying `(table, record id,
 * key name, value)`. One store per tenant. Values longer than 239 characters are chained by `seqno` in the database;
 * the REST carrier shows the whole value, so the stand-in stores it whole.
 */

/** A `ForeignKeyEntity` (reduced): one external id attached to a record. */
export interface StoredForeignKey {
  /** Row id. */
  readonly ForeignKeyId: number;
  /** Application name (ForeignApp). */
  readonly AppName: string;
  /** Device name (ForeignDevice). */
  readonly DeviceName: string;
  /** Device identifier. */
  readonly DeviceIdentifier: string;
  /** Key name (`subkey`), e.g. `erp-id`. */
  readonly Key: string;
  /** The external id (`subvalue`). */
  Value: string;
  /** Table name: `contact`, `person`, `sale` or `project`. */
  readonly TableName: string;
  /** The record's primary key. */
  readonly RecordId: number;
  /** Creation time. */
  readonly CreatedDate: string;
  /** Last change. */
  UpdatedDate: string;
}

/** The coordinates of one key. */
export interface ForeignKeyAddress {
  /** Application name. */
  readonly app: string;
  /** Device name. */
  readonly device: string;
  /** Device identifier. */
  readonly deviceIdentifier: string;
  /** Key name. */
  readonly key: string;
  /** Table name. */
  readonly table: string;
  /** Record id. */
  readonly recordId: number;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The foreign keys of one tenant. */
export class ForeignKeyStore {
  readonly #rows: StoredForeignKey[] = [];
  #nextId = 1;

  /** All keys of a device, optionally of one record. */
  list(app: string, device: string, deviceIdentifier: string): StoredForeignKey[] {
    return this.#rows.filter(
      (r) => same(r.AppName, app) && same(r.DeviceName, device) && same(r.DeviceIdentifier, deviceIdentifier),
    );
  }

  /** The key at an address. */
  find(address: ForeignKeyAddress): StoredForeignKey | undefined {
    return this.#rows.find(
      (r) =>
        same(r.AppName, address.app) &&
        same(r.DeviceName, address.device) &&
        same(r.DeviceIdentifier, address.deviceIdentifier) &&
        same(r.Key, address.key) &&
        same(r.TableName, address.table) &&
        r.RecordId === address.recordId,
    );
  }

  /** Every key on one record (for `GET /{E}/{id}/ForeignKey` and `?fk=true`). */
  ofRecord(table: string, recordId: number): StoredForeignKey[] {
    return this.#rows.filter((r) => same(r.TableName, table) && r.RecordId === recordId);
  }

  /** Creates or updates the key at an address; returns it and whether it was new. */
  save(
    address: ForeignKeyAddress,
    value: string,
    now: string,
  ): {
    /** The stored row (the same object the store keeps). */
    key: StoredForeignKey;
    /** `true` when the address had no key yet, `false` when its `Value` was replaced. */
    created: boolean;
  } {
    const existing = this.find(address);
    if (existing) {
      existing.Value = value;
      existing.UpdatedDate = now;
      return { key: existing, created: false };
    }
    const key: StoredForeignKey = {
      ForeignKeyId: this.#nextId++,
      AppName: address.app,
      DeviceName: address.device,
      DeviceIdentifier: address.deviceIdentifier,
      Key: address.key,
      Value: value,
      TableName: address.table.toLowerCase(),
      RecordId: address.recordId,
      CreatedDate: now,
      UpdatedDate: now,
    };
    this.#rows.push(key);
    return { key, created: true };
  }

  /** Removes the key at an address. */
  delete(address: ForeignKeyAddress): boolean {
    const found = this.find(address);
    if (!found) return false;
    this.#rows.splice(this.#rows.indexOf(found), 1);
    return true;
  }

  /** Removes every key of a deleted record. */
  deleteRecord(table: string, recordId: number): void {
    for (const key of this.ofRecord(table, recordId)) this.#rows.splice(this.#rows.indexOf(key), 1);
  }
}
