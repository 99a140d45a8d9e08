import { type ErrorKind, isErrorKind } from '../errors/error-kind.js';
import type { ClassifiableError } from './connector.js';

/** Options of {@link ConnectorError}. */
export interface ConnectorErrorOptions {
  /** What the user should do, in one sentence. */
  readonly remedy?: string | undefined;
  /** How long to wait before retrying (`rate_limited`). */
  readonly retryAfterMs?: number | undefined;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * The error a connector throws, keyed by the shared error kind, so the sync engine retries (`transient`,
 * `rate_limited`), records and goes on (`validation`, `not_found`, `conflict`) or stops the run (`reauth_required`,
 * `permission`, `tenant`) the same way for every system.
 *
 * @example
 * ```ts
 * throw new ConnectorError('validation', 'Row 12 has no name', { remedy: 'Fill in the name column.' });
 * ```
 */
export class ConnectorError extends Error implements ClassifiableError {
  override readonly name = 'ConnectorError';
  /** The shared kind. */
  readonly kind: ErrorKind;
  /** What the user should do. */
  readonly remedy: string | undefined;
  /** How long to wait before retrying. */
  readonly retryAfterMs: number | undefined;

  /** @param kind - decides what the engine does; `message` says what went wrong (no secrets). */
  constructor(kind: ErrorKind, message: string, options: ConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.remedy = options.remedy;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Whether a thrown value carries a shared error kind (a {@link ConnectorError} or either client's error). */
export function isClassifiableError(error: unknown): error is ClassifiableError {
  return (
    error instanceof Error &&
    isErrorKind((error as { kind?: unknown }).kind) &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
