import { randomUUID } from 'node:crypto';
import { VismaApiHttpError } from './http-error.js';

/**
 * Builders for every error body shape the real API emits (visma-net.md §3.1). Handlers throw what these return.
 */

/** A new `VismaId` correlation id (visma-net.md §3.1 shape 2). */
export function newVismaId(): string {
  return randomUUID();
}

/**
 * visma-net.md §3.1 shape 2: `{"message":"VismaId: <guid>. <text>"}`, the ERP's business/validation error.
 * @param text - the text after the VismaId, e.g. `Error inserting the customer. Error: …`.
 */
export function vismaMessageError(status: number, text: string): VismaApiHttpError {
  return new VismaApiHttpError(status, {
    kind: 'json',
    value: { message: `VismaId: ${newVismaId()}. ${text}` },
  });
}

/** A 400 validation error in the `message`/VismaId shape (visma-net.md §3.1 shape 2, §3.2 400). */
export function validationError(text: string): VismaApiHttpError {
  return vismaMessageError(400, text);
}

/**
 * visma-net.md §3.1 shape 3: ASP.NET style `{"Message":"…"}`. Used for 404 of unknown routes and records.
 * UNCERTAIN (§3.2, §12.5): the real body and status of "not found" are not documented.
 */
export function aspNetError(status: number, message: string): VismaApiHttpError {
  return new VismaApiHttpError(status, { kind: 'json', value: { Message: message } });
}

/** visma-net.md §3.1 shape 1: the IPP exception envelope. */
export function ippError(
  status: number,
  faultCode: string,
  message: (messageId: string) => string,
  messageId: string,
): VismaApiHttpError {
  return new VismaApiHttpError(status, {
    kind: 'json',
    value: {
      ExceptionType: 'IPPException',
      ExceptionMessage: message(messageId),
      ExceptionFaultCode: faultCode,
      ExceptionMessageID: messageId,
      ExceptionDetails: '',
    },
  });
}

/**
 * visma-net.md §2.9 (legacy / 2023 migration row): HTTP 400 IPP 12002
 * `Invalid parameter exception: ipp-company-id (12002_12002_<guid>)`, with the `<code>_<code>_<guid>` id of §3.1.
 */
export function ippCompanyIdError(): VismaApiHttpError {
  return ippError(
    400,
    '12002',
    (id) => `Invalid parameter exception: ipp-company-id (${id})`,
    `12002_12002_${randomUUID()}`,
  );
}

/**
 * visma-net.md §2.9 "The 12027 body": `No license for this company.` for a user without API User.
 * The HTTP status is UNCERTAIN in the reference; the caller chooses it (default 400).
 */
export function noLicenseError(status: number): VismaApiHttpError {
  return ippError(status, '12027', () => 'No license for this company.', `12027_${randomUUID()}`);
}

/**
 * 401 for a missing, invalid, expired or revoked token, or a token for a Customer tenant id (visma-net.md §2.10,
 * §3.2 401). The reference gives no body; we answer like Azure API Management's `validate-jwt` policy (the gateway
 * in front of the API since the VNI shutdown, §2.12) with a `{"statusCode","message"}` body [infer], and name the
 * precise reason in `WWW-Authenticate` (RFC 6750) so tests and logs can tell the cases apart.
 */
export function unauthorizedError(reason: string): VismaApiHttpError {
  return new VismaApiHttpError(
    401,
    {
      kind: 'json',
      value: { statusCode: 401, message: 'Unauthorized. Access token is missing or invalid.' },
    },
    {
      'www-authenticate': `Bearer error="invalid_token", error_description="${reason.replaceAll('"', "'")}"`,
    },
  );
}

/**
 * 403 when the token lacks the scope the method needs (visma-net.md §2.3 scopes; §3.2 says 403 exists but its
 * meaning is undocumented, so the scope check is [infer]). Body: `{"message": …}`.
 */
export function insufficientScopeError(needed: readonly string[]): VismaApiHttpError {
  return new VismaApiHttpError(
    403,
    {
      kind: 'json',
      value: { message: `Insufficient scope. This call needs one of: ${needed.join(', ')}.` },
    },
    { 'www-authenticate': `Bearer error="insufficient_scope", scope="${needed.join(' ')}"` },
  );
}

/**
 * 429 body (visma-net.md §4: 429 with `Retry-After` seconds). The body text is [infer]: Azure API Management's
 * rate-limit policy answers `{"statusCode":429,"message":"Rate limit is exceeded. Try again in N seconds."}`.
 */
export function tooManyRequestsError(retryAfterSeconds: number): VismaApiHttpError {
  return new VismaApiHttpError(
    429,
    {
      kind: 'json',
      value: {
        statusCode: 429,
        message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`,
      },
    },
    { 'retry-after': String(retryAfterSeconds) },
  );
}

/** 412 on an `If-Match` mismatch (visma-net.md §5.4), with a `{"message": …}` body. */
export function preconditionFailedError(current: string, sent: string): VismaApiHttpError {
  return vismaMessageError(
    412,
    `The record was changed by someone else. If-Match "${sent}" does not match the current ETag "${current}".`,
  );
}

/**
 * Injected gateway faults (visma-net.md §3.1 shape 4: non-JSON bodies; §10 "a configurable share of 502s with HTML
 * bodies; empty-body errors"): 502 and 504 carry gateway HTML, 503 an empty body, 500 the ASP.NET `Message` shape.
 */
export function gatewayError(status: number): VismaApiHttpError {
  if (status === 503) return new VismaApiHttpError(503, { kind: 'empty' });
  if (status === 500) return aspNetError(500, 'An error has occurred.');
  const title =
    status === 504 ? '504 Gateway Time-out' : status === 502 ? '502 Bad Gateway' : `${status} Error`;
  return new VismaApiHttpError(status, {
    kind: 'html',
    text: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
  });
}
