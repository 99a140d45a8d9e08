/** A query string value; `undefined` values are left out. */
export type QueryValue = string | number | boolean | undefined;

/** One call to a tenant's REST WebAPI, relative to the tenant's API base (`https://host/CustNNNN/api`). */
export interface SuperOfficeRequest {
  /** HTTP method. PATCH bodies are JSON Patch arrays (or merge patches). */
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the API base, starting with `/v1/`, e.g. `/v1/Contact/5`. Segments must already be encoded. */
  readonly path: string;
  /** Query parameters, e.g. archive `$select`, `$filter`, `$top`. */
  readonly query?: Readonly<Record<string, QueryValue>> | undefined;
  /** A JSON body. */
  readonly json?: unknown;
  /** Extra headers such as `If-Unmodified-Since`. Authorization and SO-AppToken are added by the transport. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Aborts the call (and any retry wait). */
  readonly signal?: AbortSignal | undefined;
}

/** A successful (2xx) response. */
export interface SuperOfficeResponse {
  /** HTTP status (200, 201, 204). */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
  /** The parsed JSON body; `undefined` when the body is empty. */
  readonly body: unknown;
}

/**
 * Sends requests for one tenant: resolves the tenant's current API host, adds credentials, throttles, retries what is
 * safe to retry, and throws a classified `SuperOfficeError` for every non-2xx answer or network failure.
 */
export interface SuperOfficeTransport {
  /** Sends one request and resolves with its 2xx response. */
  send(request: SuperOfficeRequest): Promise<SuperOfficeResponse>;
}
