/** A query string value; `undefined` values are left out. */
export type QueryValue = string | number | boolean | undefined;

/** One call to the Visma.net API, relative to the client's API base URL. */
export interface VismaRequest {
  /** HTTP method. A POST is never retried, since Visma.net has no idempotency key (visma-net.md §5.5). */
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the API base, starting with `/`, e.g. `/customer/10001`. Segments must already be encoded. */
  readonly path: string;
  /** Query parameters; values are stringified and `undefined` ones are dropped. */
  readonly query?: Readonly<Record<string, QueryValue>> | undefined;
  /** A JSON body (already in wire shape, e.g. DtoValue-wrapped). */
  readonly json?: unknown;
  /** A multipart body (attachments). */
  readonly form?: FormData | undefined;
  /** Extra headers such as `If-Match`. Authorization is added by the transport. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Aborts the request, including any wait for the rate-limit budget and retry backoff. */
  readonly signal?: AbortSignal | undefined;
}

/** A successful (2xx) response. */
export interface VismaResponse {
  /** HTTP status, always 2xx (other statuses throw a `VismaError`). */
  readonly status: number;
  /** Response headers, e.g. `ETag` or `Location` (visma-net.md §5.3–5.4). */
  readonly headers: Headers;
  /** The parsed JSON body; `undefined` when the body is empty (201 and 204 answers). */
  readonly body: unknown;
}

/**
 * Sends requests for one company: adds the bearer token, throttles, retries what is safe to retry, and throws a
 * classified `VismaError` for every non-2xx answer or network failure. Resources are written against this.
 */
export interface VismaTransport {
  /** Sends one request and resolves with the 2xx response; throws a classified `VismaError` otherwise. */
  send(request: VismaRequest): Promise<VismaResponse>;
}
