/** Options every resource call accepts. */
export interface RequestOptions {
  /** Aborts the request. */
  readonly signal?: AbortSignal | undefined;
}

/** A JSON Patch `test` assertion given explicitly: the server answers 409 (a `conflict` error) on mismatch. */
export interface TestAssertion {
  /** JSON Pointer (`/Name`) or SuperOffice path (`Name`, `Address/Postal/City`). */
  readonly path: string;
  /** The value the field must still have. */
  readonly value: unknown;
}

/** Options of a write to an existing record (PATCH, DELETE): the two concurrency guards of superoffice.md §13. */
export interface WriteOptions extends RequestOptions {
  /**
   * Sent as `If-Unmodified-Since` (an HTTP-date): the server answers 412 (a `conflict` error) when the record changed
   * after this instant. A string must be an HTTP-date or an ISO date-time; ISO without an offset is read as UTC.
   */
  readonly ifUnmodifiedSince?: Date | string | undefined;
  /**
   * JSON Patch `test` operations placed before the changes (PATCH only; a mismatch answers 409):
   * - `true`: assert the previous value of every replaced or removed path;
   * - paths (`'UpdatedDate'`): assert the value those paths have in the record the diff started from;
   * - {@link TestAssertion}s: assert explicit values.
   */
  readonly test?: boolean | readonly (string | TestAssertion)[] | undefined;
}
