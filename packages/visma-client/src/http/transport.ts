/** A query string value; `undefined` values are left out. */
export type QueryValue = string | number | boolean | undefined;

/** One call to the Visma.net API, relative to the client's API base URL. */
export interface VismaRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the API base, starting with `/`, e.g. `/customer/10001`. Segments must already be encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>> | undefined;
  /** A JSON body (already in wire shape, e.g. DtoValue-wrapped). */
  readonly json?: unknown;
  /** A multipart body (attachments). */
  readonly form?: FormData | undefined;
  /** Extra headers such as `If-Match`. Authorization is added by the transport. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** A successful (2xx) response. */
export interface VismaResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body; `undefined` when the body is empty (201 and 204 answers). */
  readonly body: unknown;
}

/**
 * Sends requests for one company: adds the bearer token, throttles, retries what is safe to retry, and throws a
 * classified `VismaError` for every non-2xx answer or network failure. Resources are written against this.
 */
export interface VismaTransport {
  send(request: VismaRequest): Promise<VismaResponse>;
}
