/** Thrown by handlers to answer with an error status; the pipeline writes the JSON body with the given headers. */
export class SuperOfficeApiHttpError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** JSON body, or `undefined` for an empty body. */
  readonly body: unknown;
  /** Extra response headers, e.g. `retry-after`. */
  readonly headers: Readonly<Record<string, string>>;

  /** @internal Use the builders in `errors.ts`. */
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super(`SuperOffice API stand-in answered ${status}`);
    this.name = 'SuperOfficeApiHttpError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}
