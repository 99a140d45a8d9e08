import type { VismaResponse } from '../http/transport.js';
import { normalizeEtag } from './etag.js';
import { protocolError, type ResponseOrigin } from './parse-response.js';

/** What a create (201, empty body) tells you (visma-net.md §5.3). */
export interface CreateResult {
  /**
   * The new record's id: the last path segment of `Location`, URL-decoded. Whether that is a customer's number or its
   * internalId is UNCERTAIN (§5.3, §12 item 9), so read the record back before storing a sync key.
   */
  readonly id: string;
  /** The `Location` header as sent, possibly an absolute URL on `api.finance.visma.net`. */
  readonly location: string;
  /** The new record's ETag, when the server sent one (normalised, see {@link normalizeEtag}). */
  readonly etag?: string;
}

/** What an update (204) tells you (§5.3). */
export interface UpdateResult {
  /** The record's new ETag; `undefined` on areas that have no ETag support yet (§5.4 rollout). */
  readonly etag: string | undefined;
}

/** A record read with a single GET, plus the ETag to send back as `ifMatch` on the next update. */
export type WithEtag<T> = T & {
  /** From the `ETag` header, else the record's `timeStamp` field (the same value, §5.4). */
  readonly etag: string | undefined;
};

/** Reads the id from the `Location` header of a 201; a missing or unusable header is a protocol error. */
export function readCreateResult(response: VismaResponse, origin: ResponseOrigin): CreateResult {
  const location = response.headers.get('location');
  if (!location) throw protocolError(origin, 'has no Location header, so the new id is unknown');
  const id = lastPathSegment(location);
  if (id === undefined)
    throw protocolError(origin, `has a Location header without an id: ${JSON.stringify(location)}`);
  const etag = normalizeEtag(response.headers.get('etag'));
  return etag === undefined ? { id, location } : { id, location, etag };
}

/** Reads the new ETag of a 204. */
export function readUpdateResult(response: VismaResponse): UpdateResult {
  return { etag: normalizeEtag(response.headers.get('etag')) };
}

/** Adds the ETag to a record read with a single GET. */
export function withEtag<T extends object>(record: T, response: VismaResponse): WithEtag<T> {
  const timeStamp = (record as { timeStamp?: unknown }).timeStamp;
  const fromField =
    typeof timeStamp === 'string' || typeof timeStamp === 'number' ? String(timeStamp) : undefined;
  return { ...record, etag: normalizeEtag(response.headers.get('etag')) ?? normalizeEtag(fromField) };
}

function lastPathSegment(location: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(location, 'http://location.invalid').pathname;
  } catch {
    return undefined;
  }
  const segment = pathname
    .split('/')
    .filter((part) => part !== '')
    .at(-1);
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
