import type { DateCondition, DateInput } from './date-filter.js';

/** Options every resource call accepts. */
export interface RequestOptions {
  /** Aborts the request. */
  readonly signal?: AbortSignal | undefined;
}

/** Options of a write to an existing record (PUT, POST action, attachment upload). */
export interface WriteOptions extends RequestOptions {
  /**
   * The ETag you read (`record.etag`): sent as `If-Match` (quoted if it is not already), so the write fails with a
   * `conflict` VismaError (412) when someone changed the record since (visma-net.md §5.4).
   */
  readonly ifMatch?: string | undefined;
}

/** Paging options every list accepts. */
export interface ListOptions extends RequestOptions {
  /** Records per request (default 500). The server silently caps it; the pager copes (§6). */
  readonly pageSize?: number | undefined;
  /** Stop after this many records. */
  readonly limit?: number | undefined;
}

/** The incremental-read filter of lists that support `lastModifiedDateTime` (§6). */
export interface ModifiedSinceOptions {
  /** Only records modified since this point (sent as `lastModifiedDateTime`, formatted in the resources' time zone). */
  readonly modifiedSince?: DateInput | undefined;
  /** How to compare `modifiedSince` (sent as `lastModifiedDateTimeCondition`); defaults to `>=`. */
  readonly modifiedCondition?: DateCondition | undefined;
}

/** Options shared by all resources of one client. */
export interface ResourceOptions {
  /**
   * IANA time zone in which date filters are written; defaults to `'UTC'`. The zone Visma.net compares zone-less
   * filter timestamps in is UNCERTAIN (§6, §12 item 3): set the company's zone once it is known, and keep an overlap.
   */
  readonly timeZone?: string | undefined;
}
