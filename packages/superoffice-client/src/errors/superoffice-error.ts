import { truncateForLog } from '../internal/redact.js';
import type { SuperOfficeErrorKind } from './error-kind.js';

/** Everything a {@link SuperOfficeError} carries. */
export interface SuperOfficeErrorInit {
  /** The error kind; decides retrying and what the caller shows. */
  readonly kind: SuperOfficeErrorKind;
  /** One line saying what went wrong, in our words. */
  readonly message: string;
  /** One human sentence saying what to do about it. */
  readonly remedy: string;
  /** Whether repeating the same request later may succeed (never true for a POST that may have been applied). */
  readonly retryable: boolean;
  /** How long to wait before retrying, when the server said so (Retry-After, X-RateLimit-Reset). */
  readonly retryAfterMs?: number | undefined;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** SuperOffice `ErrorType` (e.g. `SoNotFoundException`) or OAuth `error` (e.g. `invalid_grant`). */
  readonly faultCode?: string | undefined;
  /** A request or operation id to quote to SuperOffice support, when the answer carried one. */
  readonly correlationId?: string | undefined;
  /** The raw response body, redacted and truncated. */
  readonly body?: string | undefined;
  /** The provider's own message, redacted. */
  readonly detail?: string | undefined;
  /** The tenant (context identifier) the client is bound to. */
  readonly tenant?: string | undefined;
  /** `METHOD path` of the request, without query secrets. */
  readonly request?: string | undefined;
  /** The underlying error, kept as the standard `Error.cause` (omitted when `undefined`). */
  readonly cause?: unknown;
}

/**
 * The one error class of the SuperOffice client. Switch on `kind`; show `remedy` to people.
 *
 * Credentials never appear in it: bodies and details are redacted and truncated before they are stored.
 */
export class SuperOfficeError extends Error {
  /** Always `'SuperOfficeError'`; {@link isSuperOfficeError} checks it instead of the prototype. */
  override readonly name = 'SuperOfficeError';
  /** What went wrong, as one of {@link SUPEROFFICE_ERROR_KINDS}: switch on this, not on `status`. */
  readonly kind: SuperOfficeErrorKind;
  /** One human sentence saying what to do about it; safe to show to users. */
  readonly remedy: string;
  /** Whether repeating the same request later may succeed; never true for a POST that may have been applied. */
  readonly retryable: boolean;
  /** Milliseconds to wait before retrying, when the server said so; `undefined` otherwise. */
  readonly retryAfterMs: number | undefined;
  /** HTTP status; 0 when no response arrived or the client refused before sending. */
  readonly status: number;
  /** SuperOffice `ErrorType` or OAuth `error`; `undefined` when the body had none. */
  readonly faultCode: string | undefined;
  /** A request or operation id to quote to SuperOffice support, when the answer carried one. */
  readonly correlationId: string | undefined;
  /** The raw response body, truncated for logs; `undefined` when empty. */
  readonly body: string | undefined;
  /** The provider's own message, redacted and truncated to 500 characters. */
  readonly detail: string | undefined;
  /** The tenant (context identifier) the client is bound to, when known. */
  readonly tenant: string | undefined;
  /** `METHOD path` of the failing request, without query secrets. */
  readonly request: string | undefined;

  constructor(init: SuperOfficeErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.remedy = init.remedy;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
    this.status = init.status;
    this.faultCode = init.faultCode;
    this.correlationId = init.correlationId;
    this.body = init.body === undefined ? undefined : truncateForLog(init.body);
    this.detail = init.detail === undefined ? undefined : truncateForLog(init.detail, 500);
    this.tenant = init.tenant;
    this.request = init.request;
  }

  /** A plain object for logs and `--json` output (no stack, no cause). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      remedy: this.remedy,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      status: this.status,
      faultCode: this.faultCode,
      correlationId: this.correlationId,
      tenant: this.tenant,
      request: this.request,
      detail: this.detail,
    };
  }
}

/** Type guard that also works across package copies and realms (checks the shape, not the prototype). */
export function isSuperOfficeError(error: unknown, kind?: SuperOfficeErrorKind): error is SuperOfficeError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'SuperOfficeError' &&
    typeof (error as { kind?: unknown }).kind === 'string' &&
    (kind === undefined || (error as { kind: unknown }).kind === kind)
  );
}
