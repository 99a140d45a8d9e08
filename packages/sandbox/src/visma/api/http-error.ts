/** The body an API error is answered with: one of the shapes of visma-net.md §3.1. */
export type ErrorBody =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'html'; readonly text: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'empty' };

/** Thrown by handlers to answer with an error status; the pipeline writes it with the usual headers. */
export class VismaApiHttpError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, body: ErrorBody, headers: Record<string, string> = {}) {
    super(`Visma API stand-in answered ${status}`);
    this.name = 'VismaApiHttpError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}
