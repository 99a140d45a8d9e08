import type { ErrorKind } from '../errors/error-kind.js';
import type { JsonValue } from '../model/json.js';

/**
 * One record as a connector reads it. `key` is the stable id the sync engine links on (Visma `internalId`, SuperOffice
 * `ContactId`, a file row's id column), never a human number that can change.
 */
export interface ConnectorRecord {
  /** Stable key, unique within the entity. */
  readonly key: string;
  /** The record as the mapping sees it. */
  readonly data: Readonly<Record<string, unknown>>;
  /** When it last changed, ISO 8601, when the system says. */
  readonly modifiedAt?: string | undefined;
  /** Who changed it last (user or associate id), when the system says; used for loop prevention. */
  readonly modifiedBy?: string | undefined;
  /** Opaque version (ETag, timestamp): equal versions mean nobody changed the record in between. */
  readonly version?: string | undefined;
}

/** One page of changed records and the position right after it. */
export interface ChangePage {
  /** The records, in the connector's stable order. */
  readonly records: readonly ConnectorRecord[];
  /**
   * Where a read resumes after this page (opaque JSON, kept in the checkpoint). Passing it back as
   * {@link ReadChangesOptions.after} must continue with the next page: at most this page is read again.
   */
  readonly cursor: JsonValue;
}

/** Options of {@link Connector.readChanges}. */
export interface ReadChangesOptions {
  /** Read records changed at or after this instant; everything when absent. The engine already subtracted the overlap. */
  readonly since?: Date | undefined;
  /** Resume after this cursor from an earlier page of the same read (same `since`). */
  readonly after?: JsonValue | undefined;
  /** Records per page, a hint. */
  readonly pageSize?: number | undefined;
  /** Aborts the read. */
  readonly signal?: AbortSignal | undefined;
}

/** Options of every single-record call. */
export interface ConnectorCallOptions {
  /** Aborts the call. */
  readonly signal?: AbortSignal | undefined;
}

/** Options of {@link Connector.update}. */
export interface UpdateOptions extends ConnectorCallOptions {
  /** Fail with kind `conflict` when the record's version is no longer this one (optimistic concurrency). */
  readonly ifVersion?: string | undefined;
}

/**
 * Field values that identify a record, by field path in the entity's write shape, e.g. `{ corporateId: '123' }` or
 * `{ name: 'Acme', 'mainAddress.postalCode': '0277' }`. A record matches when every field is equal.
 */
export type MatchCriteria = Readonly<Record<string, string | number | boolean>>;

/** What a create or update returns. */
export interface WriteResult {
  /** The record's stable key (for a create: the new key). */
  readonly key: string;
  /** The record's version right after the write, when the system says (ETag, updated stamp). */
  readonly version?: string | undefined;
  /** The record as stored, when the connector has it (a create reads it back; values to write back come from it). */
  readonly data?: Readonly<Record<string, unknown>> | undefined;
}

/** An entity a connector can read or write. */
export interface EntityDescription {
  /** Name used in profiles (`customer`, `Contact`). */
  readonly name: string;
  /** Human label. */
  readonly label: string;
  /** Whether {@link Connector.readChanges} supports it. */
  readonly readable: boolean;
  /** Whether {@link Connector.create} / {@link Connector.update} support it. */
  readonly writable: boolean;
  /**
   * Field paths that {@link Connector.find} supports as criteria, e.g. `['corporateId', 'name']`; a profile's
   * matching keys must use only these.
   */
  readonly findableBy: readonly string[];
  /**
   * Fields a create may send but an update must not (e.g. a Visma customer's `number` and `overrideNumberSeries`);
   * the engine leaves them out when it compares and updates.
   */
  readonly createOnlyFields?: readonly string[] | undefined;
  /**
   * Checks a payload before it is written and names every bad field, or returns nothing when it is fine. The
   * write schema of the entity (e.g. from the ready-made mappings' zod schemas).
   */
  readonly validateWrite?: ((payload: Readonly<Record<string, unknown>>) => readonly string[]) | undefined;
}

/**
 * What the sync engine needs from a system: small on purpose, so an integrator can add a system in one file
 * (see `docs/examples/file-connector`). Every method throws a {@link ConnectorError} (or any error carrying a
 * shared `kind`) on failure; the engine decides retries, skips and stops from the kind alone.
 *
 * @example
 * ```ts
 * for await (const page of connector.readChanges('customer', { since: new Date('2026-01-01') })) {
 *   for (const record of page.records) console.log(record.key, record.data);
 * }
 * ```
 */
export interface Connector {
  /** The system's name (`visma`, `superoffice`, `file`), for messages. */
  readonly system: string;
  /** The entities it offers. */
  describe(): readonly EntityDescription[];
  /**
   * Records changed since `options.since`, page by page in a stable order; the engine saves each page's cursor only
   * after the target acknowledged the page.
   */
  readChanges(entity: string, options?: ReadChangesOptions): AsyncIterable<ChangePage>;
  /** One record by key, or `undefined` when it does not exist. */
  read(entity: string, key: string, options?: ConnectorCallOptions): Promise<ConnectorRecord | undefined>;
  /** Every record matching all criteria (usually zero or one; two or more is an ambiguous match). */
  find(entity: string, criteria: MatchCriteria, options?: ConnectorCallOptions): Promise<ConnectorRecord[]>;
  /** Creates a record and returns it as stored. Never retried by the connector: the engine looks up first. */
  create(
    entity: string,
    payload: Readonly<Record<string, unknown>>,
    options?: ConnectorCallOptions,
  ): Promise<WriteResult>;
  /** Changes only the given fields (nested objects hold only changed leaves) and returns the record as stored. */
  update(
    entity: string,
    key: string,
    changes: Readonly<Record<string, unknown>>,
    options?: UpdateOptions,
  ): Promise<WriteResult>;
  /** The id of the account this connector writes as, matched against {@link ConnectorRecord.modifiedBy}. */
  whoAmI?(options?: ConnectorCallOptions): Promise<string | undefined>;
  /** How many API calls it has made so far (for run statistics). */
  apiCalls?(): number;
}

/** Anything the engine can classify: a {@link ConnectorError}, a `VismaError`, a `SuperOfficeError`. */
export interface ClassifiableError {
  /** The shared kind. */
  readonly kind: ErrorKind;
  /** What went wrong, redacted. */
  readonly message: string;
  /** What the user should do. */
  readonly remedy?: string | undefined;
  /** How long to wait before retrying, for `rate_limited`. */
  readonly retryAfterMs?: number | undefined;
}
